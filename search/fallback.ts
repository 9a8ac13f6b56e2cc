// Postgres answer to a listing search, used only while Meilisearch is unreachable: same filters, facets
// and pagination, substring matching instead of typo tolerance, bounded by a statement timeout.
import { type Expression, type ExpressionBuilder, type SqlBool, sql } from "kysely";
import type { Database } from "../db/client.ts";
import type { DB, Listings, Partners } from "../db/types.ts";
import { EXPERTISE, INDUSTRIES, REGIONS, type VocabularyEntry } from "../src/domain/catalog/vocabulary.ts";
import { FAST_RESPONSE_MINUTES } from "../src/domain/leads/responsiveness.ts";
import { FLAG_FILTERS, MULTI_FILTERS, type FlagFilter, type MultiFilter, type SearchQuery } from "../src/domain/search/query.ts";
import { publicListings } from "../src/domain/search/repository.ts";
import type { SearchHit, SearchResult } from "../src/domain/search/types.ts";
import { escapeHtml } from "../src/domain/shared/html.ts";
import { toFacetCounts } from "./search.ts";

const TIMEOUT_MS = 2_000;
const MAX_TERMS = 6;

type Eb = ExpressionBuilder<DB & { l: Listings } & { p: Partners }, "l" | "p">;

function likePattern(term: string): string {
  return `%${term.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

/** Vocabulary ids whose English or Korean label contains the term (labels live in code, not in the database). */
function idsMatching(list: readonly VocabularyEntry[], term: string): string[] {
  const t = term.toLowerCase();
  return list.filter((e) => e.en.toLowerCase().includes(t) || e.ko.includes(term) || e.id.includes(t)).map((e) => e.id);
}

function termCondition(eb: Eb, term: string): Expression<SqlBool> {
  const pattern = likePattern(term);
  const text = sql`concat_ws(' ', l.name, l.headline_en, l.headline_ko, l.description_en, l.description_ko)`;
  const ors: Expression<SqlBool>[] = [
    sql<SqlBool>`${text} ilike ${pattern}`,
    sql<SqlBool>`exists (select 1 from listing_services ls join services s on s.id = ls.service_id
      where ls.listing_id = l.id and (s.name_en ilike ${pattern} or s.name_ko ilike ${pattern}))`,
  ];
  for (const [column, list] of [["expertise", EXPERTISE], ["industries", INDUSTRIES], ["regions", REGIONS]] as const) {
    const ids = idsMatching(list, term);
    if (ids.length) ors.push(sql<SqlBool>`${sql.ref(`l.${column}`)} && ${sql.val(ids)}::text[]`);
  }
  return eb.or(ors);
}

function filterCondition(eb: Eb, query: SearchQuery, except?: string): Expression<SqlBool> {
  const and: Expression<SqlBool>[] = [];
  const terms = query.q.split(/\s+/).filter(Boolean).slice(0, MAX_TERMS);
  for (const term of terms) and.push(termCondition(eb, term));
  for (const key of MULTI_FILTERS) {
    const values = query[key];
    if (!values.length || key === except) continue;
    if (key === "services") {
      and.push(sql<SqlBool>`exists (select 1 from listing_services ls join services s on s.id = ls.service_id
        where ls.listing_id = l.id and s.active and ls.service_id = any(${sql.val(values)}::text[]))`);
    } else if (key === "programs") {
      and.push(sql<SqlBool>`exists (select 1 from partner_programs pp where pp.partner_id = p.id and pp.status = 'verified' and pp.program = any(${sql.val(values)}::text[]))`);
    } else {
      and.push(sql<SqlBool>`${sql.ref(`l.${key}`)} && ${sql.val(values)}::text[]`);
    }
  }
  for (const key of FLAG_FILTERS) if (query[key] && except !== key) and.push(sql<SqlBool>`${FLAG_SQL[key]}`);
  if (query.minRating !== undefined && except !== "minRating") and.push(sql<SqlBool>`l.rating >= ${query.minRating}`);
  return eb.and(and);
}

const delegatedAdminSql = sql<boolean>`exists (select 1 from partner_programs pp where pp.partner_id = p.id and pp.status = 'verified')`;

/** The same conditions as the documents' boolean fields (search/document.ts). */
const FLAG_SQL: Record<FlagFilter, ReturnType<typeof sql<boolean>>> = {
  delegatedAdmin: delegatedAdminSql,
  respondsWithin24h: sql<boolean>`coalesce(p.response_time_minutes <= ${FAST_RESPONSE_MINUTES}, false)`,
  acceptingRequests: sql<boolean>`p.accepting_requests`,
};

const FACET_VALUES: Record<MultiFilter, ReturnType<typeof sql>> = {
  // Inactive catalog services are not offered publicly (as in the Meilisearch documents).
  services: sql`array(select ls.service_id from listing_services ls join services s on s.id = ls.service_id
    where ls.listing_id = l.id and s.active)`,
  programs: sql`array(select pp.program from partner_programs pp where pp.partner_id = p.id and pp.status = 'verified')`,
  expertise: sql`l.expertise`,
  industries: sql`l.industries`,
  regions: sql`l.regions`,
  languages: sql`l.languages`,
};

export async function searchWithPostgres(db: Database, query: SearchQuery): Promise<SearchResult> {
  return db.transaction().execute(async (trx) => {
    await sql`set local statement_timeout = ${sql.lit(TIMEOUT_MS)}`.execute(trx);
    const base = () => publicListings(trx as unknown as Database);
    const order =
      query.sort === "updated"
        ? sql`l.updated_at desc, l.id`
        : sql`l.rating desc nulls last, l.review_count desc, l.id`;
    const hitsQuery = base()
      .where((eb) => filterCondition(eb, query))
      .select([
        "l.id", "l.slug", "l.name", "l.headline_en", "l.headline_ko", "l.expertise", "l.industries", "l.regions",
        "l.languages", "l.rating", "l.review_count", "l.updated_at", "p.accepting_requests", "p.response_time_minutes",
        sql<string[]>`${FACET_VALUES.services}`.as("services"),
        sql<string[]>`${FACET_VALUES.programs}`.as("programs"),
        sql<number>`count(*) over ()`.as("total"),
      ])
      .orderBy(order)
      .limit(query.hitsPerPage)
      .offset((query.page - 1) * query.hitsPerPage);
    const rows = await hitsQuery.execute();

    // Facet counts, one grouped query per facet, each ignoring its own filter (as the Meilisearch path does).
    const distribution: Record<string, Record<string, number>> = {};
    for (const key of MULTI_FILTERS) {
      const filtered = base()
        .where((eb) => filterCondition(eb, query, key))
        .select(sql<string[]>`${FACET_VALUES[key]}`.as("vals"));
      const { rows: counted } = await sql<{ value: string; n: number }>`
        select v as value, count(*) as n from (${filtered}) f, unnest(f.vals) v group by v`.execute(trx);
      distribution[key] = Object.fromEntries(counted.map((r) => [r.value, Number(r.n)]));
    }
    for (const key of FLAG_FILTERS) {
      const counted = await base()
        .where((eb) => filterCondition(eb, query, key))
        .select([sql<number>`count(*) filter (where ${FLAG_SQL[key]})`.as("n")])
        .executeTakeFirstOrThrow();
      distribution[key] = { true: Number(counted.n) };
    }
    const buckets = await base()
      .where((eb) => filterCondition(eb, query, "minRating"))
      .where("l.rating", "is not", null)
      .select([sql<number>`floor(l.rating)`.as("bucket"), (eb) => eb.fn.countAll<number>().as("n")])
      .groupBy(sql`floor(l.rating)`)
      .execute();
    distribution.ratingBucket = Object.fromEntries(buckets.map((b) => [String(b.bucket), Number(b.n)]));

    const total = rows[0] ? Number(rows[0].total) : await countAll(trx as unknown as Database, query);
    const hits: SearchHit[] = rows.map((r) => {
      const headline = (query.locale === "ko" ? (r.headline_ko ?? r.headline_en) : (r.headline_en ?? r.headline_ko)) ?? "";
      return {
        id: r.id,
        slug: r.slug,
        name: r.name,
        headline,
        services: r.services,
        expertise: r.expertise,
        industries: r.industries,
        regions: r.regions,
        languages: r.languages,
        programs: r.programs,
        delegatedAdmin: r.programs.length > 0,
        acceptingRequests: r.accepting_requests,
        responseTimeMinutes: r.response_time_minutes,
        rating: r.rating,
        reviewCount: r.review_count,
        updatedAt: r.updated_at.toISOString(),
        highlighted: { name: escapeHtml(r.name), headline: escapeHtml(headline) },
      };
    });
    return {
      hits,
      facets: toFacetCounts(distribution),
      total,
      page: query.page,
      totalPages: Math.ceil(total / query.hitsPerPage),
      hitsPerPage: query.hitsPerPage,
      degraded: true,
    };
  });
}

async function countAll(db: Database, query: SearchQuery): Promise<number> {
  const row = await publicListings(db)
    .where((eb) => filterCondition(eb, query))
    .select((eb) => eb.fn.countAll<number>().as("n"))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}
