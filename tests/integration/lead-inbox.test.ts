// The partner's lead inbox (issue 5): tenant isolation (R10), the pipeline's transition rules, races and the timeline.
import { describe, expect, it } from "vitest";
import type { Database } from "../../db/client.ts";
import { changeLeadStatus, getLead, listLeads } from "../../src/domain/leads/inbox.ts";
import { createLead } from "../factories.ts";
import { useTestDatabase } from "../setup/db.ts";
import { auditActions, createTeam, expectCode } from "./portal-helpers.ts";

async function leadRow(db: Database, id: string) {
  return db.selectFrom("leads").selectAll().where("id", "=", id).executeTakeFirstOrThrow();
}

describe("lead inbox", () => {
  const t = useTestDatabase();

  it("R10: a member lists only their own partner's leads, newest first, with counts per status", async () => {
    const a = await createTeam(t.db);
    const b = await createTeam(t.db);
    const older = await createLead(t.db, a.partner.id, { company: "Older", createdAt: new Date(Date.now() - 60_000) });
    const newer = await createLead(t.db, a.partner.id, { company: "Newer" });
    await createLead(t.db, b.partner.id, { company: "B's customer" });
    await changeLeadStatus(t.db, { userId: a.owner.id }, a.partner.slug, older, { to: "contacted" });

    const list = await listLeads(t.db, { userId: a.member.id }, a.partner.slug, { page: 1 });
    expect(list.leads.map((l) => l.id)).toEqual([newer, older]);
    expect(list.counts.new).toBe(1);
    expect(list.counts.contacted).toBe(1);
    expect(list.total).toBe(2);

    const filtered = await listLeads(t.db, { userId: a.member.id }, a.partner.slug, { status: "contacted", page: 1 });
    expect(filtered.leads.map((l) => l.id)).toEqual([older]);
    const searched = await listLeads(t.db, { userId: a.member.id }, a.partner.slug, { q: "newe", page: 1 });
    expect(searched.leads.map((l) => l.id)).toEqual([newer]);
  });

  it("R10: a member of B gets NOT_FOUND for A's list, lead and status change, and nothing changes", async () => {
    const a = await createTeam(t.db);
    const b = await createTeam(t.db);
    const lead = await createLead(t.db, a.partner.id);
    const outsider = { userId: b.owner.id };
    await expectCode(listLeads(t.db, outsider, a.partner.slug, { page: 1 }), "NOT_FOUND");
    await expectCode(getLead(t.db, outsider, a.partner.slug, lead), "NOT_FOUND");
    await expectCode(changeLeadStatus(t.db, outsider, a.partner.slug, lead, { to: "contacted" }), "NOT_FOUND");
    // Through B's own slug, A's lead doesn't exist either.
    await expectCode(getLead(t.db, outsider, b.partner.slug, lead), "NOT_FOUND");
    await expectCode(changeLeadStatus(t.db, outsider, b.partner.slug, lead, { to: "spam" }), "NOT_FOUND");
    expect((await leadRow(t.db, lead)).status).toBe("new");
  });

  it("moves a lead along the whole pipeline to won, recording each step in the timeline and the audit log", async () => {
    const a = await createTeam(t.db);
    const lead = await createLead(t.db, a.partner.id);
    const actor = { userId: a.member.id };
    for (const to of ["contacted", "trial_invited", "trial_active", "offer_sent", "won"] as const) {
      await changeLeadStatus(t.db, actor, a.partner.slug, lead, { to });
    }
    const { lead: detail } = await getLead(t.db, actor, a.partner.slug, lead);
    expect(detail.status).toBe("won");
    expect(detail.allowedNext).toEqual([]);
    expect(detail.events.map((e) => [e.type, e.data.from, e.data.to])).toEqual([
      ["status_changed", "new", "contacted"],
      ["status_changed", "contacted", "trial_invited"],
      ["status_changed", "trial_invited", "trial_active"],
      ["status_changed", "trial_active", "offer_sent"],
      ["status_changed", "offer_sent", "won"],
    ]);
    expect(await auditActions(t.db, lead)).toEqual(Array(5).fill("lead.status_changed"));
    // Final: nothing leaves won.
    await expectCode(changeLeadStatus(t.db, actor, a.partner.slug, lead, { to: "lost", lostReason: "changed mind" }), "VALIDATION_FAILED");
  });

  it("refuses invalid transitions with a field message", async () => {
    const a = await createTeam(t.db);
    const lead = await createLead(t.db, a.partner.id);
    const actor = { userId: a.member.id };
    const error = await changeLeadStatus(t.db, actor, a.partner.slug, lead, { to: "won" }).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: "VALIDATION_FAILED", fields: { to: ["leads.inbox.error.transition"] } });
    await expectCode(changeLeadStatus(t.db, actor, a.partner.slug, lead, { to: "new" }), "VALIDATION_FAILED");
    await changeLeadStatus(t.db, actor, a.partner.slug, lead, { to: "spam" });
    await expectCode(changeLeadStatus(t.db, actor, a.partner.slug, lead, { to: "contacted" }), "VALIDATION_FAILED");
    expect((await leadRow(t.db, lead)).status).toBe("spam");
  });

  it("refuses lost without a reason, and keeps the reason when given", async () => {
    const a = await createTeam(t.db);
    const lead = await createLead(t.db, a.partner.id);
    const actor = { userId: a.member.id };
    const error = await changeLeadStatus(t.db, actor, a.partner.slug, lead, { to: "lost", lostReason: "  " }).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: "VALIDATION_FAILED", fields: { lostReason: ["leads.inbox.error.lostReasonRequired"] } });
    expect((await leadRow(t.db, lead)).status).toBe("new");
    await changeLeadStatus(t.db, actor, a.partner.slug, lead, { to: "lost", lostReason: "Went with another partner" });
    const row = await leadRow(t.db, lead);
    expect(row.status).toBe("lost");
    expect(row.lost_reason).toBe("Went with another partner");
    const { lead: detail } = await getLead(t.db, actor, a.partner.slug, lead);
    expect(detail.events.at(-1)?.data).toEqual({ from: "new", to: "lost", reason: "Went with another partner" });
  });

  it("of two concurrent changes from new, exactly one applies; the other gets CONFLICT", async () => {
    const a = await createTeam(t.db);
    for (let round = 0; round < 5; round++) {
      const lead = await createLead(t.db, a.partner.id);
      const results = await Promise.allSettled([
        changeLeadStatus(t.db, { userId: a.owner.id }, a.partner.slug, lead, { from: "new", to: "contacted" }),
        changeLeadStatus(t.db, { userId: a.member.id }, a.partner.slug, lead, { from: "new", to: "spam" }),
      ]);
      const applied = results.filter((r) => r.status === "fulfilled");
      expect(applied).toHaveLength(1);
      const refused = results.find((r) => r.status === "rejected");
      expect((refused as PromiseRejectedResult).reason.code).toBe("CONFLICT");
      const events = await t.db.selectFrom("lead_events").select("id").where("lead_id", "=", lead).execute();
      expect(events).toHaveLength(1);
    }
  });

  it("sets first_response_at on the first move out of new, and only once", async () => {
    const a = await createTeam(t.db);
    const lead = await createLead(t.db, a.partner.id);
    const actor = { userId: a.member.id };
    expect((await leadRow(t.db, lead)).first_response_at).toBeNull();
    await changeLeadStatus(t.db, actor, a.partner.slug, lead, { to: "contacted" });
    const first = (await leadRow(t.db, lead)).first_response_at;
    expect(first).not.toBeNull();
    await new Promise((r) => setTimeout(r, 20));
    await changeLeadStatus(t.db, actor, a.partner.slug, lead, { to: "trial_invited" });
    expect(new Date((await leadRow(t.db, lead)).first_response_at!).getTime()).toBe(new Date(first!).getTime());
  });
});
