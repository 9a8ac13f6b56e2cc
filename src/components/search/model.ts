// Pure helpers behind the search page's markup: links that keep the query, facet options, chips, page windows.
import { MULTI_FILTERS, toSearchParams, type FieldErrors, type MultiFilter, type SearchQuery } from "../../domain/search/query.ts";
import type { FacetLabels } from "../../domain/search/labels.ts";
import type { FacetCounts, SearchResult } from "../../domain/search/types.ts";
import { t, type Locale } from "../../i18n/ui.ts";

/** What the page renders: results, or the reasons the parameters were rejected (a 400). */
export type SearchPageState =
  | { kind: "results"; query: SearchQuery; result: SearchResult }
  | { kind: "invalid"; errors: FieldErrors };

/** The page URL for a query; any change of filters starts again at page 1 unless a page is given. */
export function searchHref(basePath: string, query: SearchQuery, changes: Partial<SearchQuery> = {}): string {
  const params = toSearchParams({ ...query, page: 1, ...changes }).toString();
  return params ? `${basePath}?${params}` : basePath;
}

export interface FacetOption {
  id: string;
  label: string;
  count: number;
  checked: boolean;
}

/**
 * The values worth showing for one facet: those with results, plus selected ones even at 0 (so they can be
 * unticked), most results first and catalog order among equals (so the list doesn't reshuffle on ties).
 */
export function facetOptions(facet: MultiFilter, query: SearchQuery, labels: FacetLabels, facets: FacetCounts): FacetOption[] {
  const counts = facets[facet] ?? {};
  const selected = new Set<string>(query[facet]);
  const known = labels[facet].map((entry, index) => ({ ...entry, index }));
  // A selected id with no label still gets a box, or it could never be removed.
  for (const id of selected) if (!known.some((e) => e.id === id)) known.push({ id, label: id, index: known.length });
  return known
    .map((e) => ({ id: e.id, label: e.label, index: e.index, count: counts[e.id] ?? 0, checked: selected.has(e.id) }))
    .filter((o) => o.count > 0 || o.checked)
    .sort((a, b) => b.count - a.count || a.index - b.index)
    .map(({ index: _index, ...option }) => option);
}

export interface ActiveFilter {
  /** Visible text of the chip. */
  label: string;
  /** The same search without this one value. */
  href: string;
}

export function formatMinRating(locale: Locale, minRating: number): string {
  return t(locale, "search.rating.atLeast", { rating: minRating });
}

/** Every selected filter value as a removable chip, in facet order. */
export function activeFilters(basePath: string, query: SearchQuery, labels: FacetLabels, locale: Locale): ActiveFilter[] {
  const chips: ActiveFilter[] = [];
  for (const facet of MULTI_FILTERS) {
    for (const id of query[facet]) {
      chips.push({
        label: labels[facet].find((e) => e.id === id)?.label ?? id,
        href: searchHref(basePath, query, { [facet]: query[facet].filter((v) => v !== id) }),
      });
    }
  }
  if (query.delegatedAdmin) {
    chips.push({ label: t(locale, "search.delegatedAdmin.option"), href: searchHref(basePath, query, { delegatedAdmin: undefined }) });
  }
  if (query.respondsWithin24h) {
    chips.push({ label: t(locale, "notify.search.respondsWithin24h"), href: searchHref(basePath, query, { respondsWithin24h: undefined }) });
  }
  if (query.acceptingRequests) {
    chips.push({ label: t(locale, "notify.search.acceptingRequests"), href: searchHref(basePath, query, { acceptingRequests: undefined }) });
  }
  if (query.minRating !== undefined) {
    chips.push({ label: formatMinRating(locale, query.minRating), href: searchHref(basePath, query, { minRating: undefined }) });
  }
  return chips;
}

/** The query with no filters (search words, sort and page size kept). */
export function withoutFilters(query: SearchQuery): SearchQuery {
  const cleared = { ...query, delegatedAdmin: undefined, respondsWithin24h: undefined, acceptingRequests: undefined, minRating: undefined };
  for (const facet of MULTI_FILTERS) cleared[facet] = [];
  return cleared;
}

export type PageItem = { page: number; current: boolean } | { gap: true };

/** Numbered pages around the current one, always with the first and last, gaps marked (1 … 4 5 [6] 7 8 … 20). */
export function pageWindow(current: number, totalPages: number, radius = 2): PageItem[] {
  if (totalPages <= 1) return [];
  const pages = new Set<number>([1, totalPages]);
  for (let p = current - radius; p <= current + radius; p++) if (p >= 1 && p <= totalPages) pages.add(p);
  const sorted = [...pages].sort((a, b) => a - b);
  const items: PageItem[] = [];
  sorted.forEach((page, i) => {
    const previous = sorted[i - 1];
    if (previous !== undefined && page - previous === 2) items.push({ page: previous + 1, current: previous + 1 === current });
    else if (previous !== undefined && page - previous > 2) items.push({ gap: true });
    items.push({ page, current: page === current });
  });
  return items;
}
