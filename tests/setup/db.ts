// Per test file: a database cloned from the migrated template, and a Meilisearch index prefix of its own.
import { randomBytes } from "node:crypto";
import { Meilisearch } from "meilisearch";
import pg from "pg";
import { afterAll, beforeAll, inject } from "vitest";
import { createDb, type Database, withDatabase } from "../../db/client.ts";

export interface TestDatabase {
  db: Database;
  url: string;
}

/** Creates a fresh, migrated database for the caller; drop it with the returned function. */
export async function createTestDatabase(): Promise<TestDatabase & { drop: () => Promise<void> }> {
  const admin = inject("pgAdminUrl");
  const name = `${inject("runId")}_${randomBytes(4).toString("hex")}`;
  const client = new pg.Client({ connectionString: admin });
  await client.connect();
  try {
    // Concurrent clones of one template can trip over each other: take turns.
    await client.query("select pg_advisory_lock(727001)");
    await client.query(`create database ${name} template ${inject("templateDatabase")}`);
  } finally {
    await client.query("select pg_advisory_unlock(727001)").catch(() => {});
    await client.end();
  }
  const url = withDatabase(admin, name);
  const db = createDb(url, { max: 5 });
  return {
    db,
    url,
    drop: async () => {
      await db.destroy();
      const c = new pg.Client({ connectionString: admin });
      await c.connect();
      await c.query(`drop database if exists ${name} with (force)`).finally(() => c.end());
    },
  };
}

/** Registers hooks giving this test file its own database; read `.db` inside tests. */
export function useTestDatabase(): TestDatabase {
  let current: Awaited<ReturnType<typeof createTestDatabase>> | undefined;
  beforeAll(async () => {
    current = await createTestDatabase();
  });
  afterAll(async () => {
    await current?.drop();
  });
  return {
    get db() {
      if (!current) throw new Error("useTestDatabase(): the database exists only inside tests and hooks");
      return current.db;
    },
    get url() {
      if (!current) throw new Error("useTestDatabase(): the database exists only inside tests and hooks");
      return current.url;
    },
  };
}

export interface TestSearch {
  client: Meilisearch;
  /** Prefix for every index this file creates; they are deleted after the file. */
  prefix: string;
  url: string;
  key: string;
}

export function useTestSearch(): TestSearch {
  const url = inject("meiliUrl");
  const key = inject("meiliKey");
  const prefix = `${inject("runId")}_${randomBytes(3).toString("hex")}_`;
  const client = new Meilisearch({
    host: url,
    apiKey: key,
    timeout: 10_000,
    requestInit: { headers: { "Accept-Encoding": "identity" } },
  });
  afterAll(async () => {
    const { results } = await client.getIndexes({ limit: 1000 });
    for (const index of results.filter((i) => i.uid.startsWith(prefix))) {
      await client.deleteIndex(index.uid).waitTask({ timeout: 120_000 });
    }
  });
  return { client, prefix, url, key };
}
