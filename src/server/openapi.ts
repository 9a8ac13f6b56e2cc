// The OpenAPI 3.1 document of the public HTTP API, built from the same zod schemas the endpoints use.
import { z } from "zod";
import { MULTI_FILTERS, SearchQuerySchema } from "../domain/search/query.ts";
import type { Health } from "./health.ts";
import { ApiErrorSchema, SearchApiResponseSchema } from "./search-api.ts";
import {
  ApiLeadEventSchema,
  ApiLeadSummarySchema,
  ApiLeadWithEventsSchema,
  WebhookPayloadSchema,
} from "../domain/integrations/lead-payload.ts";
import { PartnerApiErrorSchema } from "./api-auth.ts";
import { LEAD_LIST_PARAMETERS, LeadListResponseSchema, LeadPatchSchema } from "./leads-api.ts";

type JsonSchema = Record<string, unknown>;
type SearchParam = keyof typeof SearchQuerySchema.shape;

// Keyed by the schema's own keys, so a new query field fails the typecheck until it is documented.
const PARAMETER_DESCRIPTIONS: Record<SearchParam, string> = {
  q: "Free text: partner name, headline, description, services, expertise. Typo tolerant (not in degraded mode).",
  services: "Service ids. Repeat the parameter (or give a comma-separated list); any of them matches.",
  expertise: "Expertise ids; any of them matches.",
  industries: "Industry ids; any of them matches.",
  regions: "Country codes the partner serves; any of them matches.",
  languages: "Languages the partner works in; any of them matches.",
  programs: "Verified partner programs; any of them matches.",
  delegatedAdmin: "`true` or `1`: only partners that may act as delegated administrator (a verified program).",
  respondsWithin24h:
    "`true` or `1`: only partners whose typical response time is at most 24 hours (median time from a confirmed trial request to the first response over the last 180 days, with at least 5 requests answered or waiting for more than a day; a waiting request counts with the time it has waited).",
  acceptingRequests: "`true` or `1`: only partners accepting new customers (not paused because they are at capacity).",
  minRating: "Only partners rated at least this (0–5).",
  sort: "Result order.",
  page: "1-based page number.",
  hitsPerPage: "Results per page.",
  locale: "Language of headlines and of the returned listing URLs.",
};

const HealthSchema = z
  .object({
    status: z.enum(["ok", "degraded", "down"]),
    database: z.object({
      status: z.enum(["up", "down"]),
      latencyMs: z.number().optional(),
      error: z.string().optional(),
    }),
    search: z.object({
      status: z.enum(["up", "down", "not-configured"]),
      latencyMs: z.number().optional(),
      error: z.string().optional(),
    }),
  })
  .meta({ description: "Postgres is required (503 when down); search is degradable." });

// Both directions, so the documented health shape can't drift from the one /healthz serves.
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
const healthSchemaMatches: Same<z.infer<typeof HealthSchema>, Health> = true;
void healthSchemaMatches;

/** The component schemas, as JSON Schema 2020-12 (OpenAPI 3.1's dialect), with refs between them. */
function componentSchemas(): Record<string, JsonSchema> {
  const registry = z.registry<{ id: string }>();
  registry.add(SearchApiResponseSchema, { id: "SearchResponse" });
  registry.add(ApiErrorSchema, { id: "Error" });
  registry.add(HealthSchema, { id: "Health" });
  registry.add(ApiLeadSummarySchema, { id: "LeadSummary" });
  registry.add(ApiLeadEventSchema, { id: "LeadEvent" });
  registry.add(ApiLeadWithEventsSchema, { id: "Lead" });
  registry.add(LeadListResponseSchema, { id: "LeadList" });
  registry.add(LeadPatchSchema, { id: "LeadPatch" });
  registry.add(PartnerApiErrorSchema, { id: "PartnerApiError" });
  registry.add(WebhookPayloadSchema, { id: "WebhookPayload" });
  const { schemas } = z.toJSONSchema(registry, {
    io: "output",
    uri: (id) => `#/components/schemas/${id}`,
    // Responses may gain fields without a new API version: don't tell clients to reject unknown ones.
    override: ({ jsonSchema }) => {
      if (jsonSchema.additionalProperties === false) delete jsonSchema.additionalProperties;
    },
  }) as { schemas: Record<string, JsonSchema> };
  for (const schema of Object.values(schemas)) {
    // The document is the JSON Schema resource; a fragment $id per component is not valid 2020-12.
    delete schema.$schema;
    delete schema.$id;
    delete schema.id;
  }
  // A request body, not a response: unknown fields are refused (400), so say so.
  if (schemas.LeadPatch) schemas.LeadPatch.additionalProperties = false;
  return schemas;
}

/** One query parameter per field of SearchQuerySchema, with its input schema (enums included). */
function searchParameters(): JsonSchema[] {
  const input = z.toJSONSchema(SearchQuerySchema, { io: "input" }) as { properties: Record<string, JsonSchema> };
  return (Object.keys(SearchQuerySchema.shape) as SearchParam[]).map((name) => {
    const schema = input.properties[name] ?? {};
    const isArray = (MULTI_FILTERS as readonly string[]).includes(name);
    return {
      name,
      in: "query",
      required: false,
      description: PARAMETER_DESCRIPTIONS[name],
      schema,
      ...(isArray ? { style: "form", explode: true } : {}),
    };
  });
}

const json = (ref: string, description: string) => ({
  description,
  content: { "application/json": { schema: { $ref: `#/components/schemas/${ref}` } } },
});

// ---- Partner API (issue 5): organization API keys, leads, webhooks ----------

const partnerError = (description: string) => json("PartnerApiError", description);

/** The answers every partner API operation may give besides its own. */
function partnerErrors(scope: string): Record<string, unknown> {
  return {
    "401": {
      ...partnerError("Missing, malformed, unknown or revoked API key: `error` is `unauthorized`."),
      headers: { "WWW-Authenticate": { description: '`Bearer realm="partner-api", error="invalid_token"`', schema: { type: "string" } } },
    },
    "403": partnerError(
      `The key lacks the \`${scope}\` scope (\`insufficient_scope\`), or the organization is no longer authorized on the marketplace (\`partner_not_authorized\`, R1).`,
    ),
    "429": {
      ...partnerError("Too many requests for this key (`rate_limited`)."),
      headers: { "Retry-After": { description: "Seconds to wait.", schema: { type: "integer" } } },
    },
  };
}

const leadIdParameter = {
  name: "id",
  in: "path",
  required: true,
  description: "The lead's id. Another organization's lead is answered like a missing one (404).",
  schema: { type: "string", format: "uuid" },
};

function leadPaths(): Record<string, Record<string, unknown>> {
  return {
    "/api/v1/leads": {
      get: {
        operationId: "listLeads",
        tags: ["leads"],
        summary: "List the organization's leads",
        description:
          "Keyset pagination over (creation time, id): follow `nextCursor` until it is null; each lead appears once even while new leads arrive.",
        security: [{ bearerAuth: ["leads:read"] }],
        parameters: Object.entries(LEAD_LIST_PARAMETERS).map(([name, p]) => ({ name, in: "query", required: false, ...p })),
        responses: {
          "200": json("LeadList", "A page of leads."),
          "400": partnerError("Invalid parameters (`invalid_parameters`), per name in `fields`; also a malformed or foreign `cursor`."),
          ...partnerErrors("leads:read"),
        },
      },
    },
    "/api/v1/leads/{id}": {
      get: {
        operationId: "getLead",
        tags: ["leads"],
        summary: "One lead with its timeline",
        security: [{ bearerAuth: ["leads:read"] }],
        parameters: [leadIdParameter],
        responses: {
          "200": json("Lead", "The lead."),
          "404": partnerError("No such lead in this organization (`not_found`)."),
          ...partnerErrors("leads:read"),
        },
      },
      patch: {
        operationId: "updateLead",
        tags: ["leads"],
        summary: "Move a lead through the pipeline, assign it, add a note",
        description:
          "The same rules as the portal: one step forward at a time (new → contacted → trial_invited → trial_active → offer_sent → won), `lost` (with `lostReason`) or `spam` from any open status; won, lost and spam are final.",
        security: [{ bearerAuth: ["leads:write"] }],
        parameters: [leadIdParameter],
        requestBody: { required: true, content: { "application/json": { schema: { $ref: "#/components/schemas/LeadPatch" } } } },
        responses: {
          "200": json("Lead", "The lead after the change."),
          "400": partnerError("The body is not JSON or doesn't match the schema (`invalid_parameters`)."),
          "404": partnerError("No such lead in this organization (`not_found`)."),
          "409": partnerError("`from` differs from the lead's status, or another change won a race (`conflict`): read the lead again."),
          "415": partnerError("The body must be `application/json` (`unsupported_media_type`)."),
          "422": partnerError(
            "The change breaks a rule (`validation_failed`): a transition the pipeline doesn't allow, `lost` without a reason, an assignee who isn't a member, nothing to change. `fields` says which.",
          ),
          ...partnerErrors("leads:write"),
        },
      },
    },
  };
}

/** OpenAPI 3.1 `webhooks`: what we POST to an organization's endpoints (see docs/webhooks.md for the signature). */
function webhookOperations(): Record<string, unknown> {
  const headers = [
    { name: "Webhook-Id", description: "The event id (`evt_…`), the same on every retry: deduplicate on it." },
    { name: "Webhook-Timestamp", description: "Unix seconds when this attempt was signed; refuse messages older than 5 minutes." },
    { name: "Webhook-Signature", description: '`v1=<hex HMAC-SHA256(secret, "<Webhook-Timestamp>.<raw body>")>`' },
    { name: "Webhook-Event", description: "The event type, as `type` in the body." },
  ].map(({ name, description }) => ({ name, in: "header", required: true, description, schema: { type: "string" } }));
  const operation = (event: string, summary: string) => ({
    post: {
      operationId: `webhook_${event.replace(".", "_")}`,
      tags: ["webhooks"],
      summary,
      parameters: headers,
      requestBody: { required: true, content: { "application/json": { schema: { $ref: "#/components/schemas/WebhookPayload" } } } },
      responses: {
        "2XX": { description: "Received. Anything else (or no answer within 10 s) is retried with exponential backoff, up to 8 attempts." },
      },
    },
  });
  return {
    "lead.created": operation("lead.created", "A confirmed trial request reached the organization"),
    "lead.updated": operation("lead.updated", "A lead's status, assignee or notes changed"),
  };
}

/** A fresh document on every call: later issues add paths to it. */
export function buildOpenApiDocument(): Record<string, unknown> & { paths: Record<string, Record<string, unknown>> } {
  return {
    openapi: "3.1.0",
    info: {
      title: "Partner Marketplace API",
      version: "1.0.0",
      description:
        "Public, read-only access to the partner marketplace: search the listings of authorized partners (no authentication; any origin may call it, CORS `*`). Partner organizations also read and work their leads with an organization API key (bearer token, no CORS) and receive webhooks.",
    },
    servers: [{ url: "/" }],
    tags: [
      { name: "search" },
      { name: "leads", description: "The organization's leads. Authenticate with an organization API key: `Authorization: Bearer mk_…` (portal → Integrations)." },
      { name: "webhooks", description: "Messages sent to the organization's webhook endpoints." },
      { name: "operations" },
    ],
    paths: {
      ...leadPaths(),
      "/api/v1/search": {
        get: {
          operationId: "searchListings",
          tags: ["search"],
          summary: "Search public partner listings",
          description:
            "Full-text search with disjunctive facets. When the search engine is unavailable, a simpler database search answers with `degraded: true` (then not cacheable).",
          parameters: searchParameters(),
          responses: {
            "200": {
              ...json("SearchResponse", "A page of hits with facet counts."),
              headers: {
                "Cache-Control": {
                  description: "`public, max-age=30`, or `no-store` when degraded.",
                  schema: { type: "string" },
                },
              },
            },
            "400": json("Error", "Some parameters are invalid: `error` is `invalid_parameters`, `fields` lists them."),
            "405": json("Error", "Only GET, HEAD and OPTIONS: `error` is `method_not_allowed`."),
            "503": json("Error", "Neither the search engine nor the database could answer."),
          },
        },
      },
      "/api/v1/openapi.json": {
        get: {
          operationId: "getOpenApiDocument",
          tags: ["operations"],
          summary: "This document",
          responses: {
            "200": { description: "The OpenAPI 3.1 document.", content: { "application/json": { schema: { type: "object" } } } },
          },
        },
      },
      "/healthz": {
        get: {
          operationId: "getHealth",
          tags: ["operations"],
          summary: "Health of the database and the search engine",
          responses: {
            "200": json("Health", "The database is up (search may be degraded)."),
            "503": json("Health", "The database is down."),
          },
        },
      },
    },
    webhooks: webhookOperations(),
    components: {
      schemas: componentSchemas(),
      securitySchemes: {
        bearerAuth: {
          type: "http",
          scheme: "bearer",
          bearerFormat: "mk_<prefix>_<secret>",
          description: "An organization API key, created by an owner or admin in the portal; scopes `leads:read`, `leads:write`.",
        },
      },
    },
  };
}
