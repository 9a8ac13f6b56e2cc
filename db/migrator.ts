// Runs the frozen migrations in db/migrations with Kysely's Migrator.
import { promises as fs } from "node:fs";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import type { Kysely } from "kysely";
import { FileMigrationProvider, Migrator } from "kysely/migration";
import { Logger, runMigrations as runJobQueueMigrations } from "graphile-worker";
import pg from "pg";

export const migrationFolder = path.join(path.dirname(fileURLToPath(import.meta.url)), "migrations");

export function createMigrator(db: Kysely<any>): Migrator {
  return new Migrator({
    db,
    provider: new FileMigrationProvider({
      fs,
      path,
      migrationFolder,
      import: (file) => import(pathToFileURL(file).href),
    }),
  });
}

/** Migrates to the latest version; returns the names applied. Throws on the first failure. */
export async function migrateToLatest(db: Kysely<any>): Promise<string[]> {
  const { error, results = [] } = await createMigrator(db).migrateToLatest();
  const failed = results.find((r) => r.status === "Error");
  if (error || failed) {
    const cause = error instanceof Error ? error : new Error(String(error ?? "unknown error"));
    throw new Error(`Migration ${failed?.migrationName ?? ""} failed: ${cause.message}`, { cause });
  }
  return results.filter((r) => r.status === "Success").map((r) => r.migrationName);
}

const quietLogger = new Logger(() => () => {});

/** The job queue's own schema (graphile_worker), versioned by the library; idempotent. */
export async function migrateJobQueue(connectionString: string): Promise<void> {
  // Our own pool, closed here: a connection left to the library could be cut later by a server shutdown, unhandled.
  const pgPool = new pg.Pool({ connectionString, max: 1 });
  pgPool.on("error", () => {});
  pgPool.on("connect", (client) => client.on("error", () => {}));
  try {
    await runJobQueueMigrations({ pgPool, logger: quietLogger });
  } finally {
    await pgPool.end();
  }
}

/** Both schemas: ours (Kysely migrations) and the job queue's. */
export async function migrateAll(db: Kysely<any>, connectionString: string): Promise<string[]> {
  const applied = await migrateToLatest(db);
  await migrateJobQueue(connectionString);
  return applied;
}
