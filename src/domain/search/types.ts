// What a search returns, whichever engine answered.
import type { FlagFilter, MultiFilter } from "./query.ts";

export interface SearchHit {
  id: string;
  slug: string;
  name: string;
  /** In the requested locale, falling back to the other one. */
  headline: string;
  services: string[];
  expertise: string[];
  industries: string[];
  regions: string[];
  languages: string[];
  programs: string[];
  delegatedAdmin: boolean;
  /** False while the partner has paused new trial requests (issue 5). */
  acceptingRequests: boolean;
  /** Typical (median) minutes to a first response; null when there isn't enough data (issue 5). */
  responseTimeMinutes: number | null;
  rating: number | null;
  reviewCount: number;
  updatedAt: string;
  /** Escaped HTML with <mark> around matches; safe to insert. */
  highlighted: { name: string; headline: string };
}

/** Per value counts; an on/off filter (FLAG_FILTERS) has the one key `true`, `minRating` has `4` and `3`. */
export type FacetCounts = Record<MultiFilter | FlagFilter | "minRating", Record<string, number>>;

export interface SearchResult {
  hits: SearchHit[];
  facets: FacetCounts;
  total: number;
  page: number;
  totalPages: number;
  hitsPerPage: number;
  /** True when Meilisearch was unreachable and Postgres answered (less precise, no typo tolerance). */
  degraded: boolean;
}
