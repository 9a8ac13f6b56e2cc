// Starts the embedded Postgres / Meilisearch where no external server is configured.
import path from "node:path";
import { withDatabase } from "../../db/client.ts";
import { startEmbeddedPostgres } from "../../db/embedded-postgres.ts";
import { startEmbeddedMeilisearch } from "../../search/embedded-meilisearch.ts";
import type { Env } from "./env.ts";

export interface RunningServices {
  databaseUrl: string;
  meiliUrl: string | undefined;
  meiliMasterKey: string | undefined;
  /** True when the database is the embedded default (demo data is seeded only there). */
  embeddedDatabase: boolean;
  stop: () => Promise<void>;
}

export interface StartServicesOptions {
  /** Also provide Meilisearch (false for CLIs that only need the database). */
  search?: boolean;
  log?: (line: string) => void;
}

export async function startServices(env: Env, options: StartServicesOptions = {}): Promise<RunningServices> {
  const dataDir = path.resolve(env.DATA_DIR);
  const log = options.log ?? (() => {});
  const stops: Array<() => Promise<void>> = [];
  const stop = async () => {
    await Promise.allSettled(stops.reverse().map((s) => s()));
  };
  try {
    const [pg, meili] = await Promise.all([
      env.DATABASE_URL
        ? undefined
        : startEmbeddedPostgres({ dataDir: path.join(dataDir, "postgres"), log: (l) => log(`[postgres] ${l}`) }).then(
            (pg) => (stops.push(pg.stop), pg),
          ),
      env.MEILI_URL || options.search === false
        ? undefined
        : startEmbeddedMeilisearch({
            dataDir: path.join(dataDir, "meilisearch"),
            binary: env.MEILI_BINARY,
            log: (l) => log(`[meilisearch] ${l}`),
          }).then((m) => (stops.push(m.stop), m)),
    ]);
    return {
      databaseUrl: env.DATABASE_URL ?? (await ensureDatabase(pg!.url(), "marketplace")),
      meiliUrl: env.MEILI_URL ?? meili?.url,
      meiliMasterKey: env.MEILI_URL ? env.MEILI_MASTER_KEY : meili?.masterKey,
      embeddedDatabase: !env.DATABASE_URL,
      stop,
    };
  } catch (error) {
    await stop();
    throw error;
  }
}

/** The embedded cluster's app database, created on first start; returns its URL. */
async function ensureDatabase(adminUrl: string, name: string): Promise<string> {
  const { default: pg } = await import("pg");
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    const { rowCount } = await client.query("select 1 from pg_database where datname = $1", [name]);
    if (!rowCount) await client.query(`create database ${client.escapeIdentifier(name)}`);
  } finally {
    await client.end();
  }
  return withDatabase(adminUrl, name);
}
