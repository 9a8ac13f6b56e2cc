// The demo seeder against real Postgres: inserts what the generator produced, once, and keeps R1 visible in the data.
import { describe, expect, it } from "vitest";
import { generateDemoData } from "../../db/seed/demo-data.ts";
import { DEMO_PASSWORD, seedDemoData } from "../../db/seed/seed.ts";
import type { DB } from "../../db/types.ts";
import { verifyPassword } from "../../src/domain/auth/password.ts";
import { useTestDatabase } from "../setup/db.ts";

const NOW = new Date("2026-12-01T09:00:00Z");

describe("seedDemoData", () => {
  const t = useTestDatabase();

  async function tableCounts(tables: ReadonlyArray<keyof DB>): Promise<Record<string, number>> {
    const counts: Record<string, number> = {};
    for (const table of tables) {
      const row = await t.db
        .selectFrom(table)
        .select((eb) => eb.fn.countAll<number>().as("n"))
        .executeTakeFirstOrThrow();
      counts[table] = Number(row.n);
    }
    return counts;
  }

  it("inserts exactly the rows the generator produced", { timeout: 60_000 }, async () => {
    const expected = generateDemoData(NOW);
    const result = await seedDemoData(t.db, { now: NOW });
    expect(result.seeded).toBe(true);
    const tables = Object.keys(expected) as Array<keyof typeof expected>;
    expect(Object.keys(result.counts).sort()).toEqual([...tables].sort());
    for (const table of tables) expect(result.counts[table], table).toBe(expected[table].length);
    expect(await tableCounts(tables)).toEqual(result.counts);
    expect(result.counts.partners).toBeGreaterThanOrEqual(64);
  });

  it("gives every demo user the demo password, hashed once", async () => {
    const hashes = await t.db.selectFrom("users").select("password_hash").distinct().execute();
    expect(hashes).toHaveLength(1);
    expect(await verifyPassword(hashes[0]!.password_hash!, DEMO_PASSWORD)).toBe(true);
  });

  it("does nothing the second time", async () => {
    const tables = ["partners", "listings", "users", "leads", "lead_events", "services"] as const;
    const before = await tableCounts(tables);
    const again = await seedDemoData(t.db, { now: new Date(NOW.getTime() + 86_400_000) });
    expect(again).toEqual({ seeded: false, counts: {} });
    expect(await tableCounts(tables)).toEqual(before);
  });

  it("R1: ≥ 40 listings are public (published, authorized partner); a suspended partner's published listing is not", async () => {
    const published = t.db
      .selectFrom("listings as l")
      .innerJoin("partners as p", "p.id", "l.partner_id")
      .where("l.status", "=", "published");
    const visible = await published.where("p.status", "=", "authorized").select(["l.slug", "p.status"]).execute();
    expect(visible.length).toBeGreaterThanOrEqual(40);
    expect(visible.filter((row) => row.status === "suspended")).toEqual([]);
    // The data must exercise the rule: suspended partners still have listings whose own status is "published".
    const hidden = await published.where("p.status", "=", "suspended").select("l.slug").execute();
    expect(hidden.length).toBeGreaterThan(0);
    expect(visible.map((v) => v.slug)).not.toEqual(expect.arrayContaining(hidden.map((h) => h.slug)));
  });

  it("stores lead timelines in order and arrays as Postgres arrays", async () => {
    const lead = await t.db
      .selectFrom("leads")
      .select(["id", "status", "services"])
      .where("status", "=", "won")
      .limit(1)
      .executeTakeFirstOrThrow();
    expect(Array.isArray(lead.services)).toBe(true);
    const events = await t.db
      .selectFrom("lead_events")
      .select(["type", "data"])
      .where("lead_id", "=", lead.id)
      .orderBy("id")
      .execute();
    expect(events.map((e) => e.type)).toEqual([
      "created",
      "confirmed",
      "status_changed",
      "status_changed",
      "status_changed",
      "status_changed",
      "status_changed",
    ]);
    expect(events.at(-1)!.data).toEqual({ from: "offer_sent", to: "won" });
  });
});
