// Search against a real Meilisearch and Postgres: relevance, R1 visibility, facets and sync jobs.
import { Logger, runOnce } from "graphile-worker";
import { sql } from "kysely";
import { describe, expect, it, beforeAll } from "vitest";
import { listingsIndexUid, reindexAll, syncListings } from "../../search/indexer.ts";
import { searchListings } from "../../search/search.ts";
import { SearchQuerySchema, type SearchQuery } from "../../src/domain/search/query.ts";
import { enqueueListingSync } from "../../src/domain/shared/jobs.ts";
import { createTaskList } from "../../src/server/worker.ts";
import { createLogger } from "../../src/server/logger.ts";
import { createListing, createService } from "../factories.ts";
import { useTestDatabase, useTestSearch } from "../setup/db.ts";

const q = (input: Partial<Record<keyof SearchQuery, unknown>>): SearchQuery => SearchQuerySchema.parse(input);

describe("listing search", () => {
  const t = useTestDatabase();
  const s = useTestSearch();
  const deps = () => ({ db: t.db, meili: s.client, indexPrefix: s.prefix });
  const ids: Record<string, string> = {};

  beforeAll(async () => {
    await createService(t.db, "mail", { en: "Business email", ko: "비즈니스 메일" });
    await createService(t.db, "security", { en: "Security", ko: "보안" });
    await createService(t.db, "intranet", { en: "Intranet", ko: "인트라넷" });
    const make = async (key: string, spec: Parameters<typeof createListing>[1]) => {
      ids[key] = (await createListing(t.db, spec)).listingId;
    };
    await make("contoso", {
      name: "Contoso Migration Works",
      headlineEn: "Mail migration without downtime",
      services: ["mail"],
      expertise: ["mail-migration"],
      industries: ["finance"],
      regions: ["US", "KR"],
      languages: ["en"],
      programs: [{ program: "cloud_deployment", status: "verified" }],
      rating: 4.6,
      reviewCount: 31,
    });
    await make("hanbit", {
      name: "한빛클라우드",
      primaryLocale: "ko",
      headlineKo: "부산·경남 기업을 위한 보안 컨설팅",
      headlineEn: null,
      descriptionKo: "제로 트러스트 **보안** 컨설팅과 셰어포인트 인트라넷 구축을 제공합니다.",
      services: ["security", "intranet"],
      expertise: ["zero-trust", "intranet-sharepoint"],
      industries: ["manufacturing"],
      regions: ["KR"],
      languages: ["ko"],
      programs: [{ program: "cloud_essentials", status: "submitted" }],
      rating: 3.8,
      reviewCount: 5,
    });
    await make("fabrikam", {
      name: "Fabrikam Secure",
      headlineEn: "Security operations for retail",
      services: ["security"],
      expertise: ["security-operations"],
      industries: ["retail"],
      regions: ["JP"],
      languages: ["en", "ja"],
      rating: 4.1,
      reviewCount: 12,
    });
    // R1: none of these may ever be found.
    await make("suspended", { name: "Contoso Suspended Mail", partnerStatus: "suspended", services: ["mail"] });
    await make("pending", { name: "Contoso Pending Mail", partnerStatus: "pending", services: ["mail"] });
    await make("draft", { name: "Contoso Draft Mail", listingStatus: "draft", services: ["mail"] });
    await make("unpublished", { name: "Contoso Unpublished Mail", listingStatus: "unpublished", services: ["mail"] });
    const result = await reindexAll(t.db, s.client, s.prefix);
    expect(result.count).toBe(3);
  });

  it("finds a partner despite a typo", async () => {
    const result = await searchListings(deps(), q({ q: "contsoo migratoin" }));
    expect(result.degraded).toBe(false);
    expect(result.hits[0]?.id).toBe(ids.contoso);
  });

  it("finds Korean listings with Korean queries, and through synonyms", async () => {
    const result = await searchListings(deps(), q({ q: "보안 컨설팅", locale: "ko" }));
    expect(result.hits[0]?.id).toBe(ids.hanbit);
    expect(result.hits[0]?.headline).toBe("부산·경남 기업을 위한 보안 컨설팅");
    const synonym = await searchListings(deps(), q({ q: "쉐어포인트" }));
    expect(synonym.hits.map((h) => h.id)).toContain(ids.hanbit);
    // Product names lead to the services listings describe (one-way synonyms).
    const product = await searchListings(deps(), q({ q: "exchange" }));
    expect(product.hits.map((h) => h.id)).toContain(ids.contoso);
  });

  it("R1: unpublished listings and unauthorized or suspended partners never appear", async () => {
    const result = await searchListings(deps(), q({ q: "contoso", hitsPerPage: 50 }));
    expect(result.hits.map((h) => h.id)).toEqual([ids.contoso]);
    const all = await searchListings(deps(), q({ hitsPerPage: 50 }));
    expect(all.total).toBe(3);
  });

  it("filters by facets (OR within a facet, AND across) and counts each value without its own filter", async () => {
    const security = await searchListings(deps(), q({ services: ["security"] }));
    expect(security.hits.map((h) => h.id).sort()).toEqual([ids.hanbit, ids.fabrikam].sort());
    // Disjunctive counts: with "security" selected, "mail" still shows how many a wider choice would give.
    expect(security.facets.services).toEqual({ mail: 1, security: 2, intranet: 1 });
    expect(security.facets.regions).toEqual({ KR: 1, JP: 1 });

    const both = await searchListings(deps(), q({ services: ["security", "mail"], regions: ["KR"] }));
    expect(both.hits.map((h) => h.id).sort()).toEqual([ids.contoso, ids.hanbit].sort());

    // R3: only verified programs make a delegated administrator.
    const delegated = await searchListings(deps(), q({ delegatedAdmin: "true" }));
    expect(delegated.hits.map((h) => h.id)).toEqual([ids.contoso]);
    expect(delegated.facets.delegatedAdmin).toEqual({ true: 1 });

    const rated = await searchListings(deps(), q({ minRating: "4" }));
    expect(rated.hits.map((h) => h.id).sort()).toEqual([ids.contoso, ids.fabrikam].sort());
    expect(rated.facets.minRating).toEqual({ "4": 2, "3": 3 });
  });

  it("sorts by rating and paginates", async () => {
    const page1 = await searchListings(deps(), q({ sort: "rating", hitsPerPage: 2 }));
    expect(page1.hits.map((h) => h.id)).toEqual([ids.contoso, ids.fabrikam]);
    expect(page1.totalPages).toBe(2);
    const page2 = await searchListings(deps(), q({ sort: "rating", hitsPerPage: 2, page: 2 }));
    expect(page2.hits.map((h) => h.id)).toEqual([ids.hanbit]);
  });

  it("escapes listing text in highlights (user content)", async () => {
    const evil = await createListing(t.db, { name: "Evil <img src=x onerror=alert(1)> Mail" });
    await syncListings(t.db, s.client, s.prefix, [evil.listingId]);
    const result = await searchListings(deps(), q({ q: "evil" }));
    expect(result.hits[0]?.highlighted.name).toBe("<mark>Evil</mark> &lt;img src=x onerror=alert(1)&gt; Mail");
    await t.db.deleteFrom("partners").where("id", "=", evil.partnerId).execute();
    await syncListings(t.db, s.client, s.prefix, [evil.listingId]);
  });

  it("an edit reaches search through the job enqueued in its transaction", async () => {
    await t.db.transaction().execute(async (trx) => {
      await trx.updateTable("listings").set({ name: "Contoso Cloud Partners", updated_at: new Date() }).where("id", "=", ids.contoso!).execute();
      await enqueueListingSync(trx, [ids.contoso!]);
    });
    const before = await searchListings(deps(), q({ q: "Contoso Cloud Partners" }));
    expect(before.hits[0]?.name).toBe("Contoso Migration Works");
    await runOnce({ connectionString: t.url, logger: new Logger(() => () => {}), taskList: createTaskList({ ...deps(), logger: createLogger("silent") }) });
    const after = await searchListings(deps(), q({ q: "Contoso Cloud Partners" }));
    expect(after.hits[0]?.name).toBe("Contoso Cloud Partners");
  });

  it("a rolled-back change enqueues nothing", async () => {
    await t.db
      .transaction()
      .execute(async (trx) => {
        await enqueueListingSync(trx, [ids.fabrikam!]);
        throw new Error("rollback");
      })
      .catch(() => {});
    const { rows } = await sql<{ n: number }>`select count(*)::int as n from graphile_worker.jobs
      where key = ${`search:listing:${ids.fabrikam}`}`.execute(t.db);
    expect(rows[0]?.n).toBe(0);
  });

  it("a full reindex swaps in a new index and keeps one live index", async () => {
    await reindexAll(t.db, s.client, s.prefix);
    const { results } = await s.client.getIndexes({ limit: 100 });
    expect(results.filter((i) => i.uid.startsWith(s.prefix)).map((i) => i.uid)).toEqual([listingsIndexUid(s.prefix)]);
  });
});
