// What every benchmark needs: loopback servers (embedded or external), a database of its own, cleanup on exit
// or Ctrl-C, machine facts, and short log lines.
import os from "node:os";
import path from "node:path";
import { sql } from "kysely";
import pg from "pg";
import { type Database, withDatabase } from "../db/client.ts";
import { startEmbeddedPostgres } from "../db/embedded-postgres.ts";
import { startEmbeddedMeilisearch } from "../search/embedded-meilisearch.ts";
import { pidFromFile } from "./cpu.ts";

export const say = (line = "") => console.log(line);
export const seconds = (t0: number) => (performance.now() - t0) / 1000;

// Cleanup runs once, on success, failure or Ctrl-C, in reverse order of setup.
export const cleanups: Array<{ name: string; run: () => Promise<void> }> = [];
let cleaning: Promise<void> | undefined;
export function cleanup(): Promise<void> {
  cleaning ??= (async () => {
    for (const step of cleanups.reverse()) {
      try {
        await step.run();
      } catch (error) {
        console.error(`[bench] cleanup "${step.name}" failed:`, error instanceof Error ? error.message : error);
      }
    }
  })();
  return cleaning;
}
for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.once(signal, () => {
    say(`\n[bench] ${signal}: cleaning up…`);
    void cleanup().finally(() => process.exit(130));
  });
}

export interface Servers {
  adminUrl: string;
  meiliUrl: string;
  meiliKey: string;
  external: { db: boolean; meili: boolean };
  /** Embedded servers only: their CPU time is measured from /proc. */
  pids: { postgres?: number; meilisearch?: number };
}

export async function startServers(tmp: string): Promise<Servers> {
  const externalDb = process.env.DATABASE_URL?.trim() || undefined;
  const externalMeili = process.env.MEILI_URL?.trim() || undefined;
  for (const [name, value] of [["DATABASE_URL", externalDb], ["MEILI_URL", externalMeili]] as const) {
    if (value && !["127.0.0.1", "localhost", "[::1]"].includes(new URL(value).hostname)) {
      throw new Error(`${name} must point at a loopback address for this benchmark (got ${new URL(value).hostname})`);
    }
  }
  const t0 = performance.now();
  const [adminUrl, meili] = await Promise.all([
    externalDb ??
      startEmbeddedPostgres({ dataDir: path.join(tmp, "postgres"), ephemeral: true }).then((server) => {
        cleanups.push({ name: "stop Postgres", run: server.stop });
        return server.url();
      }),
    externalMeili
      ? { url: externalMeili, masterKey: process.env.MEILI_MASTER_KEY ?? "" }
      : startEmbeddedMeilisearch({ dataDir: path.join(tmp, "meilisearch") }).then((server) => {
          cleanups.push({ name: "stop Meilisearch", run: server.stop });
          return server;
        }),
  ]);
  say(
    `[servers] Postgres: ${externalDb ? "DATABASE_URL" : "embedded (ephemeral)"}, Meilisearch: ${externalMeili ? "MEILI_URL" : "embedded"} ` +
      `— ready in ${seconds(t0).toFixed(1)} s`,
  );
  return {
    adminUrl,
    meiliUrl: meili.url.replace(/\/+$/, ""),
    meiliKey: meili.masterKey,
    external: { db: Boolean(externalDb), meili: Boolean(externalMeili) },
    pids: {
      ...(externalDb ? {} : { postgres: pidFromFile(path.join(tmp, "postgres", "postmaster.pid")) }),
      ...(externalMeili ? {} : { meilisearch: pidFromFile(path.join(tmp, "meilisearch", "meilisearch.pid")) }),
    },
  };
}

export async function createDatabase(adminUrl: string, name: string): Promise<string> {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    await client.query(`create database ${client.escapeIdentifier(name)}`);
  } finally {
    await client.end();
  }
  return withDatabase(adminUrl, name);
}

export async function dropDatabase(adminUrl: string, name: string): Promise<void> {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    await client.query(`drop database if exists ${client.escapeIdentifier(name)} with (force)`);
  } finally {
    await client.end();
  }
}

export async function machine(db: Database, meiliUrl: string, meiliKey: string): Promise<Record<string, string>> {
  const cpus = os.cpus();
  const pgVersion = await sql<{ v: string }>`select current_setting('server_version') as v`.execute(db);
  const meiliVersion = await fetch(`${meiliUrl}/version`, { headers: { Authorization: `Bearer ${meiliKey}` } })
    .then((r) => r.json() as Promise<{ pkgVersion?: string }>)
    .then((v) => v.pkgVersion ?? "?")
    .catch(() => "?");
  return {
    cpus: `${cpus.length} × ${cpus[0]?.model.trim() ?? "?"}`,
    memory: `${(os.totalmem() / 2 ** 30).toFixed(1)} GiB`,
    node: process.version,
    postgres: pgVersion.rows[0]?.v ?? "?",
    meilisearch: meiliVersion,
    loadavg: os.loadavg().map((l) => l.toFixed(2)).join(" "),
  };
}

/** The web server logs pino JSON with whole stacks: one short line each is enough here. */
export function condense(line: string): string {
  if (line.startsWith("{")) {
    try {
      const entry = JSON.parse(line) as { level?: number; msg?: string; err?: { message?: string } };
      return `level ${entry.level ?? "?"}: ${entry.msg ?? ""}${entry.err?.message ? ` (${entry.err.message})` : ""}`;
    } catch {
      // not JSON after all
    }
  }
  return line.length > 300 ? `${line.slice(0, 300)}…` : line;
}
