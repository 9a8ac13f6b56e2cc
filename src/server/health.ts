// Health of the parts the site depends on: Postgres is required, Meilisearch is degradable.
import { sql } from "kysely";
import type { Container } from "./container.ts";

export interface Health {
  status: "ok" | "degraded" | "down";
  database: { status: "up" | "down"; latencyMs?: number; error?: string };
  search: { status: "up" | "down" | "not-configured"; latencyMs?: number; error?: string };
}

const TIMEOUT_MS = 2_000;

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  return Promise.race([
    promise,
    new Promise<never>((_, reject) => setTimeout(() => reject(new Error(`timed out after ${ms} ms`)), ms).unref()),
  ]);
}

export async function checkHealth({ db, meili }: Pick<Container, "db" | "meili">): Promise<Health> {
  const timed = async (check: () => Promise<unknown>) => {
    const started = performance.now();
    try {
      await withTimeout(check(), TIMEOUT_MS);
      return { status: "up" as const, latencyMs: Math.round(performance.now() - started) };
    } catch (error) {
      return { status: "down" as const, error: error instanceof Error ? error.message : String(error) };
    }
  };
  const [database, search] = await Promise.all([
    timed(() => sql`select 1`.execute(db)),
    meili ? timed(() => meili.health()) : Promise.resolve({ status: "not-configured" as const }),
  ]);
  const status = database.status === "down" ? "down" : search.status === "up" ? "ok" : "degraded";
  return { status, database, search };
}
