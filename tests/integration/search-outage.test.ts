// Meilisearch down ≠ site down: Postgres answers (degraded), changes queue up, and catch up when it returns.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { Logger, runOnce } from "graphile-worker";
import { sql } from "kysely";
import { afterAll, describe, expect, it } from "vitest";
import { reindexAll } from "../../search/indexer.ts";
import { startEmbeddedMeilisearch, type RunningMeili } from "../../search/embedded-meilisearch.ts";
import { resetSearchBreaker, searchListings } from "../../search/search.ts";
import { SearchQuerySchema } from "../../src/domain/search/query.ts";
import { enqueueListingSync } from "../../src/domain/shared/jobs.ts";
import { createMeiliClient } from "../../src/server/container.ts";
import { createLogger } from "../../src/server/logger.ts";
import { createTaskList } from "../../src/server/worker.ts";
import { createListing, createService } from "../factories.ts";
import { useTestDatabase } from "../setup/db.ts";

const quiet = new Logger(() => () => {});

describe("search when Meilisearch is down", () => {
  const t = useTestDatabase();
  const dir = mkdtempSync(path.join(tmpdir(), "meili-outage-"));
  let meili: RunningMeili | undefined;
  afterAll(async () => {
    await meili?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it("falls back to Postgres with the same filters and facets, then indexes the missed change", async () => {
    meili = await startEmbeddedMeilisearch({ dataDir: dir });
    const port = Number(new URL(meili.url).port);
    const client = createMeiliClient({ MEILI_URL: meili.url, MEILI_MASTER_KEY: meili.masterKey, MEILI_TIMEOUT_MS: 1000 });
    const deps = { db: t.db, meili: client, indexPrefix: "" };
    const taskList = createTaskList({ ...deps, logger: createLogger("silent") });

    await createService(t.db, "mail", { en: "Business email", ko: "비즈니스 메일" });
    await createService(t.db, "security", { en: "Security", ko: "보안" });
    const a = await createListing(t.db, { name: "Northwind Mail", services: ["mail"], regions: ["KR"], rating: 4.5 });
    await createListing(t.db, { name: "Woodgrove Security", services: ["security"], regions: ["KR", "JP"], rating: 3.2 });
    await createListing(t.db, { name: "Hidden Mail", services: ["mail"], partnerStatus: "suspended" });
    await reindexAll(t.db, client, "");
    resetSearchBreaker();
    const healthy = await searchListings(deps, SearchQuerySchema.parse({ regions: ["KR"] }));
    expect(healthy.degraded).toBe(false);

    await meili.stop();

    // A change while search is down: committed with its sync job, which fails and waits for retry.
    await t.db.transaction().execute(async (trx) => {
      await trx.updateTable("listings").set({ name: "Northwind Mail Experts", updated_at: new Date() }).where("id", "=", a.listingId).execute();
      await enqueueListingSync(trx, [a.listingId]);
    });
    await runOnce({ connectionString: t.url, logger: quiet, taskList });
    const waiting = await sql<{ attempts: number }>`select attempts from graphile_worker.jobs where task_identifier = 'search:sync-listings'`.execute(t.db);
    expect(waiting.rows).toEqual([{ attempts: 1 }]);

    const degraded = await searchListings(deps, SearchQuerySchema.parse({ q: "mail", regions: ["KR"] }));
    expect(degraded.degraded).toBe(true);
    expect(degraded.hits.map((h) => h.name)).toEqual(["Northwind Mail Experts"]); // R1: the suspended one stays hidden
    expect(degraded.facets.services).toEqual({ mail: 1 });
    expect(degraded.facets.regions).toEqual({ KR: 1 });
    const korean = await searchListings(deps, SearchQuerySchema.parse({ q: "보안" }));
    expect(korean.hits.map((h) => h.name)).toEqual(["Woodgrove Security"]);
    expect(korean.degraded).toBe(true);

    // Meilisearch returns on the same port with its data; the catch-up task retries the waiting job now.
    meili = await startEmbeddedMeilisearch({ dataDir: dir, port });
    await taskList["search:catch-up"]!({}, {} as never);
    await runOnce({ connectionString: t.url, logger: quiet, taskList });
    const left = await sql<{ n: number }>`select count(*)::int as n from graphile_worker.jobs`.execute(t.db);
    expect(left.rows[0]?.n).toBe(0);
    resetSearchBreaker();
    const recovered = await searchListings(deps, SearchQuerySchema.parse({ q: "experts" }));
    expect(recovered.degraded).toBe(false);
    expect(recovered.hits.map((h) => h.name)).toEqual(["Northwind Mail Experts"]);
  });
});
