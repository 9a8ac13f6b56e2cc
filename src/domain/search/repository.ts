// Reads the public listings (R1: published, partner authorized) in the shape the index and the fallback need.
import { sql } from "kysely";
import type { Database } from "../../../db/client.ts";

export interface ListingSource {
  id: string;
  slug: string;
  name: string;
  primaryLocale: "en" | "ko";
  headlineEn: string | null;
  headlineKo: string | null;
  descriptionEn: string | null;
  descriptionKo: string | null;
  services: Array<{ id: string; nameEn: string; nameKo: string }>;
  expertise: string[];
  industries: string[];
  regions: string[];
  languages: string[];
  /** Verified program enrollments only (R3). */
  programs: string[];
  /** Issue 5: false while the partner has paused new trial requests. */
  acceptingRequests: boolean;
  /** Issue 5: the partner's typical response time in minutes, null without enough data. */
  responseTimeMinutes: number | null;
  rating: number | null;
  reviewCount: number;
  updatedAt: Date;
}

/** The SQL condition that makes a listing public (R1): every public read starts here (pages, search, sitemap, logos, trial requests). */
export function publicListings(db: Database) {
  return db
    .selectFrom("listings as l")
    .innerJoin("partners as p", "p.id", "l.partner_id")
    .where("l.status", "=", "published")
    .where("p.status", "=", "authorized");
}

/** Public listings by id (missing ids are not public) or, without ids, a keyset page ordered by id. */
export async function loadPublicListings(
  db: Database,
  options: { ids?: string[]; afterId?: string; limit?: number } = {},
): Promise<ListingSource[]> {
  let query = publicListings(db)
    .select([
      "l.id",
      "l.slug",
      "l.name",
      "l.primary_locale",
      "l.headline_en",
      "l.headline_ko",
      "l.description_en",
      "l.description_ko",
      "l.expertise",
      "l.industries",
      "l.regions",
      "l.languages",
      "l.rating",
      "l.review_count",
      "l.updated_at",
      "p.accepting_requests",
      "p.response_time_minutes",
      sql<Array<{ id: string; nameEn: string; nameKo: string }>>`coalesce((
        select json_agg(json_build_object('id', s.id, 'nameEn', s.name_en, 'nameKo', s.name_ko) order by s.sort_order, s.id)
        from listing_services ls join services s on s.id = ls.service_id
        where ls.listing_id = l.id and s.active), '[]'::json)`.as("services"),
      sql<string[]>`array(select pp.program from partner_programs pp
        where pp.partner_id = p.id and pp.status = 'verified' order by pp.program)`.as("programs"),
    ])
    .orderBy("l.id");
  if (options.ids) {
    if (options.ids.length === 0) return [];
    query = query.where("l.id", "in", options.ids);
  }
  if (options.afterId) query = query.where("l.id", ">", options.afterId);
  if (options.limit) query = query.limit(options.limit);
  const rows = await query.execute();
  return rows.map((r) => ({
    id: r.id,
    slug: r.slug,
    name: r.name,
    primaryLocale: r.primary_locale === "ko" ? "ko" : "en",
    headlineEn: r.headline_en,
    headlineKo: r.headline_ko,
    descriptionEn: r.description_en,
    descriptionKo: r.description_ko,
    services: r.services,
    expertise: r.expertise,
    industries: r.industries,
    regions: r.regions,
    languages: r.languages,
    programs: r.programs,
    acceptingRequests: r.accepting_requests,
    responseTimeMinutes: r.response_time_minutes,
    rating: r.rating,
    reviewCount: r.review_count,
    updatedAt: r.updated_at,
  }));
}

export async function countPublicListings(db: Database): Promise<number> {
  const row = await publicListings(db).select((eb) => eb.fn.countAll<number>().as("n")).executeTakeFirstOrThrow();
  return Number(row.n);
}

/** The listing of a partner, if any (for partner-level changes: authorized, suspended…). */
export async function listingIdsOfPartner(db: Database, partnerId: string): Promise<string[]> {
  const rows = await db.selectFrom("listings").select("id").where("partner_id", "=", partnerId).execute();
  return rows.map((r) => r.id);
}

/** Listings whose own row or partner changed at or after `since` (catch-up after a rebuild). */
export async function listingIdsChangedSince(db: Database, since: Date): Promise<string[]> {
  const rows = await db
    .selectFrom("listings as l")
    .innerJoin("partners as p", "p.id", "l.partner_id")
    .select("l.id")
    .where((eb) => eb.or([eb("l.updated_at", ">=", since), eb("p.updated_at", ">=", since)]))
    .execute();
  return rows.map((r) => r.id);
}
