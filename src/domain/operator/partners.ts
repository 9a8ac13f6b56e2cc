// Operator decisions on partner organizations and program enrollments (R1, R3): each one is a single transaction
// that changes the row, writes the audit entry, mails the partner and schedules the search sync.
import { isUuid } from "../shared/ids.ts";
import { listingIdsOfPartner } from "../search/repository.ts";
import { sql } from "kysely";
import { enqueueEmail } from "../mail/outbox.ts";
import { audit } from "../shared/audit.ts";
import { DomainError } from "../shared/errors.ts";
import { enqueueListingSync } from "../shared/jobs.ts";
import { assertOperator, nowOf, portalUrl, type OperatorContext } from "./context.ts";
import { partnerManagers } from "./notify.ts";
import {
  OptionalReasonInput,
  ProgramDecisionInput,
  ReasonInput,
  type PartnerListFilter,
  type PartnerStatus,
  type ProgramDecision,
} from "./schemas.ts";

export const PAGE_SIZE = 25;

export interface DashboardCounts {
  partnersPending: number;
  programsSubmitted: number;
}

export async function dashboardCounts(ctx: OperatorContext): Promise<DashboardCounts> {
  assertOperator(ctx.actor);
  const [partners, programs] = await Promise.all([
    ctx.db.selectFrom("partners").select((eb) => eb.fn.countAll<number>().as("n")).where("status", "=", "pending").executeTakeFirstOrThrow(),
    ctx.db
      .selectFrom("partner_programs")
      .select((eb) => eb.fn.countAll<number>().as("n"))
      .where("status", "=", "submitted")
      .executeTakeFirstOrThrow(),
  ]);
  return { partnersPending: Number(partners.n), programsSubmitted: Number(programs.n) };
}

export interface PartnerRow {
  id: string;
  slug: string;
  name: string;
  status: PartnerStatus;
  agreementSignedAt: Date | null;
  createdAt: Date;
  updatedAt: Date;
  programsSubmitted: number;
  listingStatus: "draft" | "published" | "unpublished" | null;
}

export async function listPartners(
  ctx: OperatorContext,
  filter: PartnerListFilter,
): Promise<{ rows: PartnerRow[]; total: number; page: number; totalPages: number }> {
  assertOperator(ctx.actor);
  let base = ctx.db.selectFrom("partners as p");
  if (filter.status) base = base.where("p.status", "=", filter.status);
  if (filter.q) {
    // The name is matched literally: % and _ typed by the operator are not wildcards.
    const pattern = `%${filter.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    base = base.where((eb) => eb.or([eb("p.name", "ilike", pattern), eb("p.slug", "ilike", pattern)]));
  }
  const { n } = await base.select((eb) => eb.fn.countAll<number>().as("n")).executeTakeFirstOrThrow();
  const total = Number(n);
  const totalPages = Math.max(1, Math.ceil(total / PAGE_SIZE));
  const page = Math.min(filter.page, totalPages);
  const rows = await base
    .leftJoin("listings as l", "l.partner_id", "p.id")
    .select([
      "p.id",
      "p.slug",
      "p.name",
      "p.status",
      "p.agreement_signed_at",
      "p.created_at",
      "p.updated_at",
      "l.status as listing_status",
      sql<number>`(select count(*) from partner_programs pp where pp.partner_id = p.id and pp.status = 'submitted')`.as(
        "programs_submitted",
      ),
    ])
    // Waiting organizations first, oldest first: the queue is worked in order of arrival.
    .orderBy(sql`case p.status when 'pending' then 0 else 1 end`)
    .orderBy("p.created_at")
    .orderBy("p.id")
    .limit(PAGE_SIZE)
    .offset((page - 1) * PAGE_SIZE)
    .execute();
  return {
    total,
    page,
    totalPages,
    rows: rows.map((r) => ({
      id: r.id,
      slug: r.slug,
      name: r.name,
      status: r.status as PartnerStatus,
      agreementSignedAt: r.agreement_signed_at,
      createdAt: r.created_at,
      updatedAt: r.updated_at,
      programsSubmitted: Number(r.programs_submitted),
      listingStatus: (r.listing_status ?? null) as PartnerRow["listingStatus"],
    })),
  };
}

export interface PartnerDetail {
  id: string;
  slug: string;
  name: string;
  status: PartnerStatus;
  statusReason: string | null;
  agreementSignedAt: Date | null;
  authorizedAt: Date | null;
  authorizedBy: string | null;
  createdAt: Date;
  updatedAt: Date;
  members: Array<{ userId: string; email: string; displayName: string; role: string; joinedAt: Date }>;
  programs: Array<{ program: string; status: "submitted" | "verified" | "rejected"; submittedAt: Date; verifiedAt: Date | null }>;
  listing: { id: string; slug: string; name: string; status: "draft" | "published" | "unpublished"; publishedAt: Date | null } | null;
  /** Whether the listing is in public search right now (R1: published and authorized). */
  listingPublic: boolean;
}

export async function getPartnerDetail(ctx: OperatorContext, partnerId: string): Promise<PartnerDetail> {
  assertOperator(ctx.actor);
  if (!isUuid(partnerId)) throw new DomainError("NOT_FOUND");
  const p = await ctx.db
    .selectFrom("partners as p")
    .leftJoin("users as u", "u.id", "p.authorized_by")
    .select([
      "p.id",
      "p.slug",
      "p.name",
      "p.status",
      "p.status_reason",
      "p.agreement_signed_at",
      "p.authorized_at",
      "u.display_name as authorized_by_name",
      "p.created_at",
      "p.updated_at",
    ])
    .where("p.id", "=", partnerId)
    .executeTakeFirst();
  if (!p) throw new DomainError("NOT_FOUND");
  const [members, programs, listing] = await Promise.all([
    ctx.db
      .selectFrom("partner_members as m")
      .innerJoin("users as u", "u.id", "m.user_id")
      .select(["u.id", "u.email", "u.display_name", "m.role", "m.created_at"])
      .where("m.partner_id", "=", partnerId)
      .orderBy(sql`case m.role when 'owner' then 0 when 'admin' then 1 else 2 end`)
      .orderBy("u.email")
      .execute(),
    ctx.db
      .selectFrom("partner_programs")
      .select(["program", "status", "submitted_at", "verified_at"])
      .where("partner_id", "=", partnerId)
      .orderBy("program")
      .execute(),
    ctx.db
      .selectFrom("listings")
      .select(["id", "slug", "name", "status", "published_at"])
      .where("partner_id", "=", partnerId)
      .executeTakeFirst(),
  ]);
  const status = p.status as PartnerStatus;
  return {
    id: p.id,
    slug: p.slug,
    name: p.name,
    status,
    statusReason: p.status_reason,
    agreementSignedAt: p.agreement_signed_at,
    authorizedAt: p.authorized_at,
    authorizedBy: p.authorized_by_name ?? null,
    createdAt: p.created_at,
    updatedAt: p.updated_at,
    members: members.map((m) => ({ userId: m.id, email: m.email, displayName: m.display_name, role: m.role, joinedAt: m.created_at })),
    programs: programs.map((r) => ({
      program: r.program,
      status: r.status as "submitted" | "verified" | "rejected",
      submittedAt: r.submitted_at,
      verifiedAt: r.verified_at,
    })),
    listing: listing
      ? {
          id: listing.id,
          slug: listing.slug,
          name: listing.name,
          status: listing.status as "draft" | "published" | "unpublished",
          publishedAt: listing.published_at,
        }
      : null,
    listingPublic: status === "authorized" && listing?.status === "published",
  };
}

export type PartnerAction = "approve" | "reject" | "suspend" | "reinstate";

export interface ActionResult {
  /** False when the row was no longer in the expected state (double submit, another operator): nothing was done. */
  changed: boolean;
  /** Listings whose search document must follow; the caller may sync them at once after commit. */
  listingIds: string[];
}

const FROM: Record<PartnerAction, PartnerStatus[]> = {
  // A rejected organization that fixed what was missing can be approved without a new round trip.
  approve: ["pending", "rejected"],
  reject: ["pending"],
  suspend: ["authorized"],
  reinstate: ["suspended"],
};
const TO: Record<PartnerAction, PartnerStatus> = {
  approve: "authorized",
  reject: "rejected",
  suspend: "suspended",
  reinstate: "authorized",
};
const DECISION = { approve: "approved", reject: "rejected", suspend: "suspended", reinstate: "reinstated" } as const;

/**
 * Moves a partner from one status to the next. The UPDATE is conditional on the expected current status, so a
 * double submit or two operators at once change the row, audit and mail exactly once (the loser gets changed=false).
 */
export async function decidePartner(
  ctx: OperatorContext,
  partnerId: string,
  action: PartnerAction,
  input: unknown,
): Promise<ActionResult> {
  assertOperator(ctx.actor);
  if (!isUuid(partnerId)) throw new DomainError("NOT_FOUND");
  const needsReason = action === "reject" || action === "suspend";
  const parsed = (needsReason ? ReasonInput : OptionalReasonInput).safeParse(input ?? {});
  if (!parsed.success) throw validation(parsed.error.issues);
  const reason = parsed.data.reason ?? null;
  const now = nowOf(ctx);

  return ctx.db.transaction().execute(async (trx) => {
    const updated = await trx
      .updateTable("partners")
      .set({
        status: TO[action],
        // The reason a partner is not (or no longer) authorized; cleared when it is authorized again.
        status_reason: TO[action] === "authorized" ? null : reason,
        updated_at: now,
        ...(action === "approve" ? { authorized_at: now, authorized_by: ctx.actor.id } : {}),
      })
      .where("id", "=", partnerId)
      .where("status", "in", FROM[action])
      // R1: authorization means the partner agreement is signed.
      .$if(action === "approve", (qb) => qb.where("agreement_signed_at", "is not", null))
      .returning(["id", "slug", "name", "status"])
      .executeTakeFirst();

    if (!updated) {
      const current = await trx.selectFrom("partners").select(["status", "agreement_signed_at"]).where("id", "=", partnerId).executeTakeFirst();
      if (!current) throw new DomainError("NOT_FOUND");
      if (action === "approve" && FROM.approve.includes(current.status as PartnerStatus) && !current.agreement_signed_at) {
        throw new DomainError("CONFLICT", "partner agreement not signed", { fields: { _form: ["operator.error.agreementMissing"] } });
      }
      return { changed: false, listingIds: [] };
    }

    await audit(trx, {
      actorUserId: ctx.actor.id,
      action: `partner.${action}`,
      subjectType: "partner",
      subjectId: partnerId,
      data: { ...(reason ? { reason } : {}), to: TO[action] },
    });
    for (const r of await partnerManagers(trx, partnerId)) {
      await enqueueEmail(trx, {
        to: r.email,
        locale: r.locale,
        template: "partner-decision",
        params: { partnerName: updated.name, decision: DECISION[action], reason: reason ?? undefined, url: portalUrl(ctx, r.locale, updated.slug) },
      });
    }
    // R1: authorization and suspension decide whether a published listing is public.
    const listingIds = action === "reject" ? [] : await listingIdsOfPartner(trx, partnerId);
    if (listingIds.length) await enqueueListingSync(trx, listingIds);
    return { changed: true, listingIds };
  });
}

/** R3: verifies or rejects one submitted program enrollment; a verified one unlocks delegated admin (search facet). */
export async function decideProgram(ctx: OperatorContext, partnerId: string, input: unknown): Promise<ActionResult & { decision: ProgramDecision }> {
  assertOperator(ctx.actor);
  if (!isUuid(partnerId)) throw new DomainError("NOT_FOUND");
  const parsed = ProgramDecisionInput.safeParse(input ?? {});
  if (!parsed.success) throw validation(parsed.error.issues);
  const decision = parsed.data;
  const now = nowOf(ctx);

  return ctx.db.transaction().execute(async (trx) => {
    const updated = await trx
      .updateTable("partner_programs")
      .set({
        status: decision.decision,
        verified_at: decision.decision === "verified" ? now : null,
        // The operator who decided, either way, and why (the partner's programs page shows a rejection's reason).
        verified_by: ctx.actor.id,
        decision_reason: decision.reason ?? null,
      })
      .where("partner_id", "=", partnerId)
      .where("program", "=", decision.program)
      .where("status", "=", "submitted")
      .returning(["program"])
      .executeTakeFirst();
    if (!updated) {
      const exists = await trx.selectFrom("partners").select("id").where("id", "=", partnerId).executeTakeFirst();
      if (!exists) throw new DomainError("NOT_FOUND");
      return { changed: false, listingIds: [], decision };
    }
    const partner = await trx.updateTable("partners").set({ updated_at: now }).where("id", "=", partnerId).returning(["slug", "name"]).executeTakeFirstOrThrow();
    await audit(trx, {
      actorUserId: ctx.actor.id,
      action: `program.${decision.decision === "verified" ? "verify" : "reject"}`,
      subjectType: "program",
      subjectId: `${partnerId}:${decision.program}`,
      data: { partnerId, program: decision.program, ...(decision.reason ? { reason: decision.reason } : {}) },
    });
    for (const r of await partnerManagers(trx, partnerId)) {
      await enqueueEmail(trx, {
        to: r.email,
        locale: r.locale,
        template: "program-decision",
        params: {
          partnerName: partner.name,
          program: decision.program,
          decision: decision.decision,
          reason: decision.reason,
          url: portalUrl(ctx, r.locale, partner.slug),
        },
      });
    }
    const listingIds = await listingIdsOfPartner(trx, partnerId);
    if (listingIds.length) await enqueueListingSync(trx, listingIds);
    return { changed: true, listingIds, decision };
  });
}


export function validation(issues: ReadonlyArray<{ path: PropertyKey[]; message: string }>): DomainError {
  const fields: Record<string, string[]> = {};
  for (const issue of issues) (fields[issue.path.length ? String(issue.path[0]) : "_form"] ??= []).push(issue.message);
  return new DomainError("VALIDATION_FAILED", "invalid input", { fields });
}
