// The partner's lead inbox (issue 5): list, read and move leads through the pipeline; members of the lead's partner only.
import { isUuid } from "../shared/ids.ts";
import { sql } from "kysely";
import type { Database } from "../../../db/client.ts";
import { requirePartnerPermission, type PartnerAccess } from "../partners/membership.ts";
import { audit } from "../shared/audit.ts";
import { DomainError } from "../shared/errors.ts";
import { changeStatusSchema, LEAD_STATUSES, listLeadsSchema, type ChangeStatusInput, type LeadStatus, type ListLeadsFilter } from "./inbox-schema.ts";

export const PAGE_SIZE = 25;

/** The pipeline (domain steps 1–2): one step forward at a time; lost/spam from any non-final state; won/lost/spam are final. */
const NEXT: Record<LeadStatus, readonly LeadStatus[]> = {
  new: ["contacted", "lost", "spam"],
  contacted: ["trial_invited", "lost", "spam"],
  trial_invited: ["trial_active", "lost", "spam"],
  trial_active: ["offer_sent", "lost", "spam"],
  offer_sent: ["won", "lost", "spam"],
  won: [],
  lost: [],
  spam: [],
};

export function allowedNextStatuses(from: LeadStatus): readonly LeadStatus[] {
  return NEXT[from];
}

export interface Actor {
  userId: string;
}

export interface LeadSummary {
  id: string;
  createdAt: Date;
  company: string;
  contactName: string;
  contactEmail: string;
  services: string[];
  seats: number;
  status: LeadStatus;
}

export interface LeadList {
  partner: PartnerAccess;
  leads: LeadSummary[];
  counts: Record<LeadStatus, number>;
  /** All leads of the partner, whatever the status filter (the "All" tab). */
  total: number;
  /** Leads matching the filter (status and search), for pagination. */
  matching: number;
  page: number;
  totalPages: number;
  filter: { status?: LeadStatus; q?: string };
}

// Escapes LIKE wildcards so a search for "50%" matches literally.
const likePattern = (q: string) => `%${q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

export async function listLeads(db: Database, actor: Actor, partnerSlug: string, filter: ListLeadsFilter): Promise<LeadList> {
  const partner = await requirePartnerPermission(db, actor.userId, partnerSlug, "leads.view");
  const { status, q, page } = listLeadsSchema.parse(filter);

  let base = db.selectFrom("leads").where("partner_id", "=", partner.partnerId);
  if (q) {
    const pattern = likePattern(q);
    base = base.where((eb) =>
      eb.or([eb("company", "ilike", pattern), eb("contact_name", "ilike", pattern), eb("contact_email", "ilike", pattern)]),
    );
  }
  // The tab counts follow the search but not the status filter, so each tab says what clicking it would show.
  const countRows = await base.select(["status", (eb) => eb.fn.countAll<number>().as("n")]).groupBy("status").execute();
  const counts = Object.fromEntries(LEAD_STATUSES.map((s) => [s, 0])) as Record<LeadStatus, number>;
  for (const row of countRows) counts[row.status as LeadStatus] = Number(row.n);
  const searchedTotal = Object.values(counts).reduce((a, b) => a + b, 0);
  const matching = status ? counts[status] : searchedTotal;
  const totalPages = Math.max(1, Math.ceil(matching / PAGE_SIZE));

  const rows = await (status ? base.where("status", "=", status) : base)
    .select(["id", "created_at", "company", "contact_name", "contact_email", "services", "seats", "status"])
    .orderBy("created_at", "desc")
    .orderBy("id", "desc")
    .limit(PAGE_SIZE)
    .offset((page - 1) * PAGE_SIZE)
    .execute();

  return {
    partner,
    leads: rows.map((r) => ({
      id: r.id,
      createdAt: new Date(r.created_at),
      company: r.company,
      contactName: r.contact_name,
      contactEmail: r.contact_email,
      services: r.services,
      seats: r.seats,
      status: r.status as LeadStatus,
    })),
    counts,
    total: searchedTotal,
    matching,
    page,
    totalPages,
    filter: { status, q },
  };
}

export interface LeadEvent {
  id: number;
  type: string;
  actorName: string | null;
  data: Record<string, unknown>;
  createdAt: Date;
}

export interface LeadDetail extends LeadSummary {
  companySize: string;
  country: string;
  message: string;
  wantsDelegatedAdmin: boolean;
  lostReason: string | null;
  confirmedAt: Date | null;
  firstResponseAt: Date | null;
  updatedAt: Date;
  /** Catalog names of the requested services, by id. */
  serviceNames: Array<{ id: string; nameEn: string; nameKo: string }>;
  events: LeadEvent[];
  allowedNext: readonly LeadStatus[];
}


export async function getLead(db: Database, actor: Actor, partnerSlug: string, leadId: string): Promise<{ partner: PartnerAccess; lead: LeadDetail }> {
  const partner = await requirePartnerPermission(db, actor.userId, partnerSlug, "leads.view");
  // Another partner's lead is indistinguishable from a missing one (tenant isolation).
  if (!isUuid(leadId)) throw new DomainError("NOT_FOUND");
  const r = await db.selectFrom("leads").selectAll().where("id", "=", leadId).where("partner_id", "=", partner.partnerId).executeTakeFirst();
  if (!r) throw new DomainError("NOT_FOUND");
  const [events, services] = await Promise.all([
    db
      .selectFrom("lead_events as e")
      .leftJoin("users as u", "u.id", "e.actor_user_id")
      .select(["e.id", "e.type", "e.data", "e.created_at", "u.display_name"])
      .where("e.lead_id", "=", leadId)
      .orderBy("e.id")
      .execute(),
    r.services.length
      ? db.selectFrom("services").select(["id", "name_en as nameEn", "name_ko as nameKo"]).where("id", "in", r.services).execute()
      : Promise.resolve([]),
  ]);
  const status = r.status as LeadStatus;
  return {
    partner,
    lead: {
      id: r.id,
      createdAt: new Date(r.created_at),
      company: r.company,
      contactName: r.contact_name,
      contactEmail: r.contact_email,
      services: r.services,
      seats: r.seats,
      status,
      companySize: r.company_size,
      country: r.country,
      message: r.message,
      wantsDelegatedAdmin: r.wants_delegated_admin,
      lostReason: r.lost_reason,
      confirmedAt: r.confirmed_at ? new Date(r.confirmed_at) : null,
      firstResponseAt: r.first_response_at ? new Date(r.first_response_at) : null,
      updatedAt: new Date(r.updated_at),
      serviceNames: services,
      events: events.map((e) => ({
        id: Number(e.id),
        type: e.type,
        actorName: e.display_name,
        data: (typeof e.data === "string" ? JSON.parse(e.data) : e.data) as Record<string, unknown>,
        createdAt: new Date(e.created_at),
      })),
      allowedNext: NEXT[status],
    },
  };
}

export async function changeLeadStatus(
  db: Database,
  actor: Actor,
  partnerSlug: string,
  leadId: string,
  input: ChangeStatusInput,
): Promise<{ from: LeadStatus; to: LeadStatus }> {
  const partner = await requirePartnerPermission(db, actor.userId, partnerSlug, "leads.work");
  if (!isUuid(leadId)) throw new DomainError("NOT_FOUND");
  const parsed = changeStatusSchema.safeParse(input);
  if (!parsed.success) {
    const fields: Record<string, string[]> = {};
    for (const issue of parsed.error.issues) (fields[String(issue.path[0] ?? "_form")] ??= []).push(issue.message);
    throw new DomainError("VALIDATION_FAILED", undefined, { fields });
  }
  const { to, lostReason, from: expected } = parsed.data;

  return db.transaction().execute(async (trx) => {
    const current = await trx
      .selectFrom("leads")
      .select(["status", "first_response_at"])
      .where("id", "=", leadId)
      .where("partner_id", "=", partner.partnerId)
      .executeTakeFirst();
    if (!current) throw new DomainError("NOT_FOUND");
    const from = current.status as LeadStatus;
    if (expected && expected !== from) throw new DomainError("CONFLICT", "the lead changed meanwhile");
    if (!NEXT[from].includes(to)) {
      throw new DomainError("VALIDATION_FAILED", `cannot move a lead from ${from} to ${to}`, { fields: { to: ["leads.inbox.error.transition"] } });
    }
    if (to === "lost" && !lostReason) {
      throw new DomainError("VALIDATION_FAILED", "a lost lead needs a reason", { fields: { lostReason: ["leads.inbox.error.lostReasonRequired"] } });
    }
    // Conditional on the status we read: of two racing changes only one matches; the other sees 0 rows (CONFLICT).
    const updated = await trx
      .updateTable("leads")
      .set({
        status: to,
        lost_reason: to === "lost" ? lostReason! : null,
        // Responsiveness (issue 5): the first move out of "new" is the partner's first response; never overwritten.
        first_response_at: sql`coalesce(first_response_at, now())`,
        updated_at: sql`now()`,
      })
      .where("id", "=", leadId)
      .where("partner_id", "=", partner.partnerId)
      .where("status", "=", from)
      .executeTakeFirst();
    if (Number(updated.numUpdatedRows) !== 1) throw new DomainError("CONFLICT", "the lead changed meanwhile");
    const data = { from, to, reason: to === "lost" ? lostReason! : null };
    await trx.insertInto("lead_events").values({ lead_id: leadId, type: "status_changed", actor_user_id: actor.userId, data: JSON.stringify(data) }).execute();
    await audit(trx, { actorUserId: actor.userId, action: "lead.status_changed", subjectType: "lead", subjectId: leadId, data });
    return { from, to };
  });
}
