// Listing search: Meilisearch first, Postgres when Meilisearch is unreachable (bounded, less precise, flagged).
import { escapeHtml } from "../src/domain/shared/html.ts";
import type { Meilisearch, MultiSearchQuery, SearchResponse } from "meilisearch";
import type { Database } from "../db/client.ts";
import { FLAG_FILTERS, MULTI_FILTERS, type FlagFilter, type MultiFilter, type SearchQuery } from "../src/domain/search/query.ts";
import type { FacetCounts, SearchHit, SearchResult } from "../src/domain/search/types.ts";
import type { ListingDocument } from "./document.ts";
import { listingsIndexUid } from "./indexer.ts";
import { searchWithPostgres } from "./fallback.ts";

export interface SearchDeps {
  db: Database;
  meili: Meilisearch | null;
  indexPrefix: string;
  logger?: { warn: (obj: object, msg: string) => void };
}

/** After a failure, Meilisearch is skipped for this long so pages don't each wait for a timeout. */
const BREAKER_MS = 10_000;
let meiliDownUntil = 0;

export function resetSearchBreaker(): void {
  meiliDownUntil = 0;
}

export async function searchListings(deps: SearchDeps, query: SearchQuery): Promise<SearchResult> {
  if (deps.meili && Date.now() >= meiliDownUntil) {
    try {
      return await searchWithMeili(deps.meili, listingsIndexUid(deps.indexPrefix), query);
    } catch (error) {
      meiliDownUntil = Date.now() + BREAKER_MS;
      deps.logger?.warn({ err: error }, "Meilisearch search failed; answering from Postgres");
    }
  }
  return searchWithPostgres(deps.db, query);
}

const HIGHLIGHT_PRE = "\u0001";
const HIGHLIGHT_POST = "\u0002";
const HANGUL = /[\u1100-\u11ff\u3130-\u318f\uac00-\ud7af]/;


function quote(value: string): string {
  return JSON.stringify(value);
}

/** Filters as Meilisearch expressions: OR within a facet, AND across facets. `except` leaves one facet out. */
export function meiliFilters(query: SearchQuery, except?: FacetSelection): string[] {
  const filters: string[] = [];
  for (const key of MULTI_FILTERS) {
    if (key !== except && query[key].length) filters.push(`${key} IN [${query[key].map(quote).join(", ")}]`);
  }
  // Each on/off filter is a boolean document field of the same name.
  for (const key of FLAG_FILTERS) if (query[key] && except !== key) filters.push(`${key} = true`);
  if (query.minRating !== undefined && except !== "minRating") filters.push(`rating >= ${query.minRating}`);
  return filters;
}

const SORT: Record<SearchQuery["sort"], string[] | undefined> = {
  relevance: undefined,
  rating: ["rating:desc", "reviewCount:desc"],
  updated: ["updatedAt:desc"],
};

const RETRIEVE = [
  "id", "slug", "name", "headline_en", "headline_ko", "services", "expertise", "industries", "regions",
  "languages", "programs", "delegatedAdmin", "acceptingRequests", "responseTimeMinutes", "rating", "reviewCount", "updatedAt",
];

type FacetSelection = MultiFilter | FlagFilter | "minRating";

const ALL_FACETS: string[] = [...MULTI_FILTERS, ...FLAG_FILTERS, "ratingBucket"];

/**
 * The multi-search request the app sends for a query: the main search, then one facet-only search per
 * selected facet (disjunctive counts). Exported so the benchmark can send Meilisearch the very same body.
 */
export function buildMeiliQueries(indexUid: string, query: SearchQuery): { queries: MultiSearchQuery[]; selected: FacetSelection[] } {
  const locales = HANGUL.test(query.q) ? (["kor"] as const) : undefined;
  const base = { indexUid, q: query.q, ...(locales ? { locales: [...locales] } : {}) };
  // Disjunctive faceting: a selected facet's counts ignore its own filter, so other values stay choosable.
  const selected: FacetSelection[] = [
    ...MULTI_FILTERS.filter((k) => query[k].length),
    ...FLAG_FILTERS.filter((k) => query[k]),
    ...(query.minRating !== undefined ? (["minRating"] as const) : []),
  ];
  const selectedAttributes = new Set<string>(selected.map((f) => (f === "minRating" ? "ratingBucket" : f)));
  const main: MultiSearchQuery = {
    ...base,
    filter: meiliFilters(query),
    // A selected facet's counts come from its own query below: the main search needn't compute them.
    facets: ALL_FACETS.filter((f) => !selectedAttributes.has(f)),
    sort: SORT[query.sort],
    page: query.page,
    hitsPerPage: query.hitsPerPage,
    attributesToRetrieve: RETRIEVE,
    attributesToHighlight: ["name", query.locale === "ko" ? "headline_ko" : "headline_en", query.locale === "ko" ? "headline_en" : "headline_ko"],
    highlightPreTag: HIGHLIGHT_PRE,
    highlightPostTag: HIGHLIGHT_POST,
  };
  const facetQueries: MultiSearchQuery[] = selected.map((facet) => ({
    ...base,
    filter: meiliFilters(query, facet),
    facets: [facet === "minRating" ? "ratingBucket" : facet],
    limit: 0,
  }));
  return { queries: [main, ...facetQueries], selected };
}

async function searchWithMeili(meili: Meilisearch, indexUid: string, query: SearchQuery): Promise<SearchResult> {
  const { queries, selected } = buildMeiliQueries(indexUid, query);
  const { results } = await meili.multiSearch({ queries });
  const [first, ...rest] = results as unknown as Array<SearchResponse<ListingDocument>>;
  const response = first!;
  const distribution = { ...response.facetDistribution };
  selected.forEach((facet, i) => {
    const key = facet === "minRating" ? "ratingBucket" : facet;
    distribution[key] = rest[i]?.facetDistribution?.[key] ?? {};
  });
  return {
    hits: response.hits.map((doc) => toHit(doc, query.locale)),
    facets: toFacetCounts(distribution),
    total: response.totalHits ?? 0,
    page: response.page ?? query.page,
    totalPages: response.totalPages ?? 0,
    hitsPerPage: query.hitsPerPage,
    degraded: false,
  };
}

function toHit(doc: ListingDocument & { _formatted?: Partial<Record<keyof ListingDocument, unknown>> }, locale: "en" | "ko"): SearchHit {
  const primary = locale === "ko" ? "headline_ko" : "headline_en";
  const secondary = locale === "ko" ? "headline_en" : "headline_ko";
  const headlineKey = doc[primary] ? primary : secondary;
  const formatted = doc._formatted ?? {};
  return {
    id: doc.id,
    slug: doc.slug,
    name: doc.name,
    headline: doc[headlineKey],
    services: doc.services,
    expertise: doc.expertise,
    industries: doc.industries,
    regions: doc.regions,
    languages: doc.languages,
    programs: doc.programs,
    delegatedAdmin: doc.delegatedAdmin,
    // Documents indexed before issue 5 lack these: read them as "accepting" and "not enough data".
    acceptingRequests: doc.acceptingRequests ?? true,
    responseTimeMinutes: doc.responseTimeMinutes ?? null,
    rating: doc.rating,
    reviewCount: doc.reviewCount,
    updatedAt: new Date(doc.updatedAt * 1000).toISOString(),
    highlighted: {
      name: markup(String(formatted.name ?? doc.name)),
      headline: markup(String(formatted[headlineKey] ?? doc[headlineKey])),
    },
  };
}

/** Meilisearch does not escape `_formatted`: escape first, then turn the sentinels into marks. */
export function markup(formatted: string): string {
  return escapeHtml(formatted).replaceAll(HIGHLIGHT_PRE, "<mark>").replaceAll(HIGHLIGHT_POST, "</mark>");
}

/** Rating buckets (floor of the rating) become cumulative "at least N stars" counts. */
export function toFacetCounts(distribution: Record<string, Record<string, number>>): FacetCounts {
  const facets = {} as FacetCounts;
  for (const key of MULTI_FILTERS) facets[key] = distribution[key] ?? {};
  for (const key of FLAG_FILTERS) facets[key] = { true: distribution[key]?.true ?? 0 };
  const buckets = distribution.ratingBucket ?? {};
  facets.minRating = {};
  for (const min of [4, 3]) {
    facets.minRating[String(min)] = Object.entries(buckets)
      .filter(([bucket]) => Number(bucket) >= min)
      .reduce((sum, [, n]) => sum + n, 0);
  }
  return facets;
}
