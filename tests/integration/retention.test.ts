// Data retention (the daily maintenance:prune job): old finished rows go, rows still in use stay, and trial requests
// that never became leads lose the customer's contact details but keep what the funnel counts (issue 5).
import { randomBytes } from "node:crypto";
import { describe, expect, it } from "vitest";
import { pruneExpiredRecords, RETENTION_DAYS } from "../../src/domain/shared/retention.ts";
import { useTestDatabase } from "../setup/db.ts";
import { createPartner, createUser } from "./portal-helpers.ts";

const NOW = new Date("2026-11-26T12:00:00Z");
const daysAgo = (days: number) => new Date(NOW.getTime() - days * 24 * 60 * 60 * 1000);

describe("data retention", () => {
  const t = useTestDatabase();

  const mail = (status: "queued" | "sent" | "kept" | "failed", createdAt: Date) =>
    t.db
      .insertInto("email_outbox")
      .values({ to_address: "someone@example.com", template: "email-verification", subject: "s", text_body: "t", html_body: "h", status, created_at: createdAt })
      .returning("id")
      .executeTakeFirstOrThrow()
      .then((r) => Number(r.id));

  const request = (partnerId: string, status: "pending" | "confirmed" | "expired" | "rejected", createdAt: Date) =>
    t.db
      .insertInto("trial_requests")
      .values({
        partner_id: partnerId,
        status,
        contact_name: "Jamie Customer",
        contact_email: `${randomBytes(4).toString("hex")}@customer.example.com`,
        company: "Example Trading",
        company_size: "10-49",
        country: "KR",
        services: ["mail"],
        seats: 10,
        message: "Hello",
        token_hash: randomBytes(32),
        idempotency_key: randomBytes(16).toString("hex"),
        created_at: createdAt,
        expires_at: createdAt,
        confirmed_at: status === "confirmed" ? createdAt : null,
      })
      .returning("id")
      .executeTakeFirstOrThrow()
      .then((r) => r.id);

  it("deletes old sent, kept and failed mail, finished webhook deliveries and digest markers; keeps what is in use or recent", async () => {
    const old = daysAgo(RETENTION_DAYS.outbox + 1);
    const recent = daysAgo(RETENTION_DAYS.outbox - 1);
    const oldSent = await mail("sent", old);
    const oldKept = await mail("kept", old);
    const oldFailed = await mail("failed", old);
    const oldQueued = await mail("queued", old);
    const recentSent = await mail("sent", recent);

    const partner = await createPartner(t.db, { status: "authorized" });
    const user = await createUser(t.db);
    const endpoint = await t.db
      .insertInto("webhook_endpoints")
      .values({ partner_id: partner.id, url: "https://crm.example.com/hook", secret: "s", events: ["lead.created"] })
      .returning("id")
      .executeTakeFirstOrThrow();
    const delivery = (eventId: string, status: "pending" | "succeeded" | "failed", createdAt: Date) =>
      t.db
        .insertInto("webhook_deliveries")
        .values({ endpoint_id: endpoint.id, event_id: eventId, event_type: "lead.created", payload: "{}", status, created_at: createdAt })
        .returning("id")
        .executeTakeFirstOrThrow()
        .then((r) => Number(r.id));
    const oldDelivered = await delivery("evt_1", "succeeded", old);
    const oldPending = await delivery("evt_2", "pending", old);
    const recentDelivered = await delivery("evt_3", "succeeded", recent);

    await t.db
      .insertInto("lead_digests")
      .values([
        { partner_id: partner.id, user_id: user.id, day: daysAgo(RETENTION_DAYS.leadDigests + 1), lead_count: 1 },
        { partner_id: partner.id, user_id: user.id, day: daysAgo(1), lead_count: 2 },
      ])
      .execute();

    const counts = await pruneExpiredRecords(t.db, NOW);
    expect(counts).toMatchObject({ outbox: 3, webhookDeliveries: 1, leadDigests: 1 });

    const mailIds = (await t.db.selectFrom("email_outbox").select("id").execute()).map((r) => Number(r.id));
    expect(mailIds).toEqual(expect.arrayContaining([oldQueued, recentSent]));
    expect(mailIds.filter((id) => [oldSent, oldKept, oldFailed].includes(id))).toEqual([]);
    const deliveryIds = (await t.db.selectFrom("webhook_deliveries").select("id").execute()).map((r) => Number(r.id));
    expect(deliveryIds.sort()).toEqual([oldPending, recentDelivered].sort());
    expect(deliveryIds).not.toContain(oldDelivered);
    expect(await t.db.selectFrom("lead_digests").select("lead_count").execute()).toEqual([{ lead_count: 2 }]);

    // A second run finds nothing more.
    expect(await pruneExpiredRecords(t.db, NOW)).toEqual({ outbox: 0, webhookDeliveries: 0, leadDigests: 0, unconfirmedTrialRequests: 0 });
  });

  it("issue 5: strips the contact details of old unconfirmed requests, keeping month, country and services for the funnel", async () => {
    const partner = await createPartner(t.db, { status: "authorized" });
    const old = daysAgo(RETENTION_DAYS.unconfirmedTrialRequests + 1);
    const expired = await request(partner.id, "expired", old);
    const pending = await request(partner.id, "pending", old);
    const confirmed = await request(partner.id, "confirmed", old);
    const recentExpired = await request(partner.id, "expired", daysAgo(1));

    expect((await pruneExpiredRecords(t.db, NOW)).unconfirmedTrialRequests).toBe(1);
    const rows = await t.db.selectFrom("trial_requests").selectAll().execute();
    const byId = new Map(rows.map((r) => [r.id, r]));
    expect(byId.get(expired)).toMatchObject({ contact_name: "", contact_email: "", company: "", message: "", client_key: null, country: "KR", services: ["mail"] });
    expect(new Date(byId.get(expired)!.created_at)).toEqual(old);
    for (const kept of [pending, confirmed, recentExpired]) expect(byId.get(kept)!.contact_email).not.toBe("");
  });
});
