// Every facet of the demo data filters correctly, and its counts equal a SQL count over the same public listings (R1, R10).
import { sql } from "kysely";
import { beforeAll, describe, expect, it } from "vitest";
import { seedDemoData } from "../../db/seed/seed.ts";
import { searchWithPostgres } from "../../search/fallback.ts";
import { reindexAll } from "../../search/indexer.ts";
import { searchListings } from "../../search/search.ts";
import { FLAG_FILTERS, MULTI_FILTERS, SearchQuerySchema, type FlagFilter, type MultiFilter } from "../../src/domain/search/query.ts";
import { useTestDatabase, useTestSearch } from "../setup/db.ts";

/** SQL: how many public listings carry each value of a facet. */
const FACET_SQL: Record<MultiFilter, string> = {
  services: "select ls.service_id as value, count(*) as n from listing_services ls join public_l l on l.id = ls.listing_id group by 1",
  programs: "select pp.program as value, count(*) as n from partner_programs pp join public_l l on l.partner_id = pp.partner_id where pp.status = 'verified' group by 1",
  expertise: "select unnest(l.expertise) as value, count(*) as n from public_l l group by 1",
  industries: "select unnest(l.industries) as value, count(*) as n from public_l l group by 1",
  regions: "select unnest(l.regions) as value, count(*) as n from public_l l group by 1",
  languages: "select unnest(l.languages) as value, count(*) as n from public_l l group by 1",
};

/** SQL: how many public listings have each on/off property (issue 5 added responsiveness and capacity). */
const FLAG_SQL: Record<FlagFilter, string> = {
  delegatedAdmin: "exists (select 1 from partner_programs pp where pp.partner_id = p.id and pp.status = 'verified')",
  respondsWithin24h: "p.response_time_minutes <= 1440",
  acceptingRequests: "p.accepting_requests",
};

describe("facets over the demo data", () => {
  const t = useTestDatabase();
  const s = useTestSearch();
  const deps = () => ({ db: t.db, meili: s.client, indexPrefix: s.prefix });

  beforeAll(async () => {
    await seedDemoData(t.db, { now: new Date("2026-11-01T00:00:00Z") });
    // Issue 5: a few partners at capacity, so "Accepting new customers" has something to leave out.
    await sql`update partners set accepting_requests = false, paused_at = now()
      where id in (select id from partners where status = 'authorized' order by slug limit 3)`.execute(t.db);
    await reindexAll(t.db, s.client, s.prefix);
  });

  it.each(MULTI_FILTERS)("%s: counts match SQL, and filtering by each value returns exactly that many", async (facet) => {
    // A temporary view lives in one session: run the SQL on a single connection.
    const expected = await t.db.connection().execute(async (conn) => {
      await sql`create temporary view public_l as
        select l.* from listings l join partners p on p.id = l.partner_id
        where l.status = 'published' and p.status = 'authorized'`.execute(conn).catch(() => {});
      const { rows } = await sql.raw<{ value: string; n: number }>(FACET_SQL[facet]).execute(conn);
      return Object.fromEntries(rows.map((r) => [r.value, Number(r.n)]));
    });
    const all = await searchListings(deps(), SearchQuerySchema.parse({}));
    expect(all.facets[facet]).toEqual(expected);
    for (const [value, count] of Object.entries(expected)) {
      const filtered = await searchListings(deps(), SearchQuerySchema.parse({ [facet]: [value], hitsPerPage: 50 }));
      expect(filtered.total, `${facet}=${value}`).toBe(count);
      for (const hit of filtered.hits) expect(hit[facet]).toContain(value);
    }
  });

  it.each(FLAG_FILTERS)("%s: the count matches SQL, filtering returns exactly those, Meilisearch and the fallback agree", async (flag) => {
    const { rows } = await sql.raw<{ slug: string }>(`select l.slug from listings l join partners p on p.id = l.partner_id
      where l.status = 'published' and p.status = 'authorized' and ${FLAG_SQL[flag]} order by l.slug`).execute(t.db);
    // The demo data has some of each (response times come from its answered leads), and not all.
    expect(rows.length).toBeGreaterThan(0);
    const all = await searchListings(deps(), SearchQuerySchema.parse({}));
    expect(rows.length).toBeLessThan(all.total);
    expect(all.facets[flag]).toEqual({ true: rows.length });
    expect((await searchWithPostgres(t.db, SearchQuerySchema.parse({}))).facets[flag]).toEqual({ true: rows.length });
    const query = SearchQuerySchema.parse({ [flag]: "true", hitsPerPage: 50 });
    const slugs = async (page: number, fallback: boolean) => {
      const q = { ...query, page };
      const r = fallback ? await searchWithPostgres(t.db, q) : await searchListings(deps(), q);
      return { total: r.total, slugs: r.hits.map((h) => h.slug), facets: r.facets, pages: r.totalPages };
    };
    const first = await slugs(1, false);
    expect(first.total, flag).toBe(rows.length);
    const found: string[] = [];
    for (let page = 1; page <= Math.max(1, first.pages); page++) found.push(...(await slugs(page, false)).slugs);
    expect(found.sort()).toEqual(rows.map((r) => r.slug));
    const fallback = await slugs(1, true);
    expect(fallback.total).toBe(rows.length);
    expect(fallback.facets).toEqual(first.facets);
  });

  it("the total equals the number of public listings", async () => {
    const { rows } = await sql<{ n: number }>`select count(*)::int as n from listings l join partners p on p.id = l.partner_id
      where l.status = 'published' and p.status = 'authorized'`.execute(t.db);
    const all = await searchListings(deps(), SearchQuerySchema.parse({}));
    expect(all.total).toBe(rows[0]!.n);
  });
});
