// Every facet of the demo data filters correctly, and its counts equal a SQL count over the same public listings (R1, R10).
import { sql } from "kysely";
import { beforeAll, describe, expect, it } from "vitest";
import { seedDemoData } from "../../db/seed/seed.ts";
import { reindexAll } from "../../search/indexer.ts";
import { searchListings } from "../../search/search.ts";
import { MULTI_FILTERS, SearchQuerySchema, type MultiFilter } from "../../src/domain/search/query.ts";
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

describe("facets over the demo data", () => {
  const t = useTestDatabase();
  const s = useTestSearch();
  const deps = () => ({ db: t.db, meili: s.client, indexPrefix: s.prefix });

  beforeAll(async () => {
    await seedDemoData(t.db, { now: new Date("2026-11-01T00:00:00Z") });
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

  it("the total equals the number of public listings", async () => {
    const { rows } = await sql<{ n: number }>`select count(*)::int as n from listings l join partners p on p.id = l.partner_id
      where l.status = 'published' and p.status = 'authorized'`.execute(t.db);
    const all = await searchListings(deps(), SearchQuerySchema.parse({}));
    expect(all.total).toBe(rows[0]!.n);
  });
});
