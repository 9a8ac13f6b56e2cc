// Listing → Meilisearch document (pure): ids for filters and facets, labels in both languages for matching.
import { EXPERTISE, INDUSTRIES, label, REGIONS } from "../src/domain/catalog/vocabulary.ts";
import { FAST_RESPONSE_MINUTES } from "../src/domain/leads/responsiveness.ts";
import type { ListingSource } from "../src/domain/search/repository.ts";

export interface ListingDocument {
  id: string;
  slug: string;
  name: string;
  primaryLocale: "en" | "ko";
  headline_en: string;
  headline_ko: string;
  description_en: string;
  description_ko: string;
  services: string[];
  serviceNames_en: string[];
  serviceNames_ko: string[];
  expertise: string[];
  expertiseLabels_en: string[];
  expertiseLabels_ko: string[];
  industries: string[];
  industryLabels_en: string[];
  industryLabels_ko: string[];
  regions: string[];
  regionLabels_en: string[];
  regionLabels_ko: string[];
  languages: string[];
  programs: string[];
  /** R3: any verified program lets the partner be a delegated administrator. */
  delegatedAdmin: boolean;
  /** Issue 5: false while the partner has paused new trial requests ("not accepting new customers right now"). */
  acceptingRequests: boolean;
  /** Issue 5: typical (median) minutes to a first response; null without enough data. */
  responseTimeMinutes: number | null;
  /** responseTimeMinutes known and at most 24 hours: the "Responds within 24 hours" facet. */
  respondsWithin24h: boolean;
  rating: number | null;
  /** floor(rating), for the "minimum rating" facet counts. */
  ratingBucket: number | null;
  reviewCount: number;
  /** Unix seconds. */
  updatedAt: number;
}

const DESCRIPTION_LIMIT = 2_000;

/** Markdown to searchable words: syntax out, link text kept, length bounded. */
export function markdownToText(markdown: string | null): string {
  if (!markdown) return "";
  return markdown
    .replace(/```[\s\S]*?```/g, " ")
    .replace(/!\[([^\]]*)\]\([^)]*\)/g, "$1")
    .replace(/\[([^\]]*)\]\([^)]*\)/g, "$1")
    .replace(/<[^>]*>/g, " ")
    .replace(/^\s{0,3}(#{1,6}|>|[-*+]|\d+[.)])\s+/gm, "")
    .replace(/[*_~`|]+/g, "")
    .replace(/\s+/g, " ")
    .trim()
    .slice(0, DESCRIPTION_LIMIT);
}

export function toListingDocument(listing: ListingSource): ListingDocument {
  const labels = (list: Parameters<typeof label>[0], ids: string[], locale: "en" | "ko") =>
    ids.map((id) => label(list, id, locale));
  return {
    id: listing.id,
    slug: listing.slug,
    name: listing.name,
    primaryLocale: listing.primaryLocale,
    headline_en: listing.headlineEn ?? "",
    headline_ko: listing.headlineKo ?? "",
    description_en: markdownToText(listing.descriptionEn),
    description_ko: markdownToText(listing.descriptionKo),
    services: listing.services.map((s) => s.id),
    serviceNames_en: listing.services.map((s) => s.nameEn),
    serviceNames_ko: listing.services.map((s) => s.nameKo),
    expertise: listing.expertise,
    expertiseLabels_en: labels(EXPERTISE, listing.expertise, "en"),
    expertiseLabels_ko: labels(EXPERTISE, listing.expertise, "ko"),
    industries: listing.industries,
    industryLabels_en: labels(INDUSTRIES, listing.industries, "en"),
    industryLabels_ko: labels(INDUSTRIES, listing.industries, "ko"),
    regions: listing.regions,
    regionLabels_en: labels(REGIONS, listing.regions, "en"),
    regionLabels_ko: labels(REGIONS, listing.regions, "ko"),
    languages: listing.languages,
    programs: listing.programs,
    delegatedAdmin: listing.programs.length > 0,
    acceptingRequests: listing.acceptingRequests,
    responseTimeMinutes: listing.responseTimeMinutes,
    respondsWithin24h: listing.responseTimeMinutes !== null && listing.responseTimeMinutes <= FAST_RESPONSE_MINUTES,
    rating: listing.rating,
    ratingBucket: listing.rating === null ? null : Math.floor(listing.rating),
    reviewCount: listing.reviewCount,
    updatedAt: Math.floor(listing.updatedAt.getTime() / 1000),
  };
}
