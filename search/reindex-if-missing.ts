// On start: build the listings index from Postgres when it does not exist yet (first run, new Meilisearch).
import type { Meilisearch } from "meilisearch";
import type { Database } from "../db/client.ts";
import { listingsIndexUid, reindexAll } from "./indexer.ts";

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
  if (exists) return undefined;
  return reindexAll(db, meili, prefix);
}
