// Inserts the demo data into an empty marketplace, in one transaction; does nothing once any partner exists.
import { type Insertable, type Kysely, type Transaction, sql } from "kysely";
import { hashPassword } from "../../src/domain/auth/password.ts";
import { updateResponseTimes } from "../../src/domain/leads/responsiveness.ts";
import type { DB } from "../types.ts";
import { generateDemoData } from "./demo-data.ts";
import type { DemoData } from "./rows.ts";

/** Every demo user's password (documented in the README; demo data only). */
export const DEMO_PASSWORD = "marketplace-demo";

const CHUNK_SIZE = 500;
// Two processes starting on the same empty database must not both seed it.
const SEED_LOCK_KEY = 727_100;

/** Insertion order: every table after the tables its foreign keys point to. */
const TABLE_ORDER = [
  "services",
  "offers",
  "offer_services",
  "users",
  "partners",
  "partner_members",
  "partner_programs",
  "listings",
  "listing_services",
  "tenants",
  "tenant_members",
  "leads",
  "lead_events",
] as const satisfies ReadonlyArray<keyof DemoData & keyof DB>;

/** How the counts are reported: the headline numbers first. */
const REPORT_ORDER = [
  "partners",
  "listings",
  "users",
  "leads",
  "lead_events",
  "partner_members",
  "partner_programs",
  "listing_services",
  "tenants",
  "tenant_members",
  "services",
  "offers",
  "offer_services",
] as const satisfies ReadonlyArray<(typeof TABLE_ORDER)[number]>;

export interface SeedResult {
  seeded: boolean;
  counts: Record<string, number>;
}

export interface SeedOptions {
  /** The moment the demo timeline ends at (default: now). */
  now?: Date;
}

async function hasPartners(db: Kysely<DB> | Transaction<DB>): Promise<boolean> {
  const row = await db.selectFrom("partners").select("id").limit(1).executeTakeFirst();
  return row !== undefined;
}

async function insertChunks<T extends (typeof TABLE_ORDER)[number]>(
  trx: Transaction<DB>,
  table: T,
  rows: ReadonlyArray<Insertable<DB[T]>>,
): Promise<number> {
  for (let start = 0; start < rows.length; start += CHUNK_SIZE) {
    await trx
      .insertInto(table)
      .values(rows.slice(start, start + CHUNK_SIZE))
      .execute();
  }
  return rows.length;
}

export async function seedDemoData(db: Kysely<DB>, options: SeedOptions = {}): Promise<SeedResult> {
  if (await hasPartners(db)) return { seeded: false, counts: {} };
  const data = generateDemoData(options.now ?? new Date());
  // Hashed once (argon2id is deliberately slow) and shared by every demo user.
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  const rows: { [T in (typeof TABLE_ORDER)[number]]: ReadonlyArray<Insertable<DB[T]>> } = {
    ...data,
    users: data.users.map((u) => ({ ...u, password_hash: passwordHash })),
  };

  return db.transaction().execute(async (trx) => {
    await sql`select pg_advisory_xact_lock(${SEED_LOCK_KEY})`.execute(trx);
    // Checked again under the lock: another process may have seeded while this one hashed.
    if (await hasPartners(trx)) return { seeded: false, counts: {} };
    const inserted: Partial<Record<(typeof TABLE_ORDER)[number], number>> = {};
    for (const table of TABLE_ORDER) inserted[table] = await insertChunks(trx, table, rows[table]);
    // Issue 5: listings show the response times the demo leads imply (no sync: the index is built after seeding).
    await updateResponseTimes(trx, options.now ?? new Date());
    const counts = Object.fromEntries(REPORT_ORDER.map((table) => [table, inserted[table] ?? 0]));
    return { seeded: true, counts };
  });
}
