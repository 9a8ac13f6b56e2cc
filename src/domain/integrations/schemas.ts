// Inputs of the integrations page (issue 5): API key and webhook endpoint forms, validated with zod (messages are i18n keys).
import { z } from "zod";
import { WEBHOOK_EVENTS } from "./lead-payload.ts";

export const API_SCOPES = ["leads:read", "leads:write"] as const;
export type ApiScope = (typeof API_SCOPES)[number];

// A checkbox group arrives as nothing, one string or several.
const many = <T extends z.ZodType>(item: T) =>
  z.preprocess((v) => (v === undefined || v === "" ? [] : Array.isArray(v) ? v : [v]), z.array(item));

export const createApiKeySchema = z.object({
  name: z
    .string({ error: "integrations.error.nameRequired" })
    .trim()
    .min(1, { error: "integrations.error.nameRequired" })
    .max(100, { error: "integrations.error.nameTooLong" }),
  scopes: many(z.enum(API_SCOPES, { error: "integrations.error.scopesRequired" })).pipe(
    z.array(z.enum(API_SCOPES)).min(1, { error: "integrations.error.scopesRequired" }),
  ),
});
export type CreateApiKeyInput = z.input<typeof createApiKeySchema>;

export const createEndpointSchema = z.object({
  url: z
    .string({ error: "integrations.error.urlRequired" })
    .trim()
    .min(1, { error: "integrations.error.urlRequired" })
    .max(2000, { error: "integrations.error.urlInvalid" })
    .refine((v) => /^https?:\/\//i.test(v) && URL.canParse(v), { error: "integrations.error.urlInvalid" }),
  description: z
    .string()
    .trim()
    .max(200, { error: "integrations.error.descriptionTooLong" })
    .optional()
    .transform((v) => v ?? ""),
  events: many(z.enum(WEBHOOK_EVENTS, { error: "integrations.error.eventsRequired" })).pipe(
    z.array(z.enum(WEBHOOK_EVENTS)).min(1, { error: "integrations.error.eventsRequired" }),
  ),
});
export type CreateEndpointInput = z.input<typeof createEndpointSchema>;

export const idSchema = z.object({ id: z.uuid({ error: "integrations.error.invalidRequest" }) });
export const deliveryIdSchema = z.object({ deliveryId: z.coerce.number().int().positive({ error: "integrations.error.invalidRequest" }) });

/** zod issues → { field: [message] } (messages are i18n keys the web layer translates). */
export function fieldErrors(error: z.ZodError): Record<string, string[]> {
  const fields: Record<string, string[]> = {};
  for (const issue of error.issues) (fields[String(issue.path[0] ?? "_form")] ??= []).push(issue.message);
  return fields;
}
