// Responsiveness (issue 5, R10): the median time from a confirmed request to the first response over the last 180 days,
// only with at least 5 answered leads and only from the partner's own leads; changes re-sync the listing to search,
// and the "Responds within 24 hours" filter gives the same partners and counts in Meilisearch and in the Postgres fallback.
import { sql } from "kysely";
import { beforeAll, describe, expect, it } from "vitest";
import type { Database } from "../../db/client.ts";
import { reindexAll } from "../../search/indexer.ts";
import { searchWithPostgres } from "../../search/fallback.ts";
import { resetSearchBreaker, searchListings } from "../../search/search.ts";
import {
  MIN_RESPONSE_SAMPLES,
  computeResponseTime,
  recomputeResponseTimes,
  responseTimeDisplay,
} from "../../src/domain/leads/responsiveness.ts";
import { SearchQuerySchema } from "../../src/domain/search/query.ts";
import { createListing, createService } from "../factories.ts";
import { useTestDatabase, useTestSearch } from "../setup/db.ts";

const NOW = new Date("2026-11-20T12:00:00Z");
const HOUR = 60 * 60 * 1000;
const DAY = 24 * HOUR;

/** A confirmed lead answered after `minutes` (null: not answered yet), confirmed `daysAgo` before NOW. */
async function lead(db: Database, partnerId: string, minutes: number | null, daysAgo = 10) {
  const confirmed = new Date(NOW.getTime() - daysAgo * DAY);
  await db
    .insertInto("leads")
    .values({
      partner_id: partnerId,
      status: minutes === null ? "new" : "contacted",
      contact_name: "Ana",
      contact_email: "ana@customer.example",
      company: "Contoso",
      company_size: "50-249",
      country: "KR",
      services: ["mail"],
      seats: 10,
      confirmed_at: confirmed,
      first_response_at: minutes === null ? null : new Date(confirmed.getTime() + minutes * 60_000),
      created_at: confirmed,
    })
    .execute();
}

const syncJobs = async (db: Database, listingId: string) =>
  (await sql<{ n: number }>`select count(*)::int as n from graphile_worker.jobs where key = ${`search:listing:${listingId}`}`.execute(db))
    .rows[0]!.n;

describe("response time (issue 5)", () => {
  const t = useTestDatabase();
  const s = useTestSearch();

  beforeAll(async () => {
    await createService(t.db, "mail", { en: "Mail", ko: "메일" });
  });

  it("is null (not enough data) below 5 answered leads; leads waiting less than a day and old leads don't count", async () => {
    const p = await createListing(t.db, { services: ["mail"] });
    for (const minutes of [30, 60, 90, 120]) await lead(t.db, p.partnerId, minutes);
    await lead(t.db, p.partnerId, null, 0.5); // not answered yet, confirmed 12 hours ago
    await lead(t.db, p.partnerId, 10, 200); // outside the 180-day window
    expect(MIN_RESPONSE_SAMPLES).toBe(5);
    expect(await computeResponseTime(t.db, p.partnerId, NOW)).toEqual({ minutes: null, samples: 4 });
  });

  it("counts a lead left unanswered for more than a day with the time it has waited: ignoring leads doesn't look fast", async () => {
    const p = await createListing(t.db, { services: ["mail"] });
    for (const minutes of [10, 20, 30]) await lead(t.db, p.partnerId, minutes);
    await lead(t.db, p.partnerId, null, 3); // waiting for 3 days
    await lead(t.db, p.partnerId, null, 5); // waiting for 5 days
    // 10, 20, 30, 4320, 7200 → the median is 30 minutes with 5 samples…
    expect(await computeResponseTime(t.db, p.partnerId, NOW)).toEqual({ minutes: 30, samples: 5 });
    // …and one more ignored lead (2 days) moves it to (30 + 2880) / 2.
    await lead(t.db, p.partnerId, null, 2);
    expect(await computeResponseTime(t.db, p.partnerId, NOW)).toEqual({ minutes: 1455, samples: 6 });
  });

  it("is the median with 5 or more answered leads (odd count: middle value; even: mean of the two middle ones)", async () => {
    const p = await createListing(t.db, { services: ["mail"] });
    for (const minutes of [600, 30, 6000, 120, 240]) await lead(t.db, p.partnerId, minutes);
    expect(await computeResponseTime(t.db, p.partnerId, NOW)).toEqual({ minutes: 240, samples: 5 });
    await lead(t.db, p.partnerId, 480);
    // 30, 120, 240, 480, 600, 6000 → (240 + 480) / 2
    expect(await computeResponseTime(t.db, p.partnerId, NOW)).toEqual({ minutes: 360, samples: 6 });
  });

  it("counts only the partner's own leads", async () => {
    const slow = await createListing(t.db, { services: ["mail"] });
    const fast = await createListing(t.db, { services: ["mail"] });
    for (let i = 0; i < 5; i++) await lead(t.db, slow.partnerId, 3 * DAY / 60_000);
    for (let i = 0; i < 3; i++) await lead(t.db, fast.partnerId, 5);
    expect(await computeResponseTime(t.db, slow.partnerId, NOW)).toEqual({ minutes: 4320, samples: 5 });
    expect(await computeResponseTime(t.db, fast.partnerId, NOW)).toEqual({ minutes: null, samples: 3 });
  });

  it("the hourly recompute stores the figure and re-syncs only the listings whose figure changed", async () => {
    const changing = await createListing(t.db, { services: ["mail"] });
    const steady = await createListing(t.db, { services: ["mail"] });
    for (let i = 0; i < 5; i++) await lead(t.db, changing.partnerId, 60);
    await recomputeResponseTimes(t.db, NOW);
    await sql`select graphile_worker.complete_jobs(array(select id from graphile_worker.jobs where key like 'search:listing:%'))`.execute(t.db);

    await lead(t.db, changing.partnerId, 600);
    await lead(t.db, changing.partnerId, 600);
    // Median of 5×60 and 2×600 is still 60: the sample count is stored, but the figure (and search) didn't change.
    expect(await recomputeResponseTimes(t.db, NOW)).toEqual([]);
    const row = await t.db
      .selectFrom("partners")
      .select(["response_time_minutes", "response_samples"])
      .where("id", "=", changing.partnerId)
      .executeTakeFirstOrThrow();
    expect(row).toEqual({ response_time_minutes: 60, response_samples: 7 });
    expect(await syncJobs(t.db, changing.listingId)).toBe(0);

    // 5×60, 2×600, 4×900: the median moves to 600.
    for (let i = 0; i < 4; i++) await lead(t.db, changing.partnerId, 900);
    expect(await recomputeResponseTimes(t.db, NOW)).toEqual([changing.partnerId]);
    expect(await computeResponseTime(t.db, changing.partnerId, NOW)).toEqual({ minutes: 600, samples: 11 });
    expect(await syncJobs(t.db, changing.listingId)).toBe(1);
    expect(await syncJobs(t.db, steady.listingId)).toBe(0);
    // A second run with nothing new changes nothing.
    expect(await recomputeResponseTimes(t.db, NOW)).toEqual([]);
  });

  it("shows as hours up to two days, then days, rounded up", () => {
    expect(responseTimeDisplay(5)).toEqual({ unit: "hours", count: 1 });
    expect(responseTimeDisplay(61)).toEqual({ unit: "hours", count: 2 });
    expect(responseTimeDisplay(47 * 60)).toEqual({ unit: "hours", count: 47 });
    expect(responseTimeDisplay(48 * 60)).toEqual({ unit: "days", count: 2 });
    expect(responseTimeDisplay(50 * 60)).toEqual({ unit: "days", count: 3 });
  });

  it("R10: 'Responds within 24 hours' returns the same partners and counts in Meilisearch and the fallback, equal to SQL", async () => {
    await createService(t.db, "teams", { en: "Teams", ko: "팀즈" });
    const quick = await createListing(t.db, { name: "Quick Responder", services: ["teams"] });
    const slow = await createListing(t.db, { name: "Slow Responder", services: ["teams"] });
    const unknown = await createListing(t.db, { name: "New Responder", services: ["teams"] });
    for (let i = 0; i < 5; i++) await lead(t.db, quick.partnerId, 120);
    for (let i = 0; i < 5; i++) await lead(t.db, slow.partnerId, 30 * 60);
    await lead(t.db, unknown.partnerId, 1);
    await recomputeResponseTimes(t.db, NOW);
    await reindexAll(t.db, s.client, s.prefix);
    resetSearchBreaker();

    const expected = await sql<{ slug: string }>`select l.slug from listings l join partners p on p.id = l.partner_id
      where l.status = 'published' and p.status = 'authorized' and p.response_time_minutes <= 1440 order by l.slug`.execute(t.db);
    const deps = { db: t.db, meili: s.client, indexPrefix: s.prefix };
    for (const extra of [{}, { services: ["teams"] }]) {
      const query = SearchQuerySchema.parse({ respondsWithin24h: "true", hitsPerPage: 50, ...extra });
      const meili = await searchListings(deps, query);
      const pg = await searchWithPostgres(t.db, query);
      expect(meili.degraded).toBe(false);
      const slugs = (r: typeof meili) => r.hits.map((h) => h.slug).sort();
      expect(slugs(pg)).toEqual(slugs(meili));
      expect(meili.facets).toEqual(pg.facets);
      if (!("services" in extra)) expect(slugs(meili)).toEqual(expected.rows.map((r) => r.slug));
      expect(slugs(meili)).toContain(quick.slug);
      expect(slugs(meili)).not.toContain(slow.slug);
      expect(slugs(meili)).not.toContain(unknown.slug);
      expect(meili.hits.find((h) => h.slug === quick.slug)?.responseTimeMinutes).toBe(120);
    }
    // Unfiltered, the facet count is the SQL count (disjunctive: the same with the filter on).
    const all = await searchListings(deps, SearchQuerySchema.parse({}));
    expect(all.facets.respondsWithin24h).toEqual({ true: expected.rows.length });
    expect((await searchWithPostgres(t.db, SearchQuerySchema.parse({}))).facets.respondsWithin24h).toEqual({ true: expected.rows.length });
  });
});
