// Inputs of the partner's lead inbox (issue 5): list filters and the status form, validated with zod.
import { z } from "zod";

export const LEAD_STATUSES = ["new", "contacted", "trial_invited", "trial_active", "offer_sent", "won", "lost", "spam"] as const;
export type LeadStatus = (typeof LEAD_STATUSES)[number];

export const listLeadsSchema = z.object({
  status: z.enum(LEAD_STATUSES).optional().catch(undefined),
  q: z
    .string()
    .trim()
    .max(200)
    .optional()
    .transform((v) => (v ? v : undefined))
    .catch(undefined),
  page: z.coerce.number().int().min(1).max(10_000).catch(1).default(1),
});
export type ListLeadsFilter = z.input<typeof listLeadsSchema>;

export const changeStatusSchema = z.object({
  /** The status the member saw: a change made on a stale view is refused (CONFLICT) instead of silently applied. */
  from: z.enum(LEAD_STATUSES).optional(),
  to: z.enum(LEAD_STATUSES, { error: "leads.inbox.error.statusInvalid" }),
  lostReason: z
    .string()
    .trim()
    .max(500, { error: "leads.inbox.error.lostReasonTooLong" })
    .optional()
    .transform((v) => (v ? v : undefined)),
});
export type ChangeStatusInput = z.input<typeof changeStatusSchema>;
