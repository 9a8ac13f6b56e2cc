// `npm run db:migrate`: migrates DATABASE_URL, or the embedded database under DATA_DIR, to the latest schema.
import { migrateAll } from "./migrator.ts";
import { runCli } from "../src/server/cli.ts";

await runCli("migrate", {}, async ({ db, services }) => {
  const applied = await migrateAll(db, services.databaseUrl);
  console.log(applied.length ? `Applied: ${applied.join(", ")}` : "Already at the latest migration.");
});
