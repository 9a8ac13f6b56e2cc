// The database enforces what it can (architecture convention 13); these tests would fail if a constraint went missing.
import { NO_MIGRATIONS } from "kysely/migration";
import { describe, expect, it } from "vitest";
import { createMigrator } from "../../db/migrator.ts";
import { createTestDatabase, useTestDatabase } from "../setup/db.ts";

describe("schema", () => {
  const t = useTestDatabase();

  async function partner(slug: string) {
    return t.db
      .insertInto("partners")
      .values({ slug, name: slug })
      .returning("id")
      .executeTakeFirstOrThrow();
  }

  it("R1: a partner starts pending and only known statuses are accepted", async () => {
    const { id } = await partner("acme");
    const row = await t.db.selectFrom("partners").select("status").where("id", "=", id).executeTakeFirstOrThrow();
    expect(row.status).toBe("pending");
    await expect(t.db.updateTable("partners").set({ status: "approved" }).where("id", "=", id).execute()).rejects.toThrow(
      /check constraint/,
    );
  });

  it("R10: one listing per organization, with a valid slug and a headline", async () => {
    const { id } = await partner("contoso");
    await t.db.insertInto("listings").values({ partner_id: id, slug: "contoso", name: "Contoso", headline_en: "Hi" }).execute();
    await expect(
      t.db.insertInto("listings").values({ partner_id: id, slug: "contoso-2", name: "Contoso", headline_en: "Hi" }).execute(),
    ).rejects.toThrow(/unique/);
    const other = await partner("fabrikam");
    await expect(
      t.db.insertInto("listings").values({ partner_id: other.id, slug: "Bad Slug", name: "F", headline_en: "Hi" }).execute(),
    ).rejects.toThrow(/check constraint/);
    await expect(
      t.db.insertInto("listings").values({ partner_id: other.id, slug: "fabrikam", name: "F" }).execute(),
    ).rejects.toThrow(/listings_headline_present/);
  });

  it("R3: program enrollments name only the three programs", async () => {
    const { id } = await partner("northwind");
    await t.db.insertInto("partner_programs").values({ partner_id: id, program: "cloud_accelerate" }).execute();
    await expect(
      t.db.insertInto("partner_programs").values({ partner_id: id, program: "cloud_gold" }).execute(),
    ).rejects.toThrow(/check constraint/);
  });

  it("users' emails are unique regardless of case", async () => {
    await t.db.insertInto("users").values({ email: "ana@example.com", display_name: "Ana" }).execute();
    await expect(
      t.db.insertInto("users").values({ email: "ANA@example.com", display_name: "Ana 2" }).execute(),
    ).rejects.toThrow(/users_email_key/);
  });

  it("migrations go down to nothing and up again", async () => {
    const fresh = await createTestDatabase();
    try {
      const migrator = createMigrator(fresh.db);
      const down = await migrator.migrateTo(NO_MIGRATIONS);
      expect(down.error).toBeUndefined();
      const up = await migrator.migrateToLatest();
      expect(up.error).toBeUndefined();
      expect(up.results?.every((r) => r.status === "Success")).toBe(true);
    } finally {
      await fresh.drop();
    }
  });
});
