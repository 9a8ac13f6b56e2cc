// Public listing reads (home page, listing page): only published listings of authorized partners (R1).
import { type ExpressionBuilder, type Kysely, type Transaction, sql } from "kysely";
import { jsonArrayFrom } from "kysely/helpers/postgres";
import type { DB } from "../../../db/types.ts";
import { PROGRAMS } from "../catalog/vocabulary.ts";
import { publicListings } from "../search/repository.ts";

type Db = Kysely<DB> | Transaction<DB>;
export type ListingLocale = "en" | "ko";

export interface ServiceRef {
  id: string;
  name: string;
}

export interface FeaturedListing {
  slug: string;
  name: string;
  /** In the requested locale, or the other one when the partner wrote only that. */
  headline: string;
  /** The language `headline` is actually in (for `lang` attributes). */
  headlineLocale: ListingLocale;
  services: ServiceRef[];
  regions: string[];
  rating: number | null;
  reviewCount: number;
  /** R3: the partner holds at least one operator-verified program. */
  delegatedAdmin: boolean;
}

export interface PublicListing {
  slug: string;
  name: string;
  headline: string;
  headlineLocale: ListingLocale;
  /** Markdown source; null when the partner wrote none in either language. */
  description: string | null;
  descriptionLocale: ListingLocale | null;
  services: ServiceRef[];
  expertise: string[];
  industries: string[];
  regions: string[];
  languages: string[];
  /** Verified programs only (R3), in catalog order. */
  programs: string[];
  delegatedAdmin: boolean;
  contactEmail: string | null;
  website: string | null;
  rating: number | null;
  reviewCount: number;
  updatedAt: Date;
  primaryLocale: ListingLocale;
  /** When the partner's logo last changed; null/absent when it has none. */
  logoUpdatedAt?: Date | null;
}

type ListingScope = ExpressionBuilder<DB & { l: DB["listings"]; p: DB["partners"] }, "l" | "p">;

const other = (locale: ListingLocale): ListingLocale => (locale === "en" ? "ko" : "en");

/** A listing text column in `locale`, falling back to the other language; blank counts as missing. */
function localized(eb: ListingScope, field: "headline" | "description", locale: ListingLocale) {
  const mine = eb.ref(`l.${field}_${locale}`);
  const theirs = eb.ref(`l.${field}_${other(locale)}`);
  return {
    text: sql<string | null>`coalesce(nullif(btrim(${mine}), ''), nullif(btrim(${theirs}), ''))`,
    locale: sql<ListingLocale | null>`case
      when nullif(btrim(${mine}), '') is not null then ${locale}
      when nullif(btrim(${theirs}), '') is not null then ${other(locale)}
    end`,
  };
}

/** The listing's active services with names in `locale`, in catalog order, as one JSON array. */
function servicesOf(eb: ListingScope, locale: ListingLocale) {
  return jsonArrayFrom(
    eb
      .selectFrom("listing_services as ls")
      .innerJoin("services as s", "s.id", "ls.service_id")
      .whereRef("ls.listing_id", "=", "l.id")
      .where("s.active", "=", true)
      .select(["s.id", locale === "ko" ? "s.name_ko as name" : "s.name_en as name"])
      .orderBy("s.sort_order")
      .orderBy("s.id"),
  );
}

/** R3: a verified enrollment in any program is what allows delegated admin. */
function hasVerifiedProgram(eb: ListingScope) {
  return eb.exists(
    eb
      .selectFrom("partner_programs as pp")
      .whereRef("pp.partner_id", "=", "p.id")
      .where("pp.status", "=", "verified")
      .select(sql`1`.as("one")),
  );
}

// Unknown programs (none today: a CHECK constraint lists them) sort last rather than vanish.
const programRank = (id: string): number => {
  const i = PROGRAMS.findIndex((p) => p.id === id);
  return i === -1 ? PROGRAMS.length : i;
};

/** The best-rated public listings for the home page, in one query. */
export async function listFeaturedListings(
  db: Db,
  options: { locale: ListingLocale; limit?: number },
): Promise<FeaturedListing[]> {
  const { locale } = options;
  const limit = Math.min(Math.max(Math.trunc(options.limit ?? 12), 1), 100);
  const rows = await publicListings(db)
    .select((eb) => {
      const headline = localized(eb, "headline", locale);
      return [
        "l.slug",
        "l.name",
        "l.regions",
        "l.rating",
        "l.review_count",
        headline.text.as("headline"),
        headline.locale.as("headline_locale"),
        servicesOf(eb, locale).as("services"),
        hasVerifiedProgram(eb).as("delegated_admin"),
      ];
    })
    .orderBy("l.rating", (ob) => ob.desc().nullsLast())
    .orderBy("l.review_count", "desc")
    .orderBy("l.name")
    .orderBy("l.id")
    .limit(limit)
    .execute();

  return rows.map((row) => ({
    slug: row.slug,
    name: row.name,
    // The schema guarantees one headline (listings_headline_present); blank ones degrade to "".
    headline: row.headline ?? "",
    headlineLocale: row.headline_locale ?? locale,
    services: row.services,
    regions: row.regions,
    rating: row.rating,
    reviewCount: row.review_count,
    delegatedAdmin: Boolean(row.delegated_admin),
  }));
}

/** One public listing in full, or null when it does not exist or is not public (R1). */
export async function getPublicListingBySlug(
  db: Db,
  slug: string,
  locale: ListingLocale,
): Promise<PublicListing | null> {
  const row = await publicListings(db)
    .where("l.slug", "=", slug)
    .select((eb) => {
      const headline = localized(eb, "headline", locale);
      const description = localized(eb, "description", locale);
      return [
        "l.slug",
        "l.name",
        "l.expertise",
        "l.industries",
        "l.regions",
        "l.languages",
        "l.contact_email",
        "l.website",
        "l.rating",
        "l.review_count",
        "l.updated_at",
        "l.primary_locale",
        headline.text.as("headline"),
        headline.locale.as("headline_locale"),
        description.text.as("description"),
        description.locale.as("description_locale"),
        servicesOf(eb, locale).as("services"),
        jsonArrayFrom(
          eb
            .selectFrom("partner_programs as pp")
            .whereRef("pp.partner_id", "=", "p.id")
            .where("pp.status", "=", "verified")
            .select("pp.program"),
        ).as("programs"),
        eb.selectFrom("listing_logos as lg").whereRef("lg.partner_id", "=", "p.id").select("lg.updated_at").as("logo_updated_at"),
      ];
    })
    .executeTakeFirst();
  if (!row) return null;

  const programs = row.programs.map((p) => p.program).sort((a, b) => programRank(a) - programRank(b));
  return {
    slug: row.slug,
    name: row.name,
    headline: row.headline ?? "",
    headlineLocale: row.headline_locale ?? locale,
    description: row.description,
    descriptionLocale: row.description_locale,
    services: row.services,
    expertise: row.expertise,
    industries: row.industries,
    regions: row.regions,
    languages: row.languages,
    programs,
    delegatedAdmin: programs.length > 0,
    contactEmail: row.contact_email,
    website: row.website,
    rating: row.rating,
    reviewCount: row.review_count,
    updatedAt: row.updated_at,
    primaryLocale: row.primary_locale === "ko" ? "ko" : "en",
    logoUpdatedAt: row.logo_updated_at,
  };
}
