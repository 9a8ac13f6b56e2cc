// What a search returns, whichever engine answered.
import type { MultiFilter } from "./query.ts";

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
  rating: number | null;
  reviewCount: number;
  updatedAt: string;
  /** Escaped HTML with <mark> around matches; safe to insert. */
  highlighted: { name: string; headline: string };
}

export type FacetCounts = Record<MultiFilter | "delegatedAdmin" | "minRating", Record<string, number>>;

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
