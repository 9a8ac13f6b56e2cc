// On start: build the listings index from Postgres when it does not exist yet (first run, new Meilisearch), or when
// it predates a filter the code now uses (its documents lack the field too, so only a full rebuild fixes it).
import type { Meilisearch } from "meilisearch";
import type { Database } from "../db/client.ts";
import { listingsIndexUid, reindexAll } from "./indexer.ts";
import { listingIndexSettings } from "./settings.ts";

export async function ensureSearchIndex(
  db: Database,
  meili: Meilisearch,
  prefix: string,
): Promise<{ count: number } | undefined> {
  const exists = await meili
    .getIndex(listingsIndexUid(prefix))
    .then(() => true)
    .catch((error: { cause?: { code?: string } }) => {
      if (error.cause?.code === "index_not_found") return false;
      throw error;
    });
  if (exists) {
    const filterable = new Set((await meili.index(listingsIndexUid(prefix)).getFilterableAttributes()) ?? []);
    const missing = (listingIndexSettings.filterableAttributes ?? []).some((a) => typeof a === "string" && !filterable.has(a));
    if (!missing) return undefined;
  }
  return reindexAll(db, meili, prefix);
}
