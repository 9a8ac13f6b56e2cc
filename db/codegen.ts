// Generates db/types.ts from the migrated schema (kysely-codegen); `--verify` fails when it is stale.
import { execFileSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { createDb } from "./client.ts";
import { startEmbeddedPostgres } from "./embedded-postgres.ts";
import { migrateAll } from "./migrator.ts";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const verify = process.argv.includes("--verify");
const dir = mkdtempSync(path.join(tmpdir(), "codegen-"));
const pg = await startEmbeddedPostgres({ dataDir: path.join(dir, "pg"), ephemeral: true });
let exitCode = 0;
try {
  const db = createDb(pg.url());
  await migrateAll(db, pg.url());
  await db.destroy();
  const args = [
    "--dialect", "postgres",
    "--url", pg.url(),
    "--out-file", path.join(root, "db/types.ts"),
    "--numeric-parser", "number",
    "--type-mapping", JSON.stringify({ int8: "number" }),
    "--exclude-pattern", "{kysely_*,graphile_worker.*}",
    ...(verify ? ["--verify"] : []),
  ];
  try {
    execFileSync(path.join(root, "node_modules/.bin/kysely-codegen"), args, { stdio: "inherit" });
  } catch {
    console.error(verify ? "db/types.ts is not current: run `npm run db:types` and commit it." : "kysely-codegen failed");
    exitCode = 1;
  }
} finally {
  await pg.stop();
  rmSync(dir, { recursive: true, force: true });
}
process.exit(exitCode);
