// Agreement (R1) and program enrollments (R3) from the partner's side, and the overview of what they unlock.
import { describe, expect, it } from "vitest";
import { getOverview } from "../../src/domain/partners/overview.ts";
import { getPrograms, signAgreement, submitProgram } from "../../src/domain/partners/programs.ts";
import { useTestDatabase } from "../setup/db.ts";
import { auditActions, createTeam, expectCode } from "./portal-helpers.ts";

describe("partner agreement and programs", () => {
  const t = useTestDatabase();

  it("R1: signing the agreement sets agreement_signed_at once and writes an audit entry", async () => {
    const { partner, owner } = await createTeam(t.db);
    const now = new Date("2026-11-20T10:00:00Z");
    expect(await signAgreement({ db: t.db, userId: owner.id, now }, partner.slug, { accept: "on" })).toBe(true);
    const row = await t.db.selectFrom("partners").select("agreement_signed_at").where("id", "=", partner.id).executeTakeFirstOrThrow();
    expect(new Date(row.agreement_signed_at!).toISOString()).toBe(now.toISOString());
    expect(await auditActions(t.db, partner.id)).toEqual(["partner.agreement_signed"]);
    // Signing again changes nothing and isn't audited twice.
    expect(await signAgreement({ db: t.db, userId: owner.id }, partner.slug, { accept: true })).toBe(false);
    expect(await auditActions(t.db, partner.id)).toEqual(["partner.agreement_signed"]);
    const view = await getPrograms({ db: t.db, userId: owner.id }, partner.slug);
    expect(view.agreementSignedAt?.toISOString()).toBe(now.toISOString());
  });

  it("R1: the agreement must be explicitly accepted, and only by owners or admins", async () => {
    const { partner, owner, member } = await createTeam(t.db);
    await expect(signAgreement({ db: t.db, userId: owner.id }, partner.slug, { accept: "" })).rejects.toThrow();
    await expectCode(signAgreement({ db: t.db, userId: member.id }, partner.slug, { accept: "on" }), "FORBIDDEN");
    const row = await t.db.selectFrom("partners").select("agreement_signed_at").where("id", "=", partner.id).executeTakeFirstOrThrow();
    expect(row.agreement_signed_at).toBeNull();
    expect(await auditActions(t.db, partner.id)).toEqual([]);
  });

  it("R3: submits an enrollment per program (status submitted) with an audit entry; a pending one can't be resubmitted", async () => {
    const { partner, admin, member } = await createTeam(t.db);
    for (const program of ["cloud_essentials", "cloud_accelerate", "cloud_deployment"] as const) {
      await submitProgram({ db: t.db, userId: admin.id }, partner.slug, { program });
      expect(await auditActions(t.db, `${partner.id}:${program}`)).toEqual(["program.submitted"]);
    }
    const view = await getPrograms({ db: t.db, userId: member.id }, partner.slug);
    expect(view.enrollments.map((e) => [e.program, e.status])).toEqual([
      ["cloud_essentials", "submitted"],
      ["cloud_accelerate", "submitted"],
      ["cloud_deployment", "submitted"],
    ]);
    await expectCode(submitProgram({ db: t.db, userId: admin.id }, partner.slug, { program: "cloud_essentials" }), "CONFLICT");
    await expectCode(submitProgram({ db: t.db, userId: member.id }, partner.slug, { program: "cloud_essentials" }), "FORBIDDEN");
  });

  it("R3: a rejected enrollment can be submitted again; a verified one can't", async () => {
    const { partner, owner } = await createTeam(t.db);
    await t.db
      .insertInto("partner_programs")
      .values([
        { partner_id: partner.id, program: "cloud_essentials", status: "rejected", decision_reason: "Certificate expired" },
        { partner_id: partner.id, program: "cloud_deployment", status: "verified", verified_at: new Date() },
      ])
      .execute();
    await submitProgram({ db: t.db, userId: owner.id }, partner.slug, { program: "cloud_essentials" });
    const row = await t.db
      .selectFrom("partner_programs")
      .select(["status", "verified_at", "decision_reason"])
      .where("partner_id", "=", partner.id)
      .where("program", "=", "cloud_essentials")
      .executeTakeFirstOrThrow();
    // Resubmitted: the old rejection's reason no longer applies.
    expect(row).toEqual({ status: "submitted", verified_at: null, decision_reason: null });
    expect(await auditActions(t.db, `${partner.id}:cloud_essentials`)).toEqual(["program.resubmitted"]);
    await expectCode(submitProgram({ db: t.db, userId: owner.id }, partner.slug, { program: "cloud_deployment" }), "CONFLICT");
  });

  it("refuses an unknown program", async () => {
    const { partner, owner } = await createTeam(t.db);
    await expect(submitProgram({ db: t.db, userId: owner.id }, partner.slug, { program: "cloud_unknown" as "cloud_essentials" })).rejects.toThrow();
  });

  it("R1/R3: the overview shows status, reason and what is unlocked", async () => {
    const pending = await createTeam(t.db, { status: "pending" });
    const overview = await getOverview({ db: t.db, userId: pending.member.id }, pending.partner.slug);
    expect(overview.access.status).toBe("pending");
    expect(overview.unlocks).toEqual({ publishListing: false, receiveLeads: false, delegatedAdmin: false });
    expect(overview.listingStatus).toBe("none");
    expect(overview.enrollments.every((e) => e.status === "none")).toBe(true);

    const authorized = await createTeam(t.db, { status: "authorized" });
    await t.db.insertInto("partner_programs").values({ partner_id: authorized.partner.id, program: "cloud_accelerate", status: "verified" }).execute();
    const open = await getOverview({ db: t.db, userId: authorized.owner.id }, authorized.partner.slug);
    expect(open.unlocks).toEqual({ publishListing: true, receiveLeads: true, delegatedAdmin: true });

    const suspended = await createTeam(t.db, { status: "suspended", reason: "Unpaid fees" });
    const closed = await getOverview({ db: t.db, userId: suspended.admin.id }, suspended.partner.slug);
    expect(closed.statusReason).toBe("Unpaid fees");
    expect(closed.unlocks.publishListing).toBe(false);
    expect(closed.unlocks.receiveLeads).toBe(false);
  });
});
