// `npm run db:seed`: migrates, then fills an empty database with demo data (the embedded one by default).
// An external DATABASE_URL is seeded only with --yes or SEED_DEMO=true, so real data never gets demo rows by accident.
import { migrateAll } from "./migrator.ts";
import { seedDemoData } from "./seed/seed.ts";
import { EnvError } from "../src/server/env.ts";
import { runCli } from "../src/server/cli.ts";

await runCli(
  "seed",
  {},
  async ({ db, services }) => {
    await migrateAll(db, services.databaseUrl);
    const result = await seedDemoData(db);
    console.log(
      result.seeded
        ? `Seeded demo data: ${Object.entries(result.counts)
            .map(([table, n]) => `${n} ${table}`)
            .join(", ")}`
        : "Already seeded: the database has partners; nothing changed.",
    );
  },
  (env) => {
    if (env.DATABASE_URL && !process.argv.includes("--yes") && env.SEED_DEMO !== true) {
      throw new EnvError(
        "Refusing to seed demo data into the external database at DATABASE_URL.\n" +
          "Run `npm run db:seed -- --yes` or set SEED_DEMO=true to do it anyway (it only ever seeds a database with no partners).",
      );
    }
  },
);
