// Trial requests against real Postgres: the form's rules (R3, R10, R11), idempotency, exactly-once storage under
// concurrency, email confirmation turning a request into one lead (pipeline steps 1–2), and expiry.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createDb, type Database } from "../../db/client.ts";
import { isDomainError } from "../../src/domain/shared/errors.ts";
import {
  CONFIRMATION_RESEND_AFTER_MS,
  TRIAL_REQUEST_LIFETIME_MS,
  confirmTrialRequest,
  expireTrialRequests,
  peekTrialRequest,
  submitTrialRequest,
  type TrialRequestRateLimits,
} from "../../src/domain/leads/trial-requests.ts";
import { DomainError } from "../../src/domain/shared/errors.ts";
import { createListing, createService } from "../factories.ts";
import { useTestDatabase } from "../setup/db.ts";
import { addMember, createUser } from "./portal-helpers.ts";

const testDb = useTestDatabase();
const baseUrl = "https://marketplace.test";
let seq = 0;
const email = (tag = "c") => `${tag}-${Date.now().toString(36)}-${seq++}@customer.example`;

const form = (overrides: Record<string, unknown> = {}) => ({
  name: "Ana Kim",
  email: email(),
  company: "Contoso",
  companySize: "50-249",
  country: "KR",
  services: ["mail"],
  seats: "25",
  message: "We'd like a trial.",
  website: "",
  ...overrides,
});

async function errorOf(promise: Promise<unknown>): Promise<DomainError> {
  try {
    await promise;
  } catch (error) {
    if (isDomainError(error)) return error;
    throw error;
  }
  throw new Error("expected a DomainError");
}

const requestsFor = (db: Database, partnerId: string) =>
  db.selectFrom("trial_requests").selectAll().where("partner_id", "=", partnerId).orderBy("created_at").execute();

const mailsTo = (db: Database, to: string, template?: string) => {
  let q = db.selectFrom("email_outbox").selectAll().where("to_address", "=", to);
  if (template) q = q.where("template", "=", template);
  return q.orderBy("id").execute();
};

async function tokenFor(db: Database, to: string): Promise<string> {
  const mails = await mailsTo(db, to, "trial-request-confirm");
  const match = /token=([a-z2-7]+)/.exec(mails.at(-1)?.text_body ?? "");
  if (!match) throw new Error(`no confirmation mail to ${to}`);
  return match[1]!;
}

let listing: Awaited<ReturnType<typeof createListing>>;
let certified: Awaited<ReturnType<typeof createListing>>;

beforeAll(async () => {
  const db = testDb.db;
  await createService(db, "mail", { en: "Mail", ko: "메일" });
  await createService(db, "teams", { en: "Teams", ko: "팀즈" });
  await createService(db, "intune", { en: "Intune", ko: "인튠" });
  listing = await createListing(db, { name: "Plain Partner", services: ["mail", "teams"] });
  certified = await createListing(db, {
    name: "Certified Partner",
    services: ["mail", "teams"],
    programs: [{ program: "cloud_essentials", status: "verified" }],
  });
});

describe("submitTrialRequest", () => {
  it("R10: a valid request stores one pending request and one confirmation mail in the customer's language", async () => {
    const db = testDb.db;
    const f = form({ email: "  Ana.Valid@Customer.Example " });
    const result = await submitTrialRequest({ db, baseUrl }, { listingSlug: listing.slug, clientKey: "ip:1", locale: "ko", form: f });
    expect(result.status).toBe("pending");
    const rows = (await requestsFor(db, listing.partnerId)).filter((r) => r.id === result.requestId);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({
      status: "pending",
      contact_email: "ana.valid@customer.example",
      country: "KR",
      services: ["mail"],
      seats: 25,
      locale: "ko",
      client_key: "ip:1",
      lead_id: null,
    });
    expect(new Date(rows[0]!.expires_at).getTime() - new Date(rows[0]!.created_at).getTime()).toBe(TRIAL_REQUEST_LIFETIME_MS);
    const mails = await mailsTo(db, "ana.valid@customer.example");
    expect(mails).toHaveLength(1);
    expect(mails[0]).toMatchObject({ template: "trial-request-confirm", locale: "ko" });
    expect(mails[0]!.text_body).toMatch(new RegExp(`${baseUrl}/ko/trial-requests/confirm\\?token=[a-z2-7]{32}`));
    expect(mails[0]!.text_body).toContain("Plain Partner");
  });

  it("R11: a sovereign-cloud country is refused plainly; nothing stored, nothing sent", async () => {
    const db = testDb.db;
    const f = form({ country: "cn", wantsDelegatedAdmin: "on" });
    const error = await errorOf(submitTrialRequest({ db, baseUrl }, { listingSlug: listing.slug, clientKey: "ip:2", locale: "en", form: f }));
    expect(error.code).toBe("SOVEREIGN_CLOUD");
    expect(await db.selectFrom("trial_requests").select("id").where("contact_email", "=", f.email).execute()).toHaveLength(0);
    expect(await mailsTo(db, f.email)).toHaveLength(0);
  });

  it("R3: delegated admin is refused for an uncertified partner and accepted for a certified one", async () => {
    const db = testDb.db;
    const refused = form({ wantsDelegatedAdmin: "on" });
    const error = await errorOf(
      submitTrialRequest({ db, baseUrl }, { listingSlug: listing.slug, clientKey: "ip:3", locale: "en", form: refused }),
    );
    expect(error.code).toBe("VALIDATION_FAILED");
    expect(error.fields).toEqual({ wantsDelegatedAdmin: ["leads.trial.error.delegatedAdminUnavailable"] });
    expect(await mailsTo(db, refused.email)).toHaveLength(0);

    const accepted = form({ wantsDelegatedAdmin: "on" });
    const result = await submitTrialRequest({ db, baseUrl }, { listingSlug: certified.slug, clientKey: "ip:3", locale: "en", form: accepted });
    const row = await db.selectFrom("trial_requests").selectAll().where("id", "=", result.requestId).executeTakeFirstOrThrow();
    expect(row.wants_delegated_admin).toBe(true);
  });

  it("R3: a program that is only submitted or rejected does not certify", async () => {
    const db = testDb.db;
    const l = await createListing(db, {
      services: ["mail"],
      programs: [
        { program: "cloud_accelerate", status: "submitted" },
        { program: "cloud_deployment", status: "rejected" },
      ],
    });
    const error = await errorOf(
      submitTrialRequest({ db, baseUrl }, { listingSlug: l.slug, clientKey: "ip:3", locale: "en", form: form({ wantsDelegatedAdmin: true }) }),
    );
    expect(error.fields).toHaveProperty("wantsDelegatedAdmin");
  });

  it("refuses services the listing doesn't offer, and invalid fields, with field messages", async () => {
    const db = testDb.db;
    const f = form({ services: ["mail", "intune"] });
    const error = await errorOf(submitTrialRequest({ db, baseUrl }, { listingSlug: listing.slug, clientKey: "ip:4", locale: "en", form: f }));
    expect(error.code).toBe("VALIDATION_FAILED");
    expect(error.fields).toEqual({ services: ["leads.trial.error.serviceNotOffered"] });

    const bad = await errorOf(
      submitTrialRequest({ db, baseUrl }, { listingSlug: listing.slug, clientKey: "ip:4", locale: "en", form: form({ seats: "0", email: "x" }) }),
    );
    expect(Object.keys(bad.fields).sort()).toEqual(["email", "seats"]);
    expect(await db.selectFrom("trial_requests").select("id").where("contact_email", "=", f.email).execute()).toHaveLength(0);
  });

  it("refuses a service the catalog has retired even if the listing still names it", async () => {
    const db = testDb.db;
    await createService(db, "retired", { en: "Retired", ko: "중단" });
    await db.updateTable("services").set({ active: false }).where("id", "=", "retired").execute();
    const l = await createListing(db, { services: ["mail", "retired"] });
    const error = await errorOf(
      submitTrialRequest({ db, baseUrl }, { listingSlug: l.slug, clientKey: "ip:4", locale: "en", form: form({ services: ["retired"] }) }),
    );
    expect(error.fields).toEqual({ services: ["leads.trial.error.serviceNotOffered"] });
  });

  it("a filled honeypot pretends success and stores nothing", async () => {
    const db = testDb.db;
    const f = form({ website: "http://spam.example" });
    const result = await submitTrialRequest({ db, baseUrl }, { listingSlug: listing.slug, clientKey: "ip:5", locale: "en", form: f });
    expect(result.status).toBe("pending");
    expect(await db.selectFrom("trial_requests").select("id").where("id", "=", result.requestId).execute()).toHaveLength(0);
    expect(await mailsTo(db, f.email)).toHaveLength(0);
  });

  it("R1/R10: a listing that isn't public is NOT_FOUND (draft, unpublished, pending or suspended partner, unknown)", async () => {
    const db = testDb.db;
    const hidden = [
      await createListing(db, { services: ["mail"], listingStatus: "unpublished" }),
      await createListing(db, { services: ["mail"], listingStatus: "draft" }),
      await createListing(db, { services: ["mail"], partnerStatus: "suspended" }),
      await createListing(db, { services: ["mail"], partnerStatus: "pending" }),
    ];
    for (const l of [...hidden.map((h) => h.slug), "no-such-listing"]) {
      const error = await errorOf(submitTrialRequest({ db, baseUrl }, { listingSlug: l, clientKey: "ip:6", locale: "en", form: form() }));
      expect(error.code).toBe("NOT_FOUND");
    }
    for (const h of hidden) expect(await requestsFor(db, h.partnerId)).toHaveLength(0);
  });

  it("applies the per-client and per-email limits when given", async () => {
    const db = testDb.db;
    const seen: string[] = [];
    const rateLimits: TrialRequestRateLimits = {
      async consume(name, key) {
        seen.push(`${name}:${key}`);
        if (name === "publicFormEmail" && key.startsWith("limited")) throw new DomainError("RATE_LIMITED", "slow down", { retryAfter: 60 });
      },
    };
    const f = form();
    await submitTrialRequest({ db, baseUrl, rateLimits }, { listingSlug: listing.slug, clientKey: "ip:7", locale: "en", form: f });
    expect(seen).toEqual(["publicFormClient:ip:7", `publicFormEmail:${f.email}`]);
    const limited = form({ email: "limited@customer.example" });
    const error = await errorOf(
      submitTrialRequest({ db, baseUrl, rateLimits }, { listingSlug: listing.slug, clientKey: "ip:7", locale: "en", form: limited }),
    );
    expect(error).toMatchObject({ code: "RATE_LIMITED", retryAfter: 60 });
    expect(await mailsTo(db, limited.email)).toHaveLength(0);
  });

  it("a double submit gives one request and one mail; after the pause a resubmit re-sends with a new link", async () => {
    const db = testDb.db;
    const f = form();
    const t0 = new Date();
    const input = { listingSlug: listing.slug, clientKey: "ip:8", locale: "en" as const, form: f };
    const first = await submitTrialRequest({ db, baseUrl, now: t0 }, input);
    const second = await submitTrialRequest({ db, baseUrl, now: new Date(t0.getTime() + 1000) }, { ...input, form: { ...f, email: f.email.toUpperCase() } });
    expect(second).toEqual(first);
    expect(await mailsTo(db, f.email)).toHaveLength(1);
    const oldToken = await tokenFor(db, f.email);

    const later = new Date(t0.getTime() + CONFIRMATION_RESEND_AFTER_MS + 1000);
    const third = await submitTrialRequest({ db, baseUrl, now: later }, { ...input, form: { ...f, seats: "40" } });
    expect(third).toEqual(first);
    expect(await mailsTo(db, f.email)).toHaveLength(2);
    const newToken = await tokenFor(db, f.email);
    expect(newToken).not.toBe(oldToken);
    const row = await db.selectFrom("trial_requests").selectAll().where("id", "=", first.requestId).executeTakeFirstOrThrow();
    expect(row.seats).toBe(40);
    // Only the newest link works.
    await expect(confirmTrialRequest({ db, baseUrl, now: later }, oldToken)).rejects.toMatchObject({ code: "TOKEN_INVALID" });
    await confirmTrialRequest({ db, baseUrl, now: later }, newToken);
    // Resubmitting the same day after confirming returns the confirmed request: still one lead.
    const fourth = await submitTrialRequest({ db, baseUrl, now: later }, input);
    expect(fourth).toEqual({ requestId: first.requestId, status: "confirmed" });
    expect(await db.selectFrom("leads").select("id").where("contact_email", "=", f.email).execute()).toHaveLength(1);
  });
});

describe("under concurrency", () => {
  let pool: Database;
  beforeAll(() => {
    pool = createDb(testDb.url, { max: 20 });
  });
  afterAll(async () => {
    await pool.destroy();
  });

  it("200 concurrent submissions from 200 addresses store exactly 200 requests and 200 mails", { timeout: 120_000 }, async () => {
    const l = await createListing(pool, { services: ["mail", "teams"] });
    const emails = Array.from({ length: 200 }, (_, i) => `burst-${i}-${Date.now().toString(36)}@customer.example`);
    const results = await Promise.all(
      emails.map((e, i) =>
        submitTrialRequest({ db: pool, baseUrl }, { listingSlug: l.slug, clientKey: `ip:${i}`, locale: "en", form: form({ email: e }) }),
      ),
    );
    expect(new Set(results.map((r) => r.requestId)).size).toBe(200);
    const rows = await requestsFor(pool, l.partnerId);
    expect(rows).toHaveLength(200);
    expect(new Set(rows.map((r) => r.contact_email))).toEqual(new Set(emails));
    const mails = await pool
      .selectFrom("email_outbox")
      .select("to_address")
      .where("to_address", "in", emails)
      .where("template", "=", "trial-request-confirm")
      .execute();
    expect(mails).toHaveLength(200);
  });

  it("50 concurrent submissions of the same address store exactly 1 pending request and send 1 mail", { timeout: 60_000 }, async () => {
    const l = await createListing(pool, { services: ["mail"] });
    const f = form();
    const results = await Promise.all(
      Array.from({ length: 50 }, (_, i) =>
        submitTrialRequest({ db: pool, baseUrl }, { listingSlug: l.slug, clientKey: `ip:${i}`, locale: "en", form: f }),
      ),
    );
    expect(new Set(results.map((r) => r.requestId)).size).toBe(1);
    const rows = await requestsFor(pool, l.partnerId);
    expect(rows).toHaveLength(1);
    expect(rows[0]!.status).toBe("pending");
    expect(await mailsTo(pool, f.email)).toHaveLength(1);
  });

  it("a double confirm (Promise.all) creates one lead", async () => {
    const l = await createListing(pool, { services: ["mail"] });
    const f = form();
    await submitTrialRequest({ db: pool, baseUrl }, { listingSlug: l.slug, clientKey: "ip:9", locale: "en", form: f });
    const token = await tokenFor(pool, f.email);
    const outcomes = await Promise.allSettled(Array.from({ length: 5 }, () => confirmTrialRequest({ db: pool, baseUrl }, token)));
    const ok = outcomes.filter((o) => o.status === "fulfilled");
    expect(ok).toHaveLength(1);
    for (const o of outcomes) if (o.status === "rejected") expect(o.reason).toMatchObject({ code: "TOKEN_INVALID" });
    expect(await pool.selectFrom("leads").select("id").where("partner_id", "=", l.partnerId).execute()).toHaveLength(1);
  });
});

describe("confirmTrialRequest", () => {
  it("pipeline step 2: creates exactly one lead, its events, and one lead-new mail per partner member", async () => {
    const db = testDb.db;
    const l = await createListing(db, { name: "Team Partner", services: ["mail", "teams"] });
    const owner = await createUser(db, { locale: "en" });
    const member = await createUser(db, { locale: "ko" });
    await addMember(db, l.partnerId, owner.id, "owner");
    await addMember(db, l.partnerId, member.id, "member");
    const f = form({ services: ["teams", "mail"], company: "Fabrikam", wantsDelegatedAdmin: false });
    const submitted = await submitTrialRequest({ db, baseUrl }, { listingSlug: l.slug, clientKey: "ip:10", locale: "en", form: f });
    const token = await tokenFor(db, f.email);

    expect(await peekTrialRequest(db, token)).toEqual({ partnerName: "Team Partner", listingSlug: l.slug, locale: "en" });
    const { leadId, partnerName } = await confirmTrialRequest({ db, baseUrl }, token);
    expect(partnerName).toBe("Team Partner");
    expect(await peekTrialRequest(db, token)).toBeNull();

    const leads = await db.selectFrom("leads").selectAll().where("partner_id", "=", l.partnerId).execute();
    expect(leads).toHaveLength(1);
    expect(leads[0]).toMatchObject({
      id: leadId,
      status: "new",
      listing_id: l.listingId,
      contact_email: f.email,
      company: "Fabrikam",
      services: ["teams", "mail"],
      seats: 25,
      country: "KR",
    });
    expect(leads[0]!.confirmed_at).not.toBeNull();
    const events = await db.selectFrom("lead_events").select(["type", "data"]).where("lead_id", "=", leadId).orderBy("id").execute();
    // The owner and the member are both told; the timeline says so.
    expect(events.map((e) => e.type)).toEqual(["created", "confirmed", "emails_sent"]);
    expect(events[2]!.data).toMatchObject({ template: "lead-new", recipients: 2 });
    expect(events[0]!.data).toMatchObject({ source: "trial_request", trialRequestId: submitted.requestId });
    const request = await db.selectFrom("trial_requests").selectAll().where("id", "=", submitted.requestId).executeTakeFirstOrThrow();
    expect(request).toMatchObject({ status: "confirmed", lead_id: leadId });

    const ownerMails = await mailsTo(db, owner.email, "lead-new");
    const memberMails = await mailsTo(db, member.email, "lead-new");
    expect(ownerMails).toHaveLength(1);
    expect(memberMails).toHaveLength(1);
    expect(ownerMails[0]!.text_body).toContain(`${baseUrl}/portal/${l.slug}/leads/${leadId}`);
    expect(ownerMails[0]!.text_body).toContain("Teams, Mail");
    expect(memberMails[0]!.locale).toBe("ko");
    expect(memberMails[0]!.text_body).toContain(`${baseUrl}/ko/portal/${l.slug}/leads/${leadId}`);
    expect(memberMails[0]!.text_body).toContain("팀즈, 메일");

    // Spent: a second click is refused and changes nothing.
    await expect(confirmTrialRequest({ db, baseUrl }, token)).rejects.toMatchObject({ code: "TOKEN_INVALID" });
    expect(await db.selectFrom("leads").select("id").where("partner_id", "=", l.partnerId).execute()).toHaveLength(1);
    expect(await mailsTo(db, owner.email, "lead-new")).toHaveLength(1);
  });

  it("refuses unknown and malformed tokens", async () => {
    const db = testDb.db;
    for (const token of ["abcdefghijklmnopqrstuvwxyz234567", "nope", ""]) {
      await expect(confirmTrialRequest({ db, baseUrl }, token)).rejects.toMatchObject({ code: "TOKEN_INVALID" });
    }
  });

  it("refuses an expired token and creates no lead", async () => {
    const db = testDb.db;
    const f = form();
    const t0 = new Date(Date.now() - TRIAL_REQUEST_LIFETIME_MS - 60_000);
    await submitTrialRequest({ db, baseUrl, now: t0 }, { listingSlug: listing.slug, clientKey: "ip:11", locale: "en", form: f });
    const token = await tokenFor(db, f.email);
    expect(await peekTrialRequest(db, token)).toBeNull();
    await expect(confirmTrialRequest({ db, baseUrl }, token)).rejects.toMatchObject({ code: "TOKEN_INVALID" });
    expect(await db.selectFrom("leads").select("id").where("contact_email", "=", f.email).execute()).toHaveLength(0);
  });

  it("R1: a partner suspended after the request can't receive the lead", async () => {
    const db = testDb.db;
    const l = await createListing(db, { services: ["mail"] });
    const f = form();
    await submitTrialRequest({ db, baseUrl }, { listingSlug: l.slug, clientKey: "ip:12", locale: "en", form: f });
    await db.updateTable("partners").set({ status: "suspended" }).where("id", "=", l.partnerId).execute();
    await expect(confirmTrialRequest({ db, baseUrl }, await tokenFor(db, f.email))).rejects.toMatchObject({ code: "TOKEN_INVALID" });
    expect(await db.selectFrom("leads").select("id").where("partner_id", "=", l.partnerId).execute()).toHaveLength(0);
  });
});

describe("expireTrialRequests", () => {
  it("marks pending requests past 48 h expired, leaves newer ones, and lets the customer ask again", async () => {
    const db = testDb.db;
    const l = await createListing(db, { services: ["mail"] });
    const old = form();
    const fresh = form();
    const now = new Date();
    await submitTrialRequest(
      { db, baseUrl, now: new Date(now.getTime() - TRIAL_REQUEST_LIFETIME_MS - 1000) },
      { listingSlug: l.slug, clientKey: "ip:13", locale: "en", form: old },
    );
    await submitTrialRequest({ db, baseUrl, now }, { listingSlug: l.slug, clientKey: "ip:13", locale: "en", form: fresh });
    expect(await expireTrialRequests(db, now)).toBeGreaterThanOrEqual(1);
    const rows = await requestsFor(db, l.partnerId);
    expect(rows.map((r) => [r.contact_email, r.status])).toEqual([
      [old.email, "expired"],
      [fresh.email, "pending"],
    ]);
    expect(await expireTrialRequests(db, now)).toBe(0);

    const again = await submitTrialRequest({ db, baseUrl, now }, { listingSlug: l.slug, clientKey: "ip:13", locale: "en", form: old });
    expect(again.status).toBe("pending");
    expect((await requestsFor(db, l.partnerId)).filter((r) => r.contact_email === old.email)).toHaveLength(2);
  });

  it("a resubmission replaces a pending request that expired before the job ran", async () => {
    const db = testDb.db;
    const l = await createListing(db, { services: ["mail"] });
    const f = form();
    const now = new Date();
    const first = await submitTrialRequest(
      { db, baseUrl, now: new Date(now.getTime() - TRIAL_REQUEST_LIFETIME_MS - 1000) },
      { listingSlug: l.slug, clientKey: "ip:14", locale: "en", form: f },
    );
    const second = await submitTrialRequest({ db, baseUrl, now }, { listingSlug: l.slug, clientKey: "ip:14", locale: "en", form: f });
    expect(second.requestId).not.toBe(first.requestId);
    const rows = await requestsFor(db, l.partnerId);
    expect(rows.map((r) => r.status)).toEqual(["expired", "pending"]);
    expect(await mailsTo(db, f.email)).toHaveLength(2);
  });
});
