// The partner agreement (R1) and program enrollments (R3): the partner signs and submits; an operator verifies.
import type { Database } from "../../../db/client.ts";
import { audit } from "../shared/audit.ts";
import { DomainError } from "../shared/errors.ts";
import type { PortalActor } from "./members.ts";
import { requirePartnerPermission, type PartnerAccess } from "./membership.ts";
import { PROGRAM_IDS, signAgreementSchema, submitProgramSchema, type ProgramId, type SignAgreementInput, type SubmitProgramInput } from "./schemas.ts";

export type EnrollmentStatus = "none" | "submitted" | "verified" | "rejected";

export interface Enrollment {
  program: ProgramId;
  status: EnrollmentStatus;
  submittedAt: Date | null;
  verifiedAt: Date | null;
  /** The operator's reason, when it rejected the enrollment (shown to the partner so it can fix and resubmit). */
  rejectionReason: string | null;
}

export interface ProgramsView {
  access: PartnerAccess;
  agreementSignedAt: Date | null;
  enrollments: Enrollment[];
}

/** Every program, enrolled or not, in the catalog's order. */
export async function loadEnrollments(db: Database, partnerId: string): Promise<Enrollment[]> {
  const rows = await db
    .selectFrom("partner_programs")
    .select(["program", "status", "submitted_at", "verified_at", "decision_reason"])
    .where("partner_id", "=", partnerId)
    .execute();
  return PROGRAM_IDS.map((program) => {
    const row = rows.find((r) => r.program === program);
    return row
      ? {
          program,
          status: row.status as EnrollmentStatus,
          submittedAt: new Date(row.submitted_at),
          verifiedAt: row.verified_at ? new Date(row.verified_at) : null,
          rejectionReason: row.status === "rejected" ? row.decision_reason : null,
        }
      : { program, status: "none" as const, submittedAt: null, verifiedAt: null, rejectionReason: null };
  });
}

export async function getPrograms(actor: PortalActor, partnerSlug: string): Promise<ProgramsView> {
  const access = await requirePartnerPermission(actor.db, actor.userId, partnerSlug, "org.view");
  const partner = await actor.db
    .selectFrom("partners")
    .select("agreement_signed_at")
    .where("id", "=", access.partnerId)
    .executeTakeFirstOrThrow();
  return {
    access,
    agreementSignedAt: partner.agreement_signed_at ? new Date(partner.agreement_signed_at) : null,
    enrollments: await loadEnrollments(actor.db, access.partnerId),
  };
}

/**
 * Signs the online services partner agreement (R1: an operator authorizes only a partner that signed it).
 * Signing again changes nothing; returns whether this call signed it.
 */
export async function signAgreement(actor: PortalActor, partnerSlug: string, input: SignAgreementInput): Promise<boolean> {
  signAgreementSchema.parse(input);
  const now = actor.now ?? new Date();
  return actor.db.transaction().execute(async (trx) => {
    const access = await requirePartnerPermission(trx, actor.userId, partnerSlug, "programs.submit");
    const signed = await trx
      .updateTable("partners")
      .set({ agreement_signed_at: now, updated_at: now })
      .where("id", "=", access.partnerId)
      .where("agreement_signed_at", "is", null)
      .returning("id")
      .executeTakeFirst();
    if (!signed) return false;
    await audit(trx, {
      actorUserId: actor.userId,
      action: "partner.agreement_signed",
      subjectType: "partner",
      subjectId: access.partnerId,
      data: { signedAt: now.toISOString() },
    });
    return true;
  });
}

/**
 * Submits an enrollment for operator verification (R3). A rejected one may be submitted again;
 * a pending or verified one can't (CONFLICT).
 */
export async function submitProgram(actor: PortalActor, partnerSlug: string, input: SubmitProgramInput): Promise<void> {
  const { program } = submitProgramSchema.parse(input);
  const now = actor.now ?? new Date();
  await actor.db.transaction().execute(async (trx) => {
    const access = await requirePartnerPermission(trx, actor.userId, partnerSlug, "programs.submit");
    const existing = await trx
      .selectFrom("partner_programs")
      .select("status")
      .where("partner_id", "=", access.partnerId)
      .where("program", "=", program)
      .forUpdate()
      .executeTakeFirst();
    if (existing && existing.status !== "rejected") {
      throw new DomainError("CONFLICT", `Enrollment already ${existing.status}`);
    }
    if (existing) {
      await trx
        .updateTable("partner_programs")
        .set({ status: "submitted", submitted_at: now, verified_at: null, verified_by: null, decision_reason: null })
        .where("partner_id", "=", access.partnerId)
        .where("program", "=", program)
        .execute();
    } else {
      const inserted = await trx
        .insertInto("partner_programs")
        .values({ partner_id: access.partnerId, program, status: "submitted", submitted_at: now })
        .onConflict((oc) => oc.columns(["partner_id", "program"]).doNothing())
        .returning("program")
        .executeTakeFirst();
      // A concurrent first submission got there first.
      if (!inserted) throw new DomainError("CONFLICT", "Enrollment already submitted");
    }
    await audit(trx, {
      actorUserId: actor.userId,
      action: existing ? "program.resubmitted" : "program.submitted",
      subjectType: "program",
      subjectId: `${access.partnerId}:${program}`,
      data: { partnerId: access.partnerId, program },
    });
  });
}
