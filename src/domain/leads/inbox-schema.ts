// Inputs of the partner's lead inbox (issue 5): list filters, sorts, cursors and lead updates, validated with zod.
import { z } from "zod";
import { isUuid } from "../shared/ids.ts";

export const LEAD_STATUSES = ["new", "contacted", "trial_invited", "trial_active", "offer_sent", "won", "lost", "spam"] as const;
export type LeadStatus = (typeof LEAD_STATUSES)[number];

/** Orders of the list; keyset (cursor) pagination supports only the two that follow (created_at, id). */
export const LEAD_SORTS = ["newest", "oldest", "company", "status"] as const;
export type LeadSort = (typeof LEAD_SORTS)[number];
export const CURSOR_SORTS = ["newest", "oldest"] as const;
export type CursorSort = (typeof CURSOR_SORTS)[number];

export const DEFAULT_PAGE_SIZE = 25;
export const MAX_CURSOR_LIMIT = 100;

const isDateOnly = (v: string) => {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(v)) return false;
  const d = new Date(`${v}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().startsWith(v);
};
// A calendar day (UTC, as the inbox shows dates) or an RFC 3339 instant with an offset.
const dateBound = (error: string) =>
  z
    .string()
    .trim()
    .refine((v) => isDateOnly(v) || (z.iso.datetime({ offset: true }).safeParse(v).success && !Number.isNaN(Date.parse(v))), { error });

const optionalText = (max: number, error: string) =>
  z
    .string()
    .trim()
    .max(max, { error })
    .optional()
    .transform((v) => (v ? v : undefined));

/** The filters shared by the list page, the CSV export and the API; every field optional, empty strings mean "any". */
export const leadFilterSchema = z
  .object({
    status: z.preprocess(emptyToUndefined, z.enum(LEAD_STATUSES, { error: "leads.inbox.error.statusInvalid" }).optional()),
    serviceId: z.preprocess(
      emptyToUndefined,
      z
        .string()
        .trim()
        .regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, { error: "leads.inbox.error.serviceInvalid" })
        .max(100, { error: "leads.inbox.error.serviceInvalid" })
        .optional(),
    ),
    country: z.preprocess(
      (v) => (typeof v === "string" ? emptyToUndefined(v.trim().toUpperCase()) : v),
      z
        .string()
        .regex(/^[A-Z]{2}$/, { error: "leads.inbox.error.countryInvalid" })
        .optional(),
    ),
    createdFrom: z.preprocess(emptyToUndefined, dateBound("leads.inbox.error.dateInvalid").optional()),
    createdTo: z.preprocess(emptyToUndefined, dateBound("leads.inbox.error.dateInvalid").optional()),
    assignee: z.preprocess(
      emptyToUndefined,
      z
        .string()
        .trim()
        .refine((v) => v === "unassigned" || isUuid(v), { error: "leads.inbox.error.assigneeInvalid" })
        .transform((v) => v.toLowerCase())
        .optional(),
    ),
    q: optionalText(200, "leads.inbox.error.qTooLong"),
  })
  .superRefine((f, ctx) => {
    if (f.createdFrom && f.createdTo && lowerBound(f.createdFrom) >= upperBound(f.createdTo)) {
      ctx.addIssue({ code: "custom", path: ["createdTo"], message: "leads.inbox.error.dateRange" });
    }
  });
export type LeadFilterInput = z.input<typeof leadFilterSchema>;
export type LeadFilter = z.output<typeof leadFilterSchema>;

function emptyToUndefined(v: unknown): unknown {
  return v === "" || v === null ? undefined : v;
}

/** Inclusive lower bound of `createdFrom`: a day starts at 00:00 UTC. */
export function lowerBound(v: string): Date {
  return isDateOnly(v) ? new Date(`${v}T00:00:00Z`) : new Date(v);
}
/** Exclusive upper bound of `createdTo`: a day includes all of itself (up to the next 00:00 UTC); an instant is "before". */
export function upperBound(v: string): Date {
  if (isDateOnly(v)) return new Date(new Date(`${v}T00:00:00Z`).getTime() + 86_400_000);
  return new Date(v);
}

/** The list page (offset pages, any sort). */
export const listLeadsSchema = leadFilterSchema.and(
  z.object({
    sort: z.preprocess(emptyToUndefined, z.enum(LEAD_SORTS, { error: "leads.inbox.error.sortInvalid" }).default("newest")),
    page: z.preprocess(emptyToUndefined, z.coerce.number({ error: "leads.inbox.error.pageInvalid" }).int().min(1).max(10_000).default(1)),
    pageSize: z.preprocess(emptyToUndefined, z.coerce.number().int().min(1).max(MAX_CURSOR_LIMIT).default(DEFAULT_PAGE_SIZE)),
  }),
);
export type ListLeadsInput = z.input<typeof listLeadsSchema>;
export type ListLeadsQuery = z.output<typeof listLeadsSchema>;

/** The API's list (keyset pages over (created_at, id)). */
export const cursorListSchema = leadFilterSchema.and(
  z.object({
    sort: z.preprocess(emptyToUndefined, z.enum(CURSOR_SORTS, { error: "leads.inbox.error.sortInvalid" }).default("newest")),
    cursor: z.preprocess(emptyToUndefined, z.string().max(300, { error: "leads.inbox.error.cursorInvalid" }).optional()),
    limit: z.preprocess(
      emptyToUndefined,
      z.coerce
        .number({ error: "leads.inbox.error.limitInvalid" })
        .int({ error: "leads.inbox.error.limitInvalid" })
        .min(1, { error: "leads.inbox.error.limitInvalid" })
        .max(MAX_CURSOR_LIMIT, { error: "leads.inbox.error.limitInvalid" })
        .default(DEFAULT_PAGE_SIZE),
    ),
  }),
);
export type CursorListInput = z.input<typeof cursorListSchema>;

/**
 * Lenient reading of the list page's query string: a value that doesn't validate is dropped (the page shows
 * everything for that field) rather than answering an error page for a hand-edited URL.
 */
export function readListQuery(params: URLSearchParams): ListLeadsQuery {
  const raw: Record<string, string> = {};
  for (const key of ["status", "serviceId", "country", "createdFrom", "createdTo", "assignee", "q", "sort", "page"]) {
    const v = params.get(key);
    if (v !== null) raw[key] = v;
  }
  for (;;) {
    const result = listLeadsSchema.safeParse(raw);
    if (result.success) return result.data;
    const bad = new Set(result.error.issues.map((i) => String(i.path[0] ?? "")));
    const before = Object.keys(raw).length;
    for (const key of bad) delete raw[key];
    if (Object.keys(raw).length === before) return listLeadsSchema.parse({});
  }
}

export const changeStatusSchema = z.object({
  /** The status the member saw: a change made on a stale view is refused (CONFLICT) instead of silently applied. */
  from: z.enum(LEAD_STATUSES).optional(),
  to: z.enum(LEAD_STATUSES, { error: "leads.inbox.error.statusInvalid" }),
  lostReason: optionalText(500, "leads.inbox.error.lostReasonTooLong"),
});
export type ChangeStatusInput = z.input<typeof changeStatusSchema>;

export const NOTE_MAX = 2000;
const noteText = z
  .string({ error: "leads.inbox.error.noteRequired" })
  .trim()
  .min(1, { error: "leads.inbox.error.noteRequired" })
  .max(NOTE_MAX, { error: "leads.inbox.error.noteTooLong" });

/**
 * One update of a lead (UI forms and API PATCH): any of status, assignee, note; at least one.
 * `assigneeUserId`: undefined = unchanged, null = unassign.
 */
export const updateLeadSchema = z.object({
  from: z.enum(LEAD_STATUSES, { error: "leads.inbox.error.statusInvalid" }).optional(),
  status: z.enum(LEAD_STATUSES, { error: "leads.inbox.error.statusInvalid" }).optional(),
  lostReason: optionalText(500, "leads.inbox.error.lostReasonTooLong"),
  assigneeUserId: z
    .string({ error: "leads.inbox.error.assigneeInvalid" })
    .refine(isUuid, { error: "leads.inbox.error.assigneeInvalid" })
    .transform((v) => v.toLowerCase())
    .nullable()
    .optional(),
  note: noteText.optional(),
  /** Idempotency of a note: the same key twice stores one note. */
  noteKey: z.uuid().optional(),
});
export type UpdateLeadInput = z.input<typeof updateLeadSchema>;

/** The assignment form: an empty choice unassigns. */
export const assignFormSchema = z.object({
  assigneeUserId: z.preprocess(
    (v) => (v === "" ? null : v),
    z.string().refine(isUuid, { error: "leads.inbox.error.assigneeInvalid" }).nullable(),
  ),
});

/** The note form. */
export const noteFormSchema = z.object({ note: noteText, noteKey: z.uuid().optional().catch(undefined) });
