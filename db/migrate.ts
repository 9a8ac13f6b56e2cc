// `npm run db:migrate`: migrates DATABASE_URL, or the embedded database under DATA_DIR, to the latest schema.
import { createDb } from "./client.ts";
import { migrateAll } from "./migrator.ts";
import { EnvError, parseEnv } from "../src/server/env.ts";
import { startServices } from "../src/server/services.ts";

try {
  const env = parseEnv(process.env);
  const services = await startServices(env, { search: false });
  const db = createDb(services.databaseUrl, { max: 1, applicationName: "marketplace-migrate" });
  try {
    const applied = await migrateAll(db, services.databaseUrl);
    console.log(applied.length ? `Applied: ${applied.join(", ")}` : "Already at the latest migration.");
  } finally {
    await db.destroy();
    await services.stop();
  }
} catch (error) {
  console.error(error instanceof EnvError ? error.message : error);
  process.exit(1);
}
