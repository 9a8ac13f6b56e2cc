// Operator console services against real Postgres and Meilisearch: R1 authorization, R3 program verification,
// R2 offers, moderation, audit and mail, and the refusal of non-operators.
import { Logger, runOnce } from "graphile-worker";
import { beforeAll, describe, expect, it } from "vitest";
import { searchListings } from "../../search/search.ts";
import { decidePartner, decideProgram } from "../../src/domain/operator/partners.ts";
import { moderateListing } from "../../src/domain/operator/listings.ts";
import { listOffers, saveOffer, saveService, setServiceActive } from "../../src/domain/operator/catalog.ts";
import { listAuditLog } from "../../src/domain/operator/audit-log.ts";
import type { OperatorContext } from "../../src/domain/operator/context.ts";
import { SearchQuerySchema, type SearchQuery } from "../../src/domain/search/query.ts";
import { isDomainError } from "../../src/domain/shared/errors.ts";
import { createLogger } from "../../src/server/logger.ts";
import { createTaskList } from "../../src/server/worker.ts";
import { createListing, createService } from "../factories.ts";
import { useTestDatabase, useTestSearch } from "../setup/db.ts";

const q = (input: Partial<Record<keyof SearchQuery, unknown>>): SearchQuery => SearchQuerySchema.parse(input);
let seq = 0;

describe("operator console", () => {
  const t = useTestDatabase();
  const s = useTestSearch();
  let operatorId = "";
  const ctx = (): OperatorContext => ({ db: t.db, actor: { id: operatorId, isOperator: true }, baseUrl: "http://localhost:4321" });
  const deps = () => ({ db: t.db, meili: s.client, indexPrefix: s.prefix });
  const runJobs = () =>
    runOnce({ connectionString: t.url, logger: new Logger(() => () => {}), taskList: createTaskList({ ...deps(), logger: createLogger("silent") }) });

  async function user(opts: { operator?: boolean; locale?: "en" | "ko" } = {}) {
    const row = await t.db
      .insertInto("users")
      .values({ email: `u${seq++}-${Date.now()}@example.com`, display_name: "Someone", is_operator: opts.operator ?? false, locale: opts.locale ?? "en" })
      .returning(["id", "email"])
      .executeTakeFirstOrThrow();
    return row;
  }

  /** A partner with an owner, an admin and a member; listing published unless told otherwise. */
  async function partner(spec: Parameters<typeof createListing>[1] & { signed?: boolean } = {}) {
    const made = await createListing(t.db, { services: ["mail"], ...spec });
    if (spec.signed !== false) await t.db.updateTable("partners").set({ agreement_signed_at: new Date() }).where("id", "=", made.partnerId).execute();
    for (const role of ["owner", "admin", "member"] as const) {
      const u = await user({ locale: role === "admin" ? "ko" : "en" });
      await t.db.insertInto("partner_members").values({ partner_id: made.partnerId, user_id: u.id, role }).execute();
    }
    return made;
  }

  const mails = async (template: string) =>
    (await t.db.selectFrom("email_outbox").select(["to_address", "locale", "subject", "text_body"]).where("template", "=", template).execute());
  const auditOf = (subjectId: string) => t.db.selectFrom("audit_log").selectAll().where("subject_id", "=", subjectId).execute();
  const found = async (name: string) => (await searchListings(deps(), q({ q: name, hitsPerPage: 50 }))).hits.map((h) => h.name);

  beforeAll(async () => {
    operatorId = (await user({ operator: true })).id;
    await createService(t.db, "mail", { en: "Business email", ko: "비즈니스 메일" });
    await createService(t.db, "chat", { en: "Team chat", ko: "팀 채팅" });
  });

  it("R1: approving requires the signed partner agreement, and says so", async () => {
    const p = await partner({ partnerStatus: "pending", signed: false });
    const error = await decidePartner(ctx(), p.partnerId, "approve", {}).catch((e: unknown) => e);
    expect(isDomainError(error, "CONFLICT")).toBe(true);
    expect((error as { fields: Record<string, string[]> }).fields._form).toEqual(["operator.error.agreementMissing"]);
    const row = await t.db.selectFrom("partners").select("status").where("id", "=", p.partnerId).executeTakeFirstOrThrow();
    expect(row.status).toBe("pending");
    expect(await auditOf(p.partnerId)).toHaveLength(0);
  });

  it("R1: approval makes a published listing findable after the sync job, and mails owners and admins", async () => {
    const p = await partner({ name: "Zephyr Approved Mailworks", partnerStatus: "pending" });
    expect(await found("Zephyr Approved")).toEqual([]);
    const result = await decidePartner(ctx(), p.partnerId, "approve", {});
    expect(result).toEqual({ changed: true, listingIds: [p.listingId] });
    const row = await t.db.selectFrom("partners").selectAll().where("id", "=", p.partnerId).executeTakeFirstOrThrow();
    expect(row.status).toBe("authorized");
    expect(row.authorized_by).toBe(operatorId);
    expect(row.authorized_at).toBeInstanceOf(Date);
    await runJobs();
    expect(await found("Zephyr Approved")).toEqual(["Zephyr Approved Mailworks"]);
    const sent = (await mails("partner-decision")).filter((m) => m.subject.includes("Zephyr") || m.text_body.includes("Zephyr"));
    // Owner (en) and admin (ko); the plain member is not mailed.
    expect(sent.map((m) => m.locale).sort()).toEqual(["en", "ko"]);
  });

  it("R1: double approve (double submit) changes, audits and mails once", async () => {
    const p = await partner({ name: "Twice Clicked Ltd", partnerStatus: "pending" });
    const before = (await mails("partner-decision")).length;
    const [a, b] = await Promise.all([decidePartner(ctx(), p.partnerId, "approve", {}), decidePartner(ctx(), p.partnerId, "approve", {})]);
    expect([a.changed, b.changed].sort()).toEqual([false, true]);
    const again = await decidePartner(ctx(), p.partnerId, "approve", {});
    expect(again.changed).toBe(false);
    expect((await mails("partner-decision")).length - before).toBe(2); // one mail each to the owner and the admin
    expect(await auditOf(p.partnerId)).toHaveLength(1);
  });

  it("R1: suspension removes the listing from search; reinstating brings it back", async () => {
    const p = await partner({ name: "Quokka Suspended Cloud" });
    await runJobs();
    await decidePartner(ctx(), p.partnerId, "approve", {}).catch(() => {}); // already authorized: no-op
    const { syncListings } = await import("../../search/indexer.ts");
    await syncListings(t.db, s.client, s.prefix, [p.listingId]);
    expect(await found("Quokka Suspended")).toEqual(["Quokka Suspended Cloud"]);

    const suspended = await decidePartner(ctx(), p.partnerId, "suspend", { reason: "Complaints about fake reviews" });
    expect(suspended.changed).toBe(true);
    await runJobs();
    expect(await found("Quokka Suspended")).toEqual([]);
    const row = await t.db.selectFrom("partners").select(["status", "status_reason"]).where("id", "=", p.partnerId).executeTakeFirstOrThrow();
    expect(row).toEqual({ status: "suspended", status_reason: "Complaints about fake reviews" });
    const mail = (await mails("partner-decision")).find((m) => m.text_body.includes("Complaints about fake reviews"));
    expect(mail).toBeDefined();

    await decidePartner(ctx(), p.partnerId, "reinstate", {});
    await runJobs();
    expect(await found("Quokka Suspended")).toEqual(["Quokka Suspended Cloud"]);
  });

  it("reject, suspend and moderate require a reason (field message)", async () => {
    const p = await partner({ partnerStatus: "pending" });
    for (const input of [{}, { reason: "   " }]) {
      const error = await decidePartner(ctx(), p.partnerId, "reject", input).catch((e: unknown) => e);
      expect(isDomainError(error, "VALIDATION_FAILED")).toBe(true);
      expect((error as { fields: Record<string, string[]> }).fields.reason).toEqual(["operator.error.reasonRequired"]);
    }
    const q2 = await partner();
    await expect(decidePartner(ctx(), q2.partnerId, "suspend", {})).rejects.toMatchObject({ code: "VALIDATION_FAILED" });
    await expect(moderateListing(ctx(), q2.listingId, { reason: "" })).rejects.toMatchObject({ code: "VALIDATION_FAILED" });
    await expect(decideProgram(ctx(), q2.partnerId, { program: "cloud_essentials", decision: "rejected" })).rejects.toMatchObject({
      code: "VALIDATION_FAILED",
    });
    const rejected = await decidePartner(ctx(), p.partnerId, "reject", { reason: "Agreement signed by the wrong entity" });
    expect(rejected.changed).toBe(true);
    const row = await t.db.selectFrom("partners").select(["status", "status_reason"]).where("id", "=", p.partnerId).executeTakeFirstOrThrow();
    expect(row).toEqual({ status: "rejected", status_reason: "Agreement signed by the wrong entity" });
  });

  it("R3: verifying a program flips delegatedAdmin in search; a rejection is mailed with its reason", async () => {
    const p = await partner({ name: "Delegato Admin Partners", programs: [{ program: "cloud_accelerate", status: "submitted" }, { program: "cloud_deployment", status: "submitted" }] });
    const { syncListings } = await import("../../search/indexer.ts");
    await syncListings(t.db, s.client, s.prefix, [p.listingId]);
    const hit = async () => (await searchListings(deps(), q({ q: "Delegato Admin" }))).hits[0];
    expect((await hit())?.delegatedAdmin).toBe(false);

    const verified = await decideProgram(ctx(), p.partnerId, { program: "cloud_accelerate", decision: "verified" });
    expect(verified.changed).toBe(true);
    await runJobs();
    expect((await hit())?.delegatedAdmin).toBe(true);
    expect((await hit())?.programs).toEqual(["cloud_accelerate"]);

    await decideProgram(ctx(), p.partnerId, { program: "cloud_deployment", decision: "rejected", reason: "Certificate expired" });
    const again = await decideProgram(ctx(), p.partnerId, { program: "cloud_deployment", decision: "verified" });
    expect(again.changed).toBe(false); // already decided: nothing happens twice
    const programs = await t.db
      .selectFrom("partner_programs")
      .select(["program", "status", "verified_by", "decision_reason"])
      .where("partner_id", "=", p.partnerId)
      .orderBy("program")
      .execute();
    // The reason stays with the enrollment: the partner's programs page shows it (loadEnrollments).
    expect(programs).toEqual([
      { program: "cloud_accelerate", status: "verified", verified_by: operatorId, decision_reason: null },
      { program: "cloud_deployment", status: "rejected", verified_by: operatorId, decision_reason: "Certificate expired" },
    ]);
    const { loadEnrollments } = await import("../../src/domain/partners/programs.ts");
    expect((await loadEnrollments(t.db, p.partnerId)).find((e) => e.program === "cloud_deployment")?.rejectionReason).toBe("Certificate expired");
    const sent = (await mails("program-decision")).filter((m) => m.text_body.includes("Delegato"));
    expect(sent).toHaveLength(4);
    expect(sent.some((m) => m.text_body.includes("Certificate expired"))).toBe(true);
  });

  it("R10: moderation unpublishes with a reason, records a revision and leaves search", async () => {
    const p = await partner({ name: "Moderated Misleading Co" });
    const { syncListings } = await import("../../search/indexer.ts");
    await syncListings(t.db, s.client, s.prefix, [p.listingId]);
    expect(await found("Moderated Misleading")).toHaveLength(1);
    const result = await moderateListing(ctx(), p.listingId, { reason: "Claims a certification it does not hold" });
    expect(result.changed).toBe(true);
    expect((await moderateListing(ctx(), p.listingId, { reason: "again" })).changed).toBe(false);
    await runJobs();
    expect(await found("Moderated Misleading")).toEqual([]);
    const revision = await t.db.selectFrom("listing_revisions").selectAll().where("partner_id", "=", p.partnerId).executeTakeFirstOrThrow();
    expect(revision).toMatchObject({ action: "moderated", reason: "Claims a certification it does not hold", actor_user_id: operatorId });
    expect((await mails("listing-moderated")).filter((m) => m.text_body.includes("Claims a certification"))).toHaveLength(2);
  });

  it("every action writes exactly one audit entry", async () => {
    const p = await partner({ partnerStatus: "pending", programs: [{ program: "cloud_essentials", status: "submitted" }] });
    await decidePartner(ctx(), p.partnerId, "approve", {});
    await decidePartner(ctx(), p.partnerId, "suspend", { reason: "Unpaid fees" });
    await decidePartner(ctx(), p.partnerId, "reinstate", {});
    await decideProgram(ctx(), p.partnerId, { program: "cloud_essentials", decision: "verified" });
    await moderateListing(ctx(), p.listingId, { reason: "Spam" });
    const entries = await t.db
      .selectFrom("audit_log")
      .select(["action", "actor_user_id"])
      .where("subject_id", "in", [p.partnerId, p.listingId, `${p.partnerId}:cloud_essentials`])
      .orderBy("id")
      .execute();
    expect(entries.map((e) => e.action)).toEqual(["partner.approve", "partner.suspend", "partner.reinstate", "program.verify", "listing.unpublish"]);
    expect(entries.every((e) => e.actor_user_id === operatorId)).toBe(true);
    const log = await listAuditLog(ctx(), { subjectType: "program", page: 1 });
    expect(log.rows[0]?.subjectId).toBe(`${p.partnerId}:cloud_essentials`);
    expect(log.rows.every((r) => r.subjectType === "program")).toBe(true);
  });

  it("R2: an offer bundles existing active services with a bounded trial length and seat cap", async () => {
    const valid = { id: "business-trial", nameEn: "Business trial", nameKo: "비즈니스 체험", trialDays: "30", seatCap: "25", services: ["mail", "chat"], active: "on" };
    await saveOffer(ctx(), "create", valid);
    const offer = (await listOffers(ctx())).find((o) => o.id === "business-trial");
    expect(offer).toEqual({ id: "business-trial", nameEn: "Business trial", nameKo: "비즈니스 체험", trialDays: 30, seatCap: 25, services: ["chat", "mail"], active: true });

    const fieldsOf = (e: unknown) => Object.keys((e as { fields: Record<string, string[]> }).fields).sort();
    const bad = await saveOffer(ctx(), "create", { ...valid, id: "bad", trialDays: "0", seatCap: "100001", services: [] }).catch((e: unknown) => e);
    expect(isDomainError(bad, "VALIDATION_FAILED")).toBe(true);
    expect(fieldsOf(bad)).toEqual(["seatCap", "services", "trialDays"]);
    const unknown = await saveOffer(ctx(), "create", { ...valid, id: "ghost", services: ["no-such-service"] }).catch((e: unknown) => e);
    expect(fieldsOf(unknown)).toEqual(["services"]);
    const taken = await saveOffer(ctx(), "create", valid).catch((e: unknown) => e);
    expect(isDomainError(taken, "CONFLICT")).toBe(true);

    await saveOffer(ctx(), "update", { ...valid, trialDays: "60", services: "mail" });
    expect((await listOffers(ctx())).find((o) => o.id === "business-trial")).toMatchObject({ trialDays: 60, services: ["mail"] });
    expect((await auditOf("business-trial")).map((a) => a.action)).toEqual(["offer.create", "offer.update"]);
  });

  it("renaming or deactivating a service re-syncs the listings offering it", async () => {
    await saveService(ctx(), "create", { id: "wiki", nameEn: "Wiki", nameKo: "위키", category: "productivity", sortOrder: "5", active: "on" });
    const p = await partner({ name: "Wikiwise Knowledge", services: ["wiki"] });
    const { syncListings } = await import("../../search/indexer.ts");
    await syncListings(t.db, s.client, s.prefix, [p.listingId]);
    const renamed = await saveService(ctx(), "update", { id: "wiki", nameEn: "Company wiki", nameKo: "사내 위키", category: "productivity", sortOrder: "5", active: "on" });
    expect(renamed.listingIds).toEqual([p.listingId]);
    const off = await setServiceActive(ctx(), "wiki", false);
    expect(off).toEqual({ changed: true, listingIds: [p.listingId] });
    await runJobs();
    const hit = (await searchListings(deps(), q({ q: "Wikiwise" }))).hits[0];
    expect(hit?.services).toEqual([]);
  });

  it("refuses non-operators in every service (FORBIDDEN)", async () => {
    const p = await partner({ partnerStatus: "pending" });
    const member = await user();
    const asMember: OperatorContext = { ...ctx(), actor: { id: member.id, isOperator: false } };
    const calls = [
      () => decidePartner(asMember, p.partnerId, "approve", {}),
      () => decideProgram(asMember, p.partnerId, { program: "cloud_essentials", decision: "verified" }),
      () => moderateListing(asMember, p.listingId, { reason: "x" }),
      () => saveService(asMember, "create", { id: "x", nameEn: "x", nameKo: "x", category: "x" }),
      () => setServiceActive(asMember, "mail", false),
      () => saveOffer(asMember, "create", {}),
      () => listAuditLog(asMember, { page: 1 }),
    ];
    for (const call of calls) await expect(call()).rejects.toMatchObject({ code: "FORBIDDEN" });
    const row = await t.db.selectFrom("partners").select("status").where("id", "=", p.partnerId).executeTakeFirstOrThrow();
    expect(row.status).toBe("pending");
  });
});
