// Once per test run: one Postgres (embedded, or DATABASE_URL) with a migrated template database,
// and one Meilisearch (embedded, or MEILI_URL). Each test file clones the template (tests/setup/db.ts).
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import pg from "pg";
import type { TestProject } from "vitest/node";
import { createDb, withDatabase } from "../../db/client.ts";
import { startEmbeddedPostgres } from "../../db/embedded-postgres.ts";
import { migrateAll } from "../../db/migrator.ts";
import { startEmbeddedMeilisearch } from "../../search/embedded-meilisearch.ts";

declare module "vitest" {
  interface ProvidedContext {
    pgAdminUrl: string;
    templateDatabase: string;
    meiliUrl: string;
    meiliKey: string;
    runId: string;
  }
}

export default async function setup(project: TestProject) {
  const runId = `t${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;
  const dir = mkdtempSync(path.join(tmpdir(), "marketplace-test-"));
  const [embeddedPg, embeddedMeili] = await Promise.all([
    process.env.DATABASE_URL ? undefined : startEmbeddedPostgres({ dataDir: path.join(dir, "pg"), ephemeral: true }),
    process.env.MEILI_URL ? undefined : startEmbeddedMeilisearch({ dataDir: path.join(dir, "meili") }),
  ]);
  const pgAdminUrl = process.env.DATABASE_URL ?? embeddedPg!.url();
  const meiliUrl = process.env.MEILI_URL ?? embeddedMeili!.url;
  const meiliKey = process.env.MEILI_URL ? (process.env.MEILI_MASTER_KEY ?? "") : embeddedMeili!.masterKey;

  const templateDatabase = `${runId}_template`;
  await adminQuery(pgAdminUrl, `create database ${templateDatabase}`);
  const templateUrl = withDatabase(pgAdminUrl, templateDatabase);
  const db = createDb(templateUrl, { max: 1 });
  await migrateAll(db, templateUrl);
  await db.destroy();

  project.provide("pgAdminUrl", pgAdminUrl);
  project.provide("templateDatabase", templateDatabase);
  project.provide("meiliUrl", meiliUrl);
  project.provide("meiliKey", meiliKey);
  project.provide("runId", runId);

  return async () => {
    if (embeddedPg) await embeddedPg.stop();
    else await dropRunDatabases(pgAdminUrl, runId);
    await embeddedMeili?.stop();
    rmSync(dir, { recursive: true, force: true });
  };
}

async function adminQuery(url: string, text: string): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(text);
  } finally {
    await client.end();
  }
}

/** With an external server, leave nothing behind: every database this run created starts with its id. */
async function dropRunDatabases(url: string, runId: string): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const { rows } = await client.query<{ datname: string }>("select datname from pg_database where datname like $1", [
      `${runId}\\_%`,
    ]);
    for (const { datname } of rows) await client.query(`drop database if exists ${client.escapeIdentifier(datname)} with (force)`);
  } finally {
    await client.end();
  }
}
