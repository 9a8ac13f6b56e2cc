// The daily lead digest and the expiry of unconfirmed requests (issue 5), run as the cron tasks run them, with an
// injected clock: only leads still "new" more than 48 hours after confirmation, only opted-in members of authorized
// partners (R1), only their own organization's leads, localized, and once per member and day however often it runs.
import { sql } from "kysely";
import { beforeAll, describe, expect, it } from "vitest";
import type { Database } from "../../db/client.ts";
import { DIGEST_AFTER_MS, sendLeadDigests } from "../../src/domain/leads/digest.ts";
import { updateMyNotificationPreferences } from "../../src/domain/leads/notifications.ts";
import { TRIAL_REQUEST_LIFETIME_MS, expireTrialRequests } from "../../src/domain/leads/trial-requests.ts";
import { createLogger } from "../../src/server/logger.ts";
import { createTaskList } from "../../src/server/worker.ts";
import { createListing, createService } from "../factories.ts";
import { useTestDatabase } from "../setup/db.ts";
import { baseUrl, mailsTo, submitRequest } from "./lead-notifications-helpers.ts";
import { addMember, createUser } from "./portal-helpers.ts";

const NOW = new Date("2026-11-20T08:00:00Z");
const HOUR = 60 * 60 * 1000;
const DAY = 24 * HOUR;

async function lead(db: Database, partnerId: string, company: string, confirmedHoursAgo: number, status = "new") {
  const confirmed = new Date(NOW.getTime() - confirmedHoursAgo * HOUR);
  const row = await db
    .insertInto("leads")
    .values({
      partner_id: partnerId,
      status,
      contact_name: "Ana",
      contact_email: "ana@customer.example",
      company,
      company_size: "50-249",
      country: "KR",
      services: ["mail"],
      seats: 10,
      confirmed_at: confirmed,
      created_at: confirmed,
    })
    .returning("id")
    .executeTakeFirstOrThrow();
  return row.id;
}

describe("daily lead digest (issue 5)", () => {
  const t = useTestDatabase();
  let a: Awaited<ReturnType<typeof createListing>>;
  let owner: Awaited<ReturnType<typeof createUser>>;
  let korean: Awaited<ReturnType<typeof createUser>>;
  let optedOut: Awaited<ReturnType<typeof createUser>>;
  let otherOwner: Awaited<ReturnType<typeof createUser>>;
  let suspendedOwner: Awaited<ReturnType<typeof createUser>>;
  let quietOwner: Awaited<ReturnType<typeof createUser>>;
  const leadIds: Record<string, string> = {};

  beforeAll(async () => {
    await createService(t.db, "mail", { en: "Mail", ko: "메일" });
    a = await createListing(t.db, { name: "Digest Partner", services: ["mail"] });
    const other = await createListing(t.db, { name: "Other Partner", services: ["mail"] });
    const suspended = await createListing(t.db, { name: "Suspended Partner", services: ["mail"], partnerStatus: "suspended" });
    const quiet = await createListing(t.db, { name: "Quiet Partner", services: ["mail"] });
    owner = await createUser(t.db);
    korean = await createUser(t.db, { locale: "ko" });
    optedOut = await createUser(t.db);
    otherOwner = await createUser(t.db);
    suspendedOwner = await createUser(t.db);
    quietOwner = await createUser(t.db);
    await addMember(t.db, a.partnerId, owner.id, "owner");
    await addMember(t.db, a.partnerId, korean.id, "member");
    await addMember(t.db, a.partnerId, optedOut.id, "admin");
    await addMember(t.db, other.partnerId, otherOwner.id, "owner");
    await addMember(t.db, suspended.partnerId, suspendedOwner.id, "owner");
    await addMember(t.db, quiet.partnerId, quietOwner.id, "owner");
    await updateMyNotificationPreferences({ db: t.db, userId: optedOut.id }, a.slug, { newLeads: true, digest: false });

    leadIds.oldest = await lead(t.db, a.partnerId, "Oldest Waiting Co", 100);
    leadIds.old = await lead(t.db, a.partnerId, "Old Waiting Co", 49);
    leadIds.recent = await lead(t.db, a.partnerId, "Recent Co", 47); // not yet 48 hours
    leadIds.answered = await lead(t.db, a.partnerId, "Answered Co", 100, "contacted");
    leadIds.other = await lead(t.db, other.partnerId, "Other Partner's Co", 72);
    leadIds.suspended = await lead(t.db, suspended.partnerId, "Suspended Co", 72);
    leadIds.quiet = await lead(t.db, quiet.partnerId, "Quiet Recent Co", 2);
  });

  it("mails each opted-in member the organization's leads still new after 48 hours, oldest first, localized", async () => {
    expect(DIGEST_AFTER_MS).toBe(48 * HOUR);
    const outcome = await sendLeadDigests({ db: t.db, baseUrl, now: NOW });
    expect(outcome).toEqual({ mails: 3, partners: 2 });

    const [mail] = await mailsTo(t.db, owner.email, "lead-digest");
    expect(mail).toBeDefined();
    expect(mail!.locale).toBe("en");
    expect(mail!.subject).toBe("Digest Partner: 2 leads have waited more than 48 hours");
    const text = mail!.text_body;
    expect(text.indexOf("Oldest Waiting Co")).toBeGreaterThan(-1);
    expect(text.indexOf("Old Waiting Co")).toBeGreaterThan(text.indexOf("Oldest Waiting Co"));
    expect(text).toContain("waiting 4 days");
    expect(text).toContain(`${baseUrl}/portal/${a.slug}/leads/${leadIds.oldest}`);
    expect(text).toContain(`${baseUrl}/portal/${a.slug}/leads?status=new`);
    // Not yet 48 hours, already answered, or another organization's: not in it.
    for (const absent of ["Recent Co", "Answered Co", "Other Partner's Co", "Suspended Co"]) expect(text).not.toContain(absent);

    const [ko] = await mailsTo(t.db, korean.email, "lead-digest");
    expect(ko!.locale).toBe("ko");
    expect(ko!.subject).toContain("리드 2건");
    expect(ko!.text_body).toContain(`${baseUrl}/ko/portal/${a.slug}/leads/${leadIds.old}`);
    expect(ko!.text_body).toContain("메일");

    // The other organization's owner hears only of its own lead.
    const [theirs] = await mailsTo(t.db, otherOwner.email, "lead-digest");
    expect(theirs!.text_body).toContain("Other Partner's Co");
    expect(theirs!.text_body).not.toContain("Waiting Co");
    expect(theirs!.subject).toContain("1 lead has waited");

    // Opted out, suspended (R1) or nothing old enough: no digest.
    for (const user of [optedOut, suspendedOwner, quietOwner]) expect(await mailsTo(t.db, user.email, "lead-digest")).toHaveLength(0);
  });

  it("is idempotent for the day: a second (or concurrent) run writes no more mails", async () => {
    const count = async () =>
      (await sql<{ n: number }>`select count(*)::int as n from email_outbox where template = 'lead-digest'`.execute(t.db)).rows[0]!.n;
    const before = await count();
    expect(await sendLeadDigests({ db: t.db, baseUrl, now: new Date(NOW.getTime() + 3 * HOUR) })).toMatchObject({ mails: 0 });
    const both = await Promise.all([1, 2].map(() => sendLeadDigests({ db: t.db, baseUrl, now: new Date(NOW.getTime() + 4 * HOUR) })));
    expect(both.map((o) => o.mails)).toEqual([0, 0]);
    expect(await count()).toBe(before);
    const rows = await t.db.selectFrom("lead_digests").select(["user_id", "lead_count"]).where("partner_id", "=", a.partnerId).execute();
    expect(rows.map((r) => r.user_id).sort()).toEqual([owner.id, korean.id].sort());
    expect(rows.every((r) => r.lead_count === 2)).toBe(true);
  });

  it("comes again the next day while leads still wait, and stops once they are answered", async () => {
    const tomorrow = new Date(NOW.getTime() + DAY);
    // "Recent Co" has now waited more than 48 hours too.
    expect(await sendLeadDigests({ db: t.db, baseUrl, now: tomorrow })).toMatchObject({ mails: 3 });
    const mails = await mailsTo(t.db, owner.email, "lead-digest");
    expect(mails).toHaveLength(2);
    expect(mails[1]!.text_body).toContain("Recent Co");

    await t.db.updateTable("leads").set({ status: "contacted" }).where("partner_id", "=", a.partnerId).execute();
    const dayAfter = new Date(NOW.getTime() + 2 * DAY);
    await sendLeadDigests({ db: t.db, baseUrl, now: dayAfter });
    expect(await mailsTo(t.db, owner.email, "lead-digest")).toHaveLength(2);
  });

  it("concurrent runs on a fresh day write exactly one digest per member (the unique key decides)", async () => {
    const day = new Date(NOW.getTime() + 5 * DAY);
    const before = (await mailsTo(t.db, otherOwner.email, "lead-digest")).length;
    const quietBefore = (await mailsTo(t.db, quietOwner.email, "lead-digest")).length;
    const outcomes = await Promise.all([1, 2, 3].map(() => sendLeadDigests({ db: t.db, baseUrl, now: day })));
    // Two members have waiting leads that day (the other partner's owner; the quiet partner's lead is old by now).
    expect(outcomes.reduce((sum, o) => sum + o.mails, 0)).toBe(2);
    expect(await mailsTo(t.db, otherOwner.email, "lead-digest")).toHaveLength(before + 1);
    expect(await mailsTo(t.db, quietOwner.email, "lead-digest")).toHaveLength(quietBefore + 1);
  });
});

describe("expiry of unconfirmed trial requests (issue 5)", () => {
  const t = useTestDatabase();
  let slug: string;

  beforeAll(async () => {
    await createService(t.db, "mail", { en: "Mail", ko: "메일" });
    slug = (await createListing(t.db, { name: "Expiry Partner", services: ["mail"] })).slug;
  });

  const statusOf = async (email: string) =>
    (await t.db.selectFrom("trial_requests").select("status").where("contact_email", "=", email).executeTakeFirstOrThrow()).status;

  it("expires only requests past their lifetime, as of the injected time", async () => {
    const old = await submitRequest(t.db, slug, new Date(NOW.getTime() - TRIAL_REQUEST_LIFETIME_MS - HOUR));
    const fresh = await submitRequest(t.db, slug, new Date(NOW.getTime() - HOUR));
    expect(await expireTrialRequests(t.db, NOW)).toBe(1);
    expect(await statusOf(old.email)).toBe("expired");
    expect(await statusOf(fresh.email)).toBe("pending");
    expect(await expireTrialRequests(t.db, NOW)).toBe(0);
  });

  it("the cron tasks are registered and the expiry task expires what is due", async () => {
    const due = await submitRequest(t.db, slug, new Date(Date.now() - TRIAL_REQUEST_LIFETIME_MS - HOUR));
    const tasks = createTaskList({ db: t.db, meili: null, indexPrefix: "", logger: createLogger("silent"), baseUrl });
    expect(Object.keys(tasks)).toEqual(expect.arrayContaining(["leads:expire-requests", "leads:daily-digest", "leads:response-times"]));
    await tasks["leads:expire-requests"]!({}, {} as never);
    expect(await statusOf(due.email)).toBe("expired");
  });
});
