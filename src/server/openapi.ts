// The OpenAPI 3.1 document of the public HTTP API, built from the same zod schemas the endpoints use.
import { z } from "zod";
import { MULTI_FILTERS, SearchQuerySchema } from "../domain/search/query.ts";
import type { Health } from "./health.ts";
import { ApiErrorSchema, SearchApiResponseSchema } from "./search-api.ts";

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

/** A fresh document on every call: later issues add paths to it. */
export function buildOpenApiDocument(): Record<string, unknown> & { paths: Record<string, Record<string, unknown>> } {
  return {
    openapi: "3.1.0",
    info: {
      title: "Partner Marketplace API",
      version: "1.0.0",
      description:
        "Public, read-only access to the partner marketplace: search the listings of authorized partners. No authentication; any origin may call it (CORS `*`).",
    },
    servers: [{ url: "/" }],
    tags: [{ name: "search" }, { name: "operations" }],
    paths: {
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
    components: { schemas: componentSchemas() },
  };
}
