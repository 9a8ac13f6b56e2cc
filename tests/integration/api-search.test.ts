// The public API's data paths on real Postgres and Meilisearch: the search response shape and the sitemap query (R1).
import { beforeAll, describe, expect, it } from "vitest";
import { reindexAll } from "../../search/indexer.ts";
import { resetSearchBreaker, searchListings } from "../../search/search.ts";
import { countSitemapListings, listSitemapListings } from "../../src/domain/listings/sitemap.ts";
import { parseSearchParams } from "../../src/domain/search/query.ts";
import { SearchApiResponseSchema, toSearchApiResponse } from "../../src/server/search-api.ts";
import { createListing, createService } from "../factories.ts";
import { useTestDatabase, useTestSearch } from "../setup/db.ts";

describe("search API response", () => {
  const t = useTestDatabase();
  const s = useTestSearch();
  let slug = "";

  beforeAll(async () => {
    await createService(t.db, "mail", { en: "Business email", ko: "비즈니스 메일" });
    slug = (
      await createListing(t.db, {
        name: "Contoso Migration Works",
        headlineEn: "Mail migration without downtime",
        headlineKo: "무중단 메일 마이그레이션",
        services: ["mail"],
        expertise: ["mail-migration"],
        regions: ["KR", "US"],
        languages: ["en", "ko"],
        programs: [{ program: "cloud_deployment", status: "verified" }],
        rating: 4.6,
        reviewCount: 31,
      })
    ).slug;
    await createListing(t.db, { name: "Contoso Suspended", partnerStatus: "suspended", services: ["mail"] });
    await reindexAll(t.db, s.client, s.prefix);
  });

  const search = async (params: string) => {
    const parsed = parseSearchParams(new URLSearchParams(params));
    if (!parsed.ok) throw new Error(JSON.stringify(parsed.errors));
    resetSearchBreaker();
    const result = await searchListings({ db: t.db, meili: s.client, indexPrefix: s.prefix }, parsed.query);
    return toSearchApiResponse(result, { origin: "https://market.example", locale: parsed.query.locale });
  };

  it("matches the documented schema, with absolute listing URLs in the requested locale (R1: public only)", async () => {
    const en = await search("q=contoso");
    expect(SearchApiResponseSchema.parse(en)).toEqual(en);
    expect(en.degraded).toBe(false);
    expect(en.total).toBe(1);
    expect(en.hits[0]).toMatchObject({
      slug,
      name: "Contoso Migration Works",
      headline: "Mail migration without downtime",
      services: ["mail"],
      delegatedAdmin: true,
      programs: ["cloud_deployment"],
      rating: 4.6,
      reviewCount: 31,
      url: `https://market.example/partners/${slug}`,
    });
    expect(en.hits[0]).not.toHaveProperty("highlighted");
    expect(en.hits[0]).not.toHaveProperty("id");

    const ko = await search("q=contoso&locale=ko");
    expect(ko.hits[0]).toMatchObject({ headline: "무중단 메일 마이그레이션", url: `https://market.example/ko/partners/${slug}` });
  });

  it("has the same shape when Postgres answers (degraded)", async () => {
    const parsed = parseSearchParams(new URLSearchParams("q=contoso"));
    if (!parsed.ok) throw new Error("unexpected");
    const result = await searchListings({ db: t.db, meili: null, indexPrefix: s.prefix }, parsed.query);
    const body = toSearchApiResponse(result, { origin: "https://market.example", locale: "en" });
    expect(body.degraded).toBe(true);
    expect(SearchApiResponseSchema.parse(body)).toEqual(body);
    expect(body.hits.map((h) => h.slug)).toEqual([slug]);
  });

  it("reports bad parameters per field", () => {
    const parsed = parseSearchParams(new URLSearchParams("page=abc&regions=XX"));
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) expect(Object.keys(parsed.errors).sort()).toEqual(["page", "regions"]);
  });
});

describe("sitemap listings", () => {
  const t = useTestDatabase();
  const slugs: Record<string, string> = {};

  beforeAll(async () => {
    const make = async (key: string, spec: Parameters<typeof createListing>[1]) => {
      slugs[key] = (await createListing(t.db, spec)).slug;
    };
    await make("public", {});
    await make("public2", {});
    await make("suspended", { partnerStatus: "suspended" });
    await make("pending", { partnerStatus: "pending" });
    await make("rejected", { partnerStatus: "rejected" });
    await make("draft", { listingStatus: "draft" });
    await make("unpublished", { listingStatus: "unpublished" });
  });

  it("lists only published listings of authorized partners (R1), in slug order", async () => {
    const listed = await listSitemapListings(t.db, { limit: 100 });
    expect(listed.map((l) => l.slug)).toEqual([slugs.public, slugs.public2].sort());
    expect(await countSitemapListings(t.db)).toBe(2);
    for (const entry of listed) expect(entry.lastModified).toBeInstanceOf(Date);
  });

  it("pages with offset and limit", async () => {
    const all = await listSitemapListings(t.db, { limit: 100 });
    const second = await listSitemapListings(t.db, { offset: 1, limit: 1 });
    expect(second).toEqual([all[1]]);
  });

  it("takes the later of the listing's and the partner's change as lastmod", async () => {
    const listing = await t.db
      .selectFrom("listings")
      .select(["id", "partner_id"])
      .where("slug", "=", slugs.public!)
      .executeTakeFirstOrThrow();
    const old = new Date("2026-01-01T00:00:00Z");
    const later = new Date("2026-02-01T00:00:00Z");
    await t.db.updateTable("listings").set({ updated_at: old }).where("id", "=", listing.id).execute();
    await t.db.updateTable("partners").set({ updated_at: later }).where("id", "=", listing.partner_id).execute();
    const entry = (await listSitemapListings(t.db, { limit: 100 })).find((l) => l.slug === slugs.public);
    expect(entry?.lastModified.toISOString()).toBe(later.toISOString());
  });

  it("drops a listing once its partner is suspended", async () => {
    await t.db
      .updateTable("partners")
      .set({ status: "suspended" })
      .where("id", "=", (eb) => eb.selectFrom("listings").select("partner_id").where("slug", "=", slugs.public2!))
      .execute();
    const listed = await listSitemapListings(t.db, { limit: 100 });
    expect(listed.map((l) => l.slug)).toEqual([slugs.public]);
  });
});
