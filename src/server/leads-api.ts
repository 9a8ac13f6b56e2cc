// The partner leads API (issue 5): GET /api/v1/leads, GET and PATCH /api/v1/leads/{id}. Authenticated by organization
// API keys (api-auth.ts); every rule (tenant isolation, pipeline, assignee membership) is the inbox core's.
import { z } from "zod";
import { toApiLeadSummary, toApiLeadWithEvents, ApiLeadSummarySchema } from "../domain/integrations/lead-payload.ts";
import { getPartnerLead, listPartnerLeadsAfter, updatePartnerLead, type PartnerScope } from "../domain/leads/inbox.ts";
import { CURSOR_SORTS, DEFAULT_PAGE_SIZE, LEAD_STATUSES, MAX_CURSOR_LIMIT } from "../domain/leads/inbox-schema.ts";
import type { ApiPrincipal } from "../domain/integrations/api-keys.ts";
import { isDomainError } from "../domain/shared/errors.ts";
import { isMessageKey, t } from "../i18n/ui.ts";
import { authenticateApiRequest, domainErrorResponse, partnerApiError, partnerApiJson, type ApiAuthDeps } from "./api-auth.ts";

/** Query parameters of GET /api/v1/leads, documented in OpenAPI; the inbox core validates their values. */
export const LEAD_LIST_PARAMETERS = {
  status: { schema: { type: "string", enum: [...LEAD_STATUSES] }, description: "Only leads in this pipeline status." },
  serviceId: { schema: { type: "string" }, description: "Only leads that asked for this catalog service id." },
  country: { schema: { type: "string", pattern: "^[A-Za-z]{2}$" }, description: "ISO 3166-1 alpha-2 country code (case-insensitive)." },
  createdFrom: { schema: { type: "string" }, description: "`YYYY-MM-DD` (from 00:00 UTC) or an RFC 3339 instant; inclusive." },
  createdTo: { schema: { type: "string" }, description: "`YYYY-MM-DD` (through the end of that UTC day) or an RFC 3339 instant (strictly before)." },
  assignee: { schema: { type: "string" }, description: "A member's user id, or `unassigned`." },
  q: { schema: { type: "string", maxLength: 200 }, description: "Substring of company, contact name or contact email (case-insensitive)." },
  sort: { schema: { type: "string", enum: [...CURSOR_SORTS], default: "newest" }, description: "By creation time." },
  cursor: { schema: { type: "string" }, description: "`nextCursor` of the previous page. Send the same filters and sort with it." },
  limit: { schema: { type: "integer", minimum: 1, maximum: MAX_CURSOR_LIMIT, default: DEFAULT_PAGE_SIZE }, description: "Leads per page." },
} as const;

export const LeadListResponseSchema = z.object({
  data: z.array(ApiLeadSummarySchema),
  nextCursor: z.string().nullable().meta({ description: "Pass as `cursor` for the next page; null on the last page." }),
});

/** PATCH body: any of status (with an optional `from` guard), assignee and note; at least one. */
export const LeadPatchSchema = z
  .strictObject({
    status: z.enum(LEAD_STATUSES).optional().meta({ description: "The next pipeline status; must be one of the lead's `allowedNext`." }),
    from: z.enum(LEAD_STATUSES).optional().meta({
      description: "The status you believe the lead has now; if it changed meanwhile the request fails with 409 and nothing changes.",
    }),
    lostReason: z.string().max(500).optional().meta({ description: "Required with `status: lost`." }),
    assigneeUserId: z.uuid().nullable().optional().meta({ description: "A current member of the organization, or null to unassign." }),
    note: z.string().max(2000).optional().meta({ description: "An internal note added to the timeline (1–2000 characters)." }),
    noteKey: z.uuid().optional().meta({
      description: "Your id for this note (a UUID): sending the same `noteKey` again (a retry) adds the note only once.",
    }),
  })
  .meta({ description: "Changes are applied in one transaction, in the order status, assignee, note; each is a timeline event." });

const LIST_KEYS = Object.keys(LEAD_LIST_PARAMETERS);

// The core's field messages are i18n keys; API clients get the English text.
function englishFields(fields: Record<string, string[]>): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const [field, messages] of Object.entries(fields)) out[field] = messages.map((m) => (isMessageKey(m) ? t("en", m) : m));
  return out;
}

function scopeOf(principal: ApiPrincipal): PartnerScope {
  return { partnerId: principal.partnerId, actor: { userId: null, apiKeyId: principal.keyId, label: principal.keyName } };
}

export async function listLeadsHandler(deps: ApiAuthDeps, request: Request): Promise<Response> {
  const principal = await authenticateApiRequest(request, deps, "leads:read");
  if (principal instanceof Response) return principal;
  const params = new URL(request.url).searchParams;
  const input: Record<string, string> = {};
  for (const key of LIST_KEYS) {
    const value = params.get(key);
    if (value !== null) input[key] = value;
  }
  try {
    const page = await listPartnerLeadsAfter(deps.db, scopeOf(principal), input);
    return partnerApiJson({ data: page.leads.map(toApiLeadSummary), nextCursor: page.nextCursor });
  } catch (error) {
    if (isDomainError(error, "VALIDATION_FAILED")) {
      return partnerApiError(400, "invalid_parameters", { message: "Some parameters are invalid.", fields: englishFields(error.fields) });
    }
    if (isDomainError(error)) return domainErrorResponse(error);
    throw error;
  }
}

export async function getLeadHandler(deps: ApiAuthDeps, request: Request, leadId: string): Promise<Response> {
  const principal = await authenticateApiRequest(request, deps, "leads:read");
  if (principal instanceof Response) return principal;
  try {
    return partnerApiJson(toApiLeadWithEvents(await getPartnerLead(deps.db, scopeOf(principal), leadId)));
  } catch (error) {
    if (isDomainError(error)) return domainErrorResponse(error);
    throw error;
  }
}

export async function patchLeadHandler(deps: ApiAuthDeps, request: Request, leadId: string): Promise<Response> {
  const principal = await authenticateApiRequest(request, deps, "leads:write");
  if (principal instanceof Response) return principal;
  const type = request.headers.get("content-type") ?? "";
  if (!/^application\/(merge-patch\+)?json\b/i.test(type)) {
    return partnerApiError(415, "unsupported_media_type", { message: "Send a JSON body with `Content-Type: application/json`." });
  }
  let body: unknown;
  try {
    body = await request.json();
  } catch {
    return partnerApiError(400, "invalid_parameters", { message: "The body is not valid JSON." });
  }
  const parsed = LeadPatchSchema.safeParse(body);
  if (!parsed.success) {
    const fields: Record<string, string[]> = {};
    for (const issue of parsed.error.issues) {
      const field = issue.code === "unrecognized_keys" ? issue.keys.join(", ") : String(issue.path[0] ?? "_body");
      (fields[field] ??= []).push(issue.message);
    }
    return partnerApiError(400, "invalid_parameters", { message: "The body doesn't match the schema.", fields });
  }
  try {
    const scope = scopeOf(principal);
    await updatePartnerLead(deps.db, scope, leadId, parsed.data);
    return partnerApiJson(toApiLeadWithEvents(await getPartnerLead(deps.db, scope, leadId)));
  } catch (error) {
    if (isDomainError(error, "VALIDATION_FAILED")) {
      return partnerApiError(422, "validation_failed", { message: "The change is not allowed.", fields: englishFields(error.fields) });
    }
    if (isDomainError(error)) return domainErrorResponse(error);
    throw error;
  }
}

/** Astro answers an unexported method with the HTML 404 page; this API says 405 in JSON instead. */
export function partnerApiMethodNotAllowed(allow: string): Response {
  return partnerApiError(405, "method_not_allowed", { message: `Allowed: ${allow}.`, headers: { allow } });
}
