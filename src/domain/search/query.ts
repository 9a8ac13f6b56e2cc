// The search query: one zod schema shared by the HTML page and GET /api/v1/search.
import { z } from "zod";
import {
  ExpertiseSchema,
  IndustrySchema,
  LanguageSchema,
  ProgramSchema,
  RegionSchema,
} from "../catalog/vocabulary.ts";

export const SORTS = ["relevance", "rating", "updated"] as const;
export type Sort = (typeof SORTS)[number];

/** Multi-valued filters repeat the parameter (?services=mail&services=security). */
export const MULTI_FILTERS = ["services", "expertise", "industries", "regions", "languages", "programs"] as const;
export type MultiFilter = (typeof MULTI_FILTERS)[number];

const ServiceIdSchema = z.string().regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, "not a service id").max(64);
const list = <T extends z.ZodType>(item: T) => z.array(item).max(20).default([]);
/** An on/off filter: "true"/"1" turns it on; "false", "0" or nothing leaves it off. */
const flag = () =>
  z
    .enum(["true", "false", "1", "0", ""])
    .optional()
    .transform((v) => (v === "true" || v === "1" ? true : undefined));

/** The on/off filters besides the multi-valued ones; each is a boolean field of the index documents. */
export const FLAG_FILTERS = ["delegatedAdmin", "respondsWithin24h", "acceptingRequests"] as const;
export type FlagFilter = (typeof FLAG_FILTERS)[number];

export const SearchQuerySchema = z.object({
  q: z.string().trim().max(200, "at most 200 characters").default(""),
  services: list(ServiceIdSchema),
  expertise: list(ExpertiseSchema),
  industries: list(IndustrySchema),
  regions: list(RegionSchema),
  languages: list(LanguageSchema),
  programs: list(ProgramSchema),
  delegatedAdmin: flag(),
  /** Issue 5: partners whose typical response time (median, enough data) is at most 24 hours. */
  respondsWithin24h: flag(),
  /** Issue 5: partners not paused for capacity. */
  acceptingRequests: flag(),
  minRating: z
    .union([z.literal("").transform(() => undefined), z.coerce.number().min(0).max(5)])
    .optional(),
  sort: z.enum(SORTS).default("relevance"),
  page: z.coerce.number().int().min(1).max(1000).default(1),
  hitsPerPage: z.coerce.number().int().min(1).max(50).default(12),
  locale: z.enum(["en", "ko"]).default("en"),
});

export type SearchQuery = z.output<typeof SearchQuerySchema>;

export type FieldErrors = Record<string, string[]>;

/** Parses URL parameters; unknown parameters are ignored, bad ones reported per field. */
export function parseSearchParams(
  params: URLSearchParams,
  defaults: { locale?: "en" | "ko" } = {},
): { ok: true; query: SearchQuery } | { ok: false; errors: FieldErrors } {
  const raw: Record<string, unknown> = {};
  for (const key of Object.keys(SearchQuerySchema.shape)) {
    const values = params.getAll(key).filter((v) => v !== "");
    if ((MULTI_FILTERS as readonly string[]).includes(key)) raw[key] = values.flatMap((v) => v.split(","));
    else if (values.length) raw[key] = values[values.length - 1];
  }
  if (raw.locale === undefined && defaults.locale) raw.locale = defaults.locale;
  const result = SearchQuerySchema.safeParse(raw);
  if (result.success) return { ok: true, query: result.data };
  const errors: FieldErrors = {};
  for (const issue of result.error.issues) {
    const field = String(issue.path[0] ?? "query");
    (errors[field] ??= []).push(issue.message);
  }
  return { ok: false, errors };
}

/** The URL parameters of a query, without defaults (for links, chips and pagination). */
export function toSearchParams(query: Partial<SearchQuery>): URLSearchParams {
  const params = new URLSearchParams();
  if (query.q) params.set("q", query.q);
  for (const key of MULTI_FILTERS) for (const value of query[key] ?? []) params.append(key, value);
  for (const key of FLAG_FILTERS) if (query[key]) params.set(key, "true");
  if (query.minRating !== undefined) params.set("minRating", String(query.minRating));
  if (query.sort && query.sort !== "relevance") params.set("sort", query.sort);
  if (query.page && query.page > 1) params.set("page", String(query.page));
  if (query.hitsPerPage && query.hitsPerPage !== 12) params.set("hitsPerPage", String(query.hitsPerPage));
  return params;
}

export function hasFilters(query: SearchQuery): boolean {
  return MULTI_FILTERS.some((k) => query[k].length > 0) || FLAG_FILTERS.some((k) => Boolean(query[k])) || query.minRating !== undefined;
}
