// `npm run db:seed`: migrates, then fills an empty database with demo data (the embedded one by default).
// An external DATABASE_URL is seeded only with --yes or SEED_DEMO=true, so real data never gets demo rows by accident.
import { createDb } from "./client.ts";
import { migrateAll } from "./migrator.ts";
import { seedDemoData } from "./seed/seed.ts";
import { EnvError, parseEnv } from "../src/server/env.ts";
import { startServices } from "../src/server/services.ts";

try {
  const env = parseEnv(process.env);
  if (env.DATABASE_URL && !process.argv.includes("--yes") && env.SEED_DEMO !== true) {
    console.error(
      "Refusing to seed demo data into the external database at DATABASE_URL.\n" +
        "Run `npm run db:seed -- --yes` or set SEED_DEMO=true to do it anyway (it only ever seeds a database with no partners).",
    );
    process.exit(1);
  }
  const services = await startServices(env, { search: false });
  const db = createDb(services.databaseUrl, { max: 1, applicationName: "marketplace-seed" });
  try {
    await migrateAll(db, services.databaseUrl);
    const result = await seedDemoData(db);
    console.log(
      result.seeded
        ? `Seeded demo data: ${Object.entries(result.counts)
            .map(([table, n]) => `${n} ${table}`)
            .join(", ")}`
        : "Already seeded: the database has partners; nothing changed.",
    );
  } finally {
    await db.destroy();
    await services.stop();
  }
} catch (error) {
  console.error(error instanceof EnvError ? error.message : error);
  process.exit(1);
}
