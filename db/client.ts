// Kysely over a pg Pool; the one place that knows how Postgres values map to JS.
import { Kysely, PostgresDialect } from "kysely";
import pg from "pg";
import type { DB } from "./types.ts";

// Counts (int8) and ratings (numeric) are small: numbers are what the domain wants.
pg.types.setTypeParser(pg.types.builtins.INT8, (v) => Number.parseInt(v, 10));
pg.types.setTypeParser(pg.types.builtins.NUMERIC, (v) => Number.parseFloat(v));

export type Database = Kysely<DB>;

export interface DbOptions {
  max?: number;
  /** Milliseconds; a query running longer is cancelled by the server. */
  statementTimeout?: number;
  applicationName?: string;
}

export function createDb(connectionString: string, options: DbOptions = {}): Database {
  const pool = new pg.Pool({
    connectionString,
    max: options.max ?? 10,
    connectionTimeoutMillis: 5_000,
    idleTimeoutMillis: 30_000,
    statement_timeout: options.statementTimeout ?? 15_000,
    application_name: options.applicationName ?? "marketplace",
  });
  // An idle client losing its connection (server restart, failover) must not crash the process:
  // the pool drops it and the next query opens a new one.
  pool.on("error", (error) => {
    console.error(`[db] idle connection lost: ${error.message}`);
  });
  return new Kysely<DB>({ dialect: new PostgresDialect({ pool }) });
}

/** The same server URL with another database name. */
export function withDatabase(url: string, database: string): string {
  const u = new URL(url);
  u.pathname = `/${encodeURIComponent(database)}`;
  return u.toString();
}
