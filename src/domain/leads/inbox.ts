// The partner's lead inbox (issue 5): partner-scoped core (list, cursor list, get, update) shared by the portal and
// the API, plus member wrappers that check the membership first. A lead never leaves its partner (R10).
import { sql } from "kysely";
import type { Database } from "../../../db/client.ts";
import { requirePartnerPermission, type PartnerAccess } from "../partners/membership.ts";
import { audit } from "../shared/audit.ts";
import { DomainError } from "../shared/errors.ts";
import { isUuid } from "../shared/ids.ts";
import {
  cursorListSchema,
  DEFAULT_PAGE_SIZE,
  LEAD_STATUSES,
  leadFilterSchema,
  listLeadsSchema,
  lowerBound,
  updateLeadSchema,
  upperBound,
  type ChangeStatusInput,
  type CursorListInput,
  type CursorSort,
  type LeadFilter,
  type LeadSort,
  type LeadStatus,
  type ListLeadsInput,
  type UpdateLeadInput,
} from "./inbox-schema.ts";
import type { z } from "zod";

export const PAGE_SIZE = DEFAULT_PAGE_SIZE;

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

/** Who acts: a member (userId) or an organization API key (userId null, apiKeyId and label set). */
export interface LeadActor {
  userId: string | null;
  apiKeyId?: string;
  label?: string;
}

/** The core's scope: the partner whose leads are touched, already authorized by the caller, and the actor. */
export interface PartnerScope {
  partnerId: string;
  actor: LeadActor;
}

/** A signed-in member, for the wrappers. */
export interface Actor {
  userId: string;
}

export interface LeadSummary {
  id: string;
  createdAt: Date;
  updatedAt: Date;
  company: string;
  contactName: string;
  contactEmail: string;
  country: string;
  services: string[];
  seats: number;
  status: LeadStatus;
  assignee: { userId: string; name: string } | null;
}

export interface LeadPage {
  leads: LeadSummary[];
  counts: Record<LeadStatus, number>;
  /** Leads matching every filter but the status (the "All" tab). */
  total: number;
  /** Leads matching every filter, for pagination. */
  matching: number;
  page: number;
  pageSize: number;
  totalPages: number;
  filter: LeadFilter;
  sort: LeadSort;
}

export interface LeadList extends LeadPage {
  partner: PartnerAccess;
}

export interface LeadCursorPage {
  leads: LeadSummary[];
  /** Opaque; pass back as `cursor` (with the same filters and sort) for the next page; null at the end. */
  nextCursor: string | null;
}

export interface LeadEvent {
  id: number;
  type: string;
  /** The member's current display name, or null (API key, system, or a deleted user). */
  actorName: string | null;
  actor: { kind: "user"; userId: string; name: string } | { kind: "apiKey"; apiKeyId: string | null; label: string } | null;
  data: Record<string, unknown>;
  createdAt: Date;
}

export interface LeadDetail extends LeadSummary {
  companySize: string;
  message: string;
  wantsDelegatedAdmin: boolean;
  lostReason: string | null;
  confirmedAt: Date | null;
  firstResponseAt: Date | null;
  /** Catalog names of the requested services, by id. */
  serviceNames: Array<{ id: string; nameEn: string; nameKo: string }>;
  events: LeadEvent[];
  allowedNext: readonly LeadStatus[];
}

export interface UpdateLeadResult {
  status: { from: LeadStatus; to: LeadStatus } | null;
  assignee: { from: string | null; to: string | null } | null;
  noteEventId: number | null;
  /** lead_events ids written, in order. */
  eventIds: number[];
}

export interface AssignableMember {
  userId: string;
  name: string;
  email: string;
  role: string;
}

// ---------------------------------------------------------------------------------------------------------------
// Validation helpers

function validationError(error: z.ZodError): DomainError {
  const fields: Record<string, string[]> = {};
  for (const issue of error.issues) (fields[String(issue.path[0] ?? "_form")] ??= []).push(issue.message);
  return new DomainError("VALIDATION_FAILED", undefined, { fields });
}

function parseOrThrow<S extends z.ZodType>(schema: S, input: unknown): z.output<S> {
  const parsed = schema.safeParse(input);
  if (!parsed.success) throw validationError(parsed.error);
  return parsed.data;
}

/** Strict parse of list filters (the API answers VALIDATION_FAILED with field messages). */
export function parseLeadFilter(input: unknown): LeadFilter {
  return parseOrThrow(leadFilterSchema, input);
}

// Escapes LIKE wildcards so a search for "50%" matches literally.
const likePattern = (q: string) => `%${q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

/** The partner's leads narrowed by every filter but (optionally) the status; the one place filters become SQL. */
function filtered(db: Database, partnerId: string, f: LeadFilter, withStatus: boolean) {
  let qb = db.selectFrom("leads as l").where("l.partner_id", "=", partnerId);
  if (withStatus && f.status) qb = qb.where("l.status", "=", f.status);
  if (f.serviceId) qb = qb.where(sql<boolean>`l.services @> array[${f.serviceId}]::text[]`);
  if (f.country) qb = qb.where("l.country", "=", f.country);
  if (f.createdFrom) qb = qb.where("l.created_at", ">=", lowerBound(f.createdFrom));
  if (f.createdTo) qb = qb.where("l.created_at", "<", upperBound(f.createdTo));
  if (f.assignee === "unassigned") qb = qb.where("l.assignee_user_id", "is", null);
  else if (f.assignee) qb = qb.where("l.assignee_user_id", "=", f.assignee);
  if (f.q) {
    const pattern = likePattern(f.q);
    qb = qb.where((eb) =>
      eb.or([eb("l.company", "ilike", pattern), eb("l.contact_name", "ilike", pattern), eb("l.contact_email", "ilike", pattern)]),
    );
  }
  return qb;
}

const STATUS_ORDER = sql.raw(`array[${LEAD_STATUSES.map((s) => `'${s}'`).join(",")}]::text[]`);

/** The filtered leads with what a summary shows, in `sort` order (ties broken by id, so the order is total). */
export function selectFilteredLeads(db: Database, partnerId: string, f: LeadFilter, sort: LeadSort) {
  let qb = filtered(db, partnerId, f, true)
    .leftJoin("users as a", "a.id", "l.assignee_user_id")
    .select([
      "l.id",
      "l.created_at",
      "l.updated_at",
      "l.company",
      "l.contact_name",
      "l.contact_email",
      "l.country",
      "l.services",
      "l.seats",
      "l.status",
      "l.assignee_user_id",
      "a.display_name as assignee_name",
      sql<number>`(extract(epoch from l.created_at) * 1000000)::bigint`.as("created_us"),
    ]);
  if (sort === "oldest") qb = qb.orderBy("l.created_at", "asc").orderBy("l.id", "asc");
  else if (sort === "company") qb = qb.orderBy(sql`lower(l.company)`).orderBy("l.created_at", "desc").orderBy("l.id", "desc");
  else if (sort === "status") qb = qb.orderBy(sql`array_position(${STATUS_ORDER}, l.status)`).orderBy("l.created_at", "desc").orderBy("l.id", "desc");
  else qb = qb.orderBy("l.created_at", "desc").orderBy("l.id", "desc");
  return qb;
}

type SummaryRow = Pick<
  Awaited<ReturnType<ReturnType<typeof selectFilteredLeads>["execute"]>>[number],
  "id" | "created_at" | "updated_at" | "company" | "contact_name" | "contact_email" | "country" | "services" | "seats" | "status" | "assignee_user_id" | "assignee_name"
>;

function toSummary(r: SummaryRow): LeadSummary {
  return {
    id: r.id,
    createdAt: new Date(r.created_at),
    updatedAt: new Date(r.updated_at),
    company: r.company,
    contactName: r.contact_name,
    contactEmail: r.contact_email,
    country: r.country,
    services: r.services,
    seats: r.seats,
    status: r.status as LeadStatus,
    assignee: r.assignee_user_id ? { userId: r.assignee_user_id, name: r.assignee_name ?? "" } : null,
  };
}

// ---------------------------------------------------------------------------------------------------------------
// Core (partner-scoped; the caller has authorized the scope)

/** Offset pages for the portal, with per-status counts that follow every other filter. Unknown page → clamped list. */
export async function listPartnerLeadsPage(db: Database, scope: PartnerScope, input: ListLeadsInput): Promise<LeadPage> {
  const { sort, page, pageSize, ...filter } = parseOrThrow(listLeadsSchema, input);
  // The tab counts follow the other filters but not the status, so each tab says what clicking it would show.
  const countRows = await filtered(db, scope.partnerId, filter, false)
    .select(["l.status", (eb) => eb.fn.countAll<number>().as("n")])
    .groupBy("l.status")
    .execute();
  const counts = Object.fromEntries(LEAD_STATUSES.map((s) => [s, 0])) as Record<LeadStatus, number>;
  for (const row of countRows) counts[row.status as LeadStatus] = Number(row.n);
  const total = Object.values(counts).reduce((a, b) => a + b, 0);
  const matching = filter.status ? counts[filter.status] : total;
  const totalPages = Math.max(1, Math.ceil(matching / pageSize));
  const rows = await selectFilteredLeads(db, scope.partnerId, filter, sort)
    .limit(pageSize)
    .offset((page - 1) * pageSize)
    .execute();
  return { leads: rows.map(toSummary), counts, total, matching, page, pageSize, totalPages, filter, sort };
}

interface CursorPayload {
  v: 1;
  s: CursorSort;
  t: number;
  i: string;
}

function encodeCursor(p: CursorPayload): string {
  return Buffer.from(JSON.stringify(p), "utf8").toString("base64url");
}

/** A cursor we didn't make (or made for another sort) is refused, never guessed at. */
export function decodeCursor(cursor: string, sort: CursorSort): { t: number; i: string } {
  const bad = () => new DomainError("VALIDATION_FAILED", "invalid cursor", { fields: { cursor: ["leads.inbox.error.cursorInvalid"] } });
  if (!/^[A-Za-z0-9_-]{1,300}$/.test(cursor)) throw bad();
  let value: unknown;
  try {
    value = JSON.parse(Buffer.from(cursor, "base64url").toString("utf8"));
  } catch {
    throw bad();
  }
  const p = value as Partial<CursorPayload> | null;
  if (
    !p ||
    typeof p !== "object" ||
    Object.keys(p).length !== 4 ||
    p.v !== 1 ||
    p.s !== sort ||
    typeof p.t !== "number" ||
    !Number.isSafeInteger(p.t) ||
    p.t < 0 ||
    typeof p.i !== "string" ||
    !isUuid(p.i) ||
    encodeCursor({ v: 1, s: p.s, t: p.t, i: p.i }) !== cursor
  ) {
    throw bad();
  }
  return { t: p.t, i: p.i.toLowerCase() };
}

/**
 * Keyset pages for the API over (created_at, id), newest or oldest first: stable under inserts, each lead exactly
 * once. The cursor is opaque base64url; a malformed one, or one made for another sort → VALIDATION_FAILED {cursor}.
 */
export async function listPartnerLeadsAfter(db: Database, scope: PartnerScope, input: CursorListInput): Promise<LeadCursorPage> {
  const { sort, cursor, limit, ...filter } = parseOrThrow(cursorListSchema, input);
  let qb = selectFilteredLeads(db, scope.partnerId, filter, sort);
  if (cursor) {
    const { t, i } = decodeCursor(cursor, sort);
    // Rebuilt exactly from whole seconds + microseconds (a double of epoch microseconds would round).
    const at = sql`(to_timestamp(${Math.floor(t / 1_000_000)}::bigint) + ${t % 1_000_000}::int * interval '1 microsecond')`;
    qb = qb.where(sort === "newest" ? sql<boolean>`(l.created_at, l.id) < (${at}, ${i}::uuid)` : sql<boolean>`(l.created_at, l.id) > (${at}, ${i}::uuid)`);
  }
  const rows = await qb.limit(limit + 1).execute();
  const more = rows.length > limit;
  const page = more ? rows.slice(0, limit) : rows;
  const last = page.at(-1);
  return {
    leads: page.map(toSummary),
    nextCursor: more && last ? encodeCursor({ v: 1, s: sort, t: Number(last.created_us), i: last.id }) : null,
  };
}

/** One lead with its timeline. Another partner's lead, or a malformed id, is NOT_FOUND (tenant isolation, R10). */
export async function getPartnerLead(db: Database, scope: PartnerScope, leadId: string): Promise<LeadDetail> {
  if (!isUuid(leadId)) throw new DomainError("NOT_FOUND");
  const r = await db
    .selectFrom("leads as l")
    .leftJoin("users as a", "a.id", "l.assignee_user_id")
    .selectAll("l")
    .select("a.display_name as assignee_name")
    .where("l.id", "=", leadId)
    .where("l.partner_id", "=", scope.partnerId)
    .executeTakeFirst();
  if (!r) throw new DomainError("NOT_FOUND");
  const [events, services] = await Promise.all([
    db
      .selectFrom("lead_events as e")
      .leftJoin("users as u", "u.id", "e.actor_user_id")
      .select(["e.id", "e.type", "e.data", "e.created_at", "e.actor_user_id", "u.display_name"])
      .where("e.lead_id", "=", leadId)
      .orderBy("e.id")
      .execute(),
    r.services.length
      ? db.selectFrom("services").select(["id", "name_en as nameEn", "name_ko as nameKo"]).where("id", "in", r.services).execute()
      : Promise.resolve([]),
  ]);
  const status = r.status as LeadStatus;
  return {
    ...toSummary(r),
    companySize: r.company_size,
    message: r.message,
    wantsDelegatedAdmin: r.wants_delegated_admin,
    lostReason: r.lost_reason,
    confirmedAt: r.confirmed_at ? new Date(r.confirmed_at) : null,
    firstResponseAt: r.first_response_at ? new Date(r.first_response_at) : null,
    serviceNames: services,
    events: events.map((e) => {
      const data = (typeof e.data === "string" ? JSON.parse(e.data) : e.data) as Record<string, unknown>;
      const actor: LeadEvent["actor"] =
        e.actor_user_id && e.display_name
          ? { kind: "user", userId: e.actor_user_id, name: e.display_name }
          : data.via === "api"
            ? { kind: "apiKey", apiKeyId: typeof data.apiKeyId === "string" ? data.apiKeyId : null, label: typeof data.label === "string" ? data.label : "" }
            : null;
      return { id: Number(e.id), type: e.type, actorName: e.display_name, actor, data, createdAt: new Date(e.created_at) };
    }),
    allowedNext: NEXT[status],
  };
}

/** The organization's members, who a lead can be assigned to (by name). */
export async function listAssignableMembers(db: Database, partnerId: string): Promise<AssignableMember[]> {
  const rows = await db
    .selectFrom("partner_members as m")
    .innerJoin("users as u", "u.id", "m.user_id")
    .select(["u.id", "u.display_name", "u.email", "m.role"])
    .where("m.partner_id", "=", partnerId)
    .orderBy("u.display_name")
    .orderBy("u.id")
    .execute();
  return rows.map((r) => ({ userId: r.id, name: r.display_name, email: r.email, role: r.role }));
}

/** What an API key's change adds to event and audit data, so the timeline can say "API key <label>". */
function actorData(actor: LeadActor): Record<string, unknown> {
  return actor.userId === null || actor.apiKeyId ? { via: "api", apiKeyId: actor.apiKeyId ?? null, label: actor.label ?? null } : {};
}

/**
 * Updates one lead: status (pipeline rules, optional `from` guard → CONFLICT), assignee (a current member of the
 * organization, else VALIDATION_FAILED {assigneeUserId}; null unassigns; unchanged → no event), note (1..2000 chars).
 * All in one transaction; each change writes a lead_events row and an audit row. Nothing to change → VALIDATION_FAILED.
 */
export async function updatePartnerLead(db: Database, scope: PartnerScope, leadId: string, input: UpdateLeadInput): Promise<UpdateLeadResult> {
  if (!isUuid(leadId)) throw new DomainError("NOT_FOUND");
  const { from: expected, status: to, lostReason, assigneeUserId, note, noteKey } = parseOrThrow(updateLeadSchema, input);
  if (to === undefined && assigneeUserId === undefined && note === undefined) {
    throw new DomainError("VALIDATION_FAILED", "nothing to change", { fields: { _form: ["leads.inbox.error.nothingToChange"] } });
  }
  const { actor, partnerId } = scope;
  const extra = actorData(actor);
  const actorUserId = actor.userId;

  return db.transaction().execute(async (trx) => {
    // Locked, so the checks below and the writes see one state; a racing update waits, then re-checks.
    const current = await trx
      .selectFrom("leads")
      .select(["status", "assignee_user_id"])
      .where("id", "=", leadId)
      .where("partner_id", "=", partnerId)
      .forUpdate()
      .executeTakeFirst();
    if (!current) throw new DomainError("NOT_FOUND");
    const result: UpdateLeadResult = { status: null, assignee: null, noteEventId: null, eventIds: [] };
    const event = async (type: string, data: Record<string, unknown>) => {
      const row = await trx
        .insertInto("lead_events")
        .values({ lead_id: leadId, type, actor_user_id: actorUserId, data: JSON.stringify({ ...data, ...extra }) })
        .returning("id")
        .executeTakeFirstOrThrow();
      result.eventIds.push(Number(row.id));
      return Number(row.id);
    };

    const from = current.status as LeadStatus;
    if (expected && expected !== from) {
      // The same status change sent again (a double click, a retried request) finds it done: success, nothing new.
      if (to === from && assigneeUserId === undefined && note === undefined) return { ...result, status: { from: expected, to } };
      throw new DomainError("CONFLICT", "the lead changed meanwhile");
    }
    if (to !== undefined) {
      if (!NEXT[from].includes(to)) {
        throw new DomainError("VALIDATION_FAILED", `cannot move a lead from ${from} to ${to}`, { fields: { status: ["leads.inbox.error.transition"] } });
      }
      if (to === "lost" && !lostReason) {
        throw new DomainError("VALIDATION_FAILED", "a lost lead needs a reason", { fields: { lostReason: ["leads.inbox.error.lostReasonRequired"] } });
      }
    }
    let assignee: { id: string; name: string } | null | undefined;
    if (assigneeUserId) {
      // Only a current member of this organization: a member of another one is refused like a stranger.
      const member = await trx
        .selectFrom("partner_members as m")
        .innerJoin("users as u", "u.id", "m.user_id")
        .select(["u.id", "u.display_name"])
        .where("m.partner_id", "=", partnerId)
        .where("m.user_id", "=", assigneeUserId)
        .executeTakeFirst();
      if (!member) {
        throw new DomainError("VALIDATION_FAILED", "the assignee is not a member of the organization", {
          fields: { assigneeUserId: ["leads.inbox.error.assigneeNotMember"] },
        });
      }
      assignee = { id: member.id, name: member.display_name };
    } else if (assigneeUserId === null) assignee = null;

    if (to !== undefined) {
      // Conditional on the status we read (belt and braces with the lock): of two racing changes only one applies.
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
        .where("partner_id", "=", partnerId)
        .where("status", "=", from)
        .executeTakeFirst();
      if (Number(updated.numUpdatedRows) !== 1) throw new DomainError("CONFLICT", "the lead changed meanwhile");
      const data = { from, to, reason: to === "lost" ? lostReason! : null };
      await event("status_changed", data);
      await audit(trx, { actorUserId, action: "lead.status_changed", subjectType: "lead", subjectId: leadId, data: { ...data, ...extra } });
      result.status = { from, to };
    }

    const previous = current.assignee_user_id;
    if (assignee !== undefined && (assignee?.id ?? null) !== previous) {
      const fromName = previous
        ? ((await trx.selectFrom("users").select("display_name").where("id", "=", previous).executeTakeFirst())?.display_name ?? null)
        : null;
      await trx.updateTable("leads").set({ assignee_user_id: assignee?.id ?? null, updated_at: sql`now()` }).where("id", "=", leadId).execute();
      const data = { from: previous, to: assignee?.id ?? null, fromName, toName: assignee?.name ?? null };
      await event("assigned", data);
      await audit(trx, { actorUserId, action: "lead.assigned", subjectType: "lead", subjectId: leadId, data: { ...data, ...extra } });
      result.assignee = { from: previous, to: assignee?.id ?? null };
    }

    // A note form carries a key made when the page was rendered: sent twice, it's stored once (the lead row is locked).
    const sameNote =
      note !== undefined && noteKey
        ? await trx
            .selectFrom("lead_events")
            .select("id")
            .where("lead_id", "=", leadId)
            .where("type", "=", "note_added")
            .where(sql<string>`data->>'key'`, "=", noteKey)
            .executeTakeFirst()
        : undefined;
    if (sameNote) result.noteEventId = Number(sameNote.id);
    else if (note !== undefined) {
      const id = await event("note_added", { text: note, ...(noteKey ? { key: noteKey } : {}) });
      await trx.updateTable("leads").set({ updated_at: sql`now()` }).where("id", "=", leadId).execute();
      // The audit row points at the note; the text itself lives on the timeline only.
      await audit(trx, { actorUserId, action: "lead.note_added", subjectType: "lead", subjectId: leadId, data: { eventId: id, length: note.length, ...extra } });
      result.noteEventId = id;
    }
    return result;
  });
}

// ---------------------------------------------------------------------------------------------------------------
// Member wrappers (portal): membership and permission first, then the core.

async function memberScope(db: Database, actor: Actor, partnerSlug: string, permission: "leads.view" | "leads.work") {
  const partner = await requirePartnerPermission(db, actor.userId, partnerSlug, permission);
  return { partner, scope: { partnerId: partner.partnerId, actor: { userId: actor.userId } } satisfies PartnerScope };
}

export async function listLeads(db: Database, actor: Actor, partnerSlug: string, input: ListLeadsInput): Promise<LeadList> {
  const { partner, scope } = await memberScope(db, actor, partnerSlug, "leads.view");
  return { partner, ...(await listPartnerLeadsPage(db, scope, input)) };
}

export async function getLead(db: Database, actor: Actor, partnerSlug: string, leadId: string): Promise<{ partner: PartnerAccess; lead: LeadDetail }> {
  const { partner, scope } = await memberScope(db, actor, partnerSlug, "leads.view");
  return { partner, lead: await getPartnerLead(db, scope, leadId) };
}

export async function updateLead(db: Database, actor: Actor, partnerSlug: string, leadId: string, input: UpdateLeadInput): Promise<UpdateLeadResult> {
  const { scope } = await memberScope(db, actor, partnerSlug, "leads.work");
  return updatePartnerLead(db, scope, leadId, input);
}

/** The status form: same rules, with the form's field names (`to` instead of `status`). */
export async function changeLeadStatus(
  db: Database,
  actor: Actor,
  partnerSlug: string,
  leadId: string,
  input: ChangeStatusInput,
): Promise<{ from: LeadStatus; to: LeadStatus }> {
  const { scope } = await memberScope(db, actor, partnerSlug, "leads.work");
  if (!isUuid(leadId)) throw new DomainError("NOT_FOUND");
  try {
    const result = await updatePartnerLead(db, scope, leadId, {
      from: input.from,
      status: (input.to ?? "") as LeadStatus,
      lostReason: input.lostReason,
    });
    return result.status!;
  } catch (error) {
    if (error instanceof DomainError && error.fields.status) {
      const { status, ...rest } = error.fields;
      throw new DomainError(error.code, error.message, { fields: { ...rest, to: status } });
    }
    throw error;
  }
}

export async function assignLead(db: Database, actor: Actor, partnerSlug: string, leadId: string, assigneeUserId: string | null): Promise<UpdateLeadResult> {
  return updateLead(db, actor, partnerSlug, leadId, { assigneeUserId });
}

/** `noteKey` (from the form) makes a repeated submit of the same form store the note once. */
export async function addLeadNote(db: Database, actor: Actor, partnerSlug: string, leadId: string, note: string, noteKey?: string): Promise<UpdateLeadResult> {
  return updateLead(db, actor, partnerSlug, leadId, { note, noteKey });
}

export interface ServiceOption {
  id: string;
  nameEn: string;
  nameKo: string;
}

/** The catalog's services, for the list's service filter (inactive ones too: old leads may ask for them). */
export async function listServiceOptions(db: Database): Promise<ServiceOption[]> {
  return db.selectFrom("services").select(["id", "name_en as nameEn", "name_ko as nameKo"]).orderBy("sort_order").orderBy("id").execute();
}
