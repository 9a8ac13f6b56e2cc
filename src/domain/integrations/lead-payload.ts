// The lead as partner integrations see it (API responses and webhook payloads): zod schemas documented in OpenAPI,
// mapped from the inbox core's LeadSummary/LeadDetail so the API, webhooks and the portal never disagree.
import { z } from "zod";
import type { LeadDetail, LeadEvent, LeadSummary } from "../leads/inbox.ts";
import { LEAD_STATUSES } from "../leads/inbox-schema.ts";

export const WEBHOOK_EVENTS = ["lead.created", "lead.updated"] as const;
export type WebhookEventType = (typeof WEBHOOK_EVENTS)[number];

const isoDate = z.iso.datetime({ offset: true });

export const ApiLeadSummarySchema = z.object({
  id: z.uuid(),
  status: z.enum(LEAD_STATUSES),
  company: z.string(),
  contactName: z.string(),
  contactEmail: z.string(),
  country: z.string().meta({ description: "ISO 3166-1 alpha-2 country code." }),
  services: z.array(z.string()).meta({ description: "Catalog service ids the customer asked for." }),
  seats: z.int().min(1),
  assignee: z.object({ userId: z.uuid(), name: z.string() }).nullable().meta({ description: "The member working the lead." }),
  createdAt: isoDate,
  updatedAt: isoDate,
});
export type ApiLeadSummary = z.infer<typeof ApiLeadSummarySchema>;

export const ApiLeadSchema = ApiLeadSummarySchema.extend({
  companySize: z.string(),
  message: z.string(),
  wantsDelegatedAdmin: z.boolean(),
  lostReason: z.string().nullable(),
  confirmedAt: isoDate.nullable(),
  firstResponseAt: isoDate.nullable().meta({ description: "When the partner first moved the lead out of `new`." }),
  allowedNext: z.array(z.enum(LEAD_STATUSES)).meta({ description: "Statuses the lead may move to now (the pipeline)." }),
});
export type ApiLead = z.infer<typeof ApiLeadSchema>;

export const ApiLeadEventSchema = z.object({
  id: z.int(),
  type: z.string().meta({ description: "`created`, `confirmed`, `emails_sent`, `status_changed`, `assigned`, `note_added`, … (more may be added)." }),
  actor: z
    .union([
      z.object({ kind: z.literal("user"), userId: z.uuid(), name: z.string() }),
      z.object({ kind: z.literal("apiKey"), apiKeyId: z.uuid().nullable(), label: z.string() }),
    ])
    .nullable(),
  data: z.record(z.string(), z.unknown()).meta({
    description: "status_changed: {from, to, reason}; assigned: {from, to, fromName, toName}; note_added: {text, key?}; emails_sent: {template, recipients}.",
  }),
  createdAt: isoDate,
});
export type ApiLeadEvent = z.infer<typeof ApiLeadEventSchema>;

export const ApiLeadWithEventsSchema = ApiLeadSchema.extend({
  events: z.array(ApiLeadEventSchema).meta({ description: "The timeline, oldest first." }),
});
export type ApiLeadWithEvents = z.infer<typeof ApiLeadWithEventsSchema>;

export const WebhookPayloadSchema = z.object({
  id: z.string().meta({ description: "Same as the `Webhook-Id` header; identical on every retry of one event: deduplicate on it." }),
  type: z.enum(WEBHOOK_EVENTS),
  createdAt: isoDate.meta({ description: "When the event happened." }),
  data: z.object({
    lead: ApiLeadSchema.meta({ description: "The lead as it was when the delivery was prepared (moments after the event)." }),
    event: ApiLeadEventSchema.meta({ description: "The timeline event that caused this message." }),
  }),
});
export type WebhookPayload = z.infer<typeof WebhookPayloadSchema>;

export function toApiLeadSummary(lead: LeadSummary): ApiLeadSummary {
  return {
    id: lead.id,
    status: lead.status,
    company: lead.company,
    contactName: lead.contactName,
    contactEmail: lead.contactEmail,
    country: lead.country,
    services: lead.services,
    seats: lead.seats,
    assignee: lead.assignee ? { userId: lead.assignee.userId, name: lead.assignee.name } : null,
    createdAt: lead.createdAt.toISOString(),
    updatedAt: lead.updatedAt.toISOString(),
  };
}

export function toApiLead(lead: LeadDetail): ApiLead {
  return {
    ...toApiLeadSummary(lead),
    companySize: lead.companySize,
    message: lead.message,
    wantsDelegatedAdmin: lead.wantsDelegatedAdmin,
    lostReason: lead.lostReason,
    confirmedAt: lead.confirmedAt?.toISOString() ?? null,
    firstResponseAt: lead.firstResponseAt?.toISOString() ?? null,
    allowedNext: [...lead.allowedNext],
  };
}

export function toApiLeadEvent(event: LeadEvent): ApiLeadEvent {
  return { id: event.id, type: event.type, actor: event.actor, data: event.data, createdAt: event.createdAt.toISOString() };
}

export function toApiLeadWithEvents(lead: LeadDetail): ApiLeadWithEvents {
  return { ...toApiLead(lead), events: lead.events.map(toApiLeadEvent) };
}

/** The webhook event a lead_events row becomes, if any (the same mapping as the trigger in the migration). */
export function webhookEventTypeOf(leadEventType: string): WebhookEventType | null {
  if (leadEventType === "confirmed") return "lead.created";
  if (["status_changed", "assigned", "note_added"].includes(leadEventType)) return "lead.updated";
  return null;
}
