// GET /api/v1/search: the public JSON shape (documented in openapi.ts from these schemas) and the mapping to it.
import { z } from "zod";
import {
  ExpertiseSchema,
  IndustrySchema,
  LanguageSchema,
  ProgramSchema,
  RegionSchema,
} from "../domain/catalog/vocabulary.ts";
import { FLAG_FILTERS, MULTI_FILTERS, type FieldErrors } from "../domain/search/query.ts";
import type { SearchResult } from "../domain/search/types.ts";
import type { Locale } from "../i18n/ui.ts";
import { listingUrl } from "./site-url.ts";

const counts = z.record(z.string(), z.int().min(0));

export const SearchApiHitSchema = z.object({
  slug: z.string(),
  name: z.string(),
  headline: z.string().meta({ description: "In the requested locale, or the other one when the partner wrote only that." }),
  services: z.array(z.string()).meta({ description: "Service ids (see the `services` parameter)." }),
  expertise: z.array(ExpertiseSchema),
  industries: z.array(IndustrySchema),
  regions: z.array(RegionSchema),
  languages: z.array(LanguageSchema),
  programs: z.array(ProgramSchema).meta({ description: "Operator-verified program enrollments only." }),
  delegatedAdmin: z.boolean().meta({ description: "The partner may act as delegated administrator (a verified program)." }),
  acceptingRequests: z.boolean().meta({ description: "False while the partner is at capacity and takes no new trial requests." }),
  responseTimeMinutes: z.int().min(0).nullable().meta({
    description:
      "Typical (median) minutes from a confirmed trial request to the partner's first response, over the last 180 days (a request waiting for more than a day counts with the time it has waited); null with fewer than 5 such requests.",
  }),
  rating: z.number().min(0).max(5).nullable(),
  reviewCount: z.int().min(0),
  url: z.url().meta({ description: "Absolute URL of the listing page in the requested locale." }),
});

const facetShape = Object.fromEntries(
  [...MULTI_FILTERS, ...FLAG_FILTERS, "minRating"].map((key) => [key, counts]),
) as Record<(typeof MULTI_FILTERS)[number] | (typeof FLAG_FILTERS)[number] | "minRating", typeof counts>;

export const SearchApiResponseSchema = z
  .object({
    hits: z.array(SearchApiHitSchema),
    facets: z.object(facetShape).meta({
      description:
        "Counts per value, each computed without that facet's own filter (disjunctive). `delegatedAdmin`, `respondsWithin24h` and `acceptingRequests` have the key `true`; `minRating` has keys `4` and `3`.",
    }),
    total: z.int().min(0),
    page: z.int().min(1),
    totalPages: z.int().min(0),
    hitsPerPage: z.int().min(1),
    degraded: z.boolean().meta({
      description: "True when the search engine was unavailable and a simpler database search answered.",
    }),
  });

export const ApiErrorSchema = z.object({
  error: z.enum(["invalid_parameters", "unavailable", "method_not_allowed"]),
  fields: z.record(z.string(), z.array(z.string())).optional().meta({ description: "Messages per parameter name." }),
});

export type SearchApiResponse = z.infer<typeof SearchApiResponseSchema>;

export function toSearchApiResponse(result: SearchResult, options: { origin: string; locale: Locale }): SearchApiResponse {
  return {
    hits: result.hits.map((hit) => ({
      slug: hit.slug,
      name: hit.name,
      headline: hit.headline,
      services: hit.services,
      // Index documents carry vocabulary ids; the types are wider only because they come back as JSON.
      expertise: hit.expertise as SearchApiResponse["hits"][number]["expertise"],
      industries: hit.industries as SearchApiResponse["hits"][number]["industries"],
      regions: hit.regions as SearchApiResponse["hits"][number]["regions"],
      languages: hit.languages as SearchApiResponse["hits"][number]["languages"],
      programs: hit.programs as SearchApiResponse["hits"][number]["programs"],
      delegatedAdmin: hit.delegatedAdmin,
      acceptingRequests: hit.acceptingRequests,
      responseTimeMinutes: hit.responseTimeMinutes,
      rating: hit.rating,
      reviewCount: hit.reviewCount,
      url: listingUrl(options.origin, options.locale, hit.slug),
    })),
    facets: result.facets,
    total: result.total,
    page: result.page,
    totalPages: result.totalPages,
    hitsPerPage: result.hitsPerPage,
    degraded: result.degraded,
  };
}

const JSON_TYPE = "application/json; charset=utf-8";

/** A JSON answer for the public, read-only API: any origin may read it. */
export function apiJson(body: unknown, init: { status?: number; cacheControl: string }): Response {
  return new Response(JSON.stringify(body), {
    status: init.status ?? 200,
    headers: {
      "content-type": JSON_TYPE,
      "cache-control": init.cacheControl,
      "access-control-allow-origin": "*",
    },
  });
}

export function invalidParameters(fields: FieldErrors): Response {
  return apiJson({ error: "invalid_parameters", fields }, { status: 400, cacheControl: "no-store" });
}

const ALLOWED_METHODS = "GET, HEAD, OPTIONS";

/** Astro answers an unexported method with the HTML 404 page; a read-only JSON API says 405 instead. */
export function methodNotAllowed(): Response {
  return new Response(JSON.stringify({ error: "method_not_allowed" }), {
    status: 405,
    headers: {
      "content-type": JSON_TYPE,
      allow: ALLOWED_METHODS,
      "cache-control": "no-store",
      "access-control-allow-origin": "*",
    },
  });
}

/** CORS preflight (a GET with non-simple headers, e.g. from fetch with `content-type: application/json`). */
export function corsPreflight(): Response {
  return new Response(null, {
    status: 204,
    headers: {
      allow: ALLOWED_METHODS,
      "access-control-allow-origin": "*",
      "access-control-allow-methods": ALLOWED_METHODS,
      "access-control-allow-headers": "*",
      "access-control-max-age": "86400",
    },
  });
}
