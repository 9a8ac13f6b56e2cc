// `npm run worker`: a job worker as its own process (scale-out); any number can share the Postgres queue.
import { createDb } from "../../db/client.ts";
import { createMeiliClient } from "./container.ts";
import { EnvError, parseEnv } from "./env.ts";
import { createLogger } from "./logger.ts";
import { createMailer } from "./mailer.ts";
import { startWorker } from "./worker.ts";

try {
  const env = parseEnv(process.env);
  if (!env.DATABASE_URL) throw new EnvError("DATABASE_URL is required for a separate worker (the embedded servers belong to `npm start`).");
  const logger = createLogger(env.LOG_LEVEL);
  const db = createDb(env.DATABASE_URL, { max: 4, applicationName: "marketplace-worker" });
  const meili = env.MEILI_URL ? createMeiliClient({ ...env, MEILI_TIMEOUT_MS: 30_000 }) : null;
  const mailer = createMailer(env);
  const worker = await startWorker({ databaseUrl: env.DATABASE_URL, db, meili, indexPrefix: env.MEILI_INDEX_PREFIX, logger, mailer });
  logger.info("worker started");
  for (const signal of ["SIGINT", "SIGTERM"] as const) {
    process.once(signal, () => {
      logger.info({ signal }, "worker stopping");
      worker.stop().then(() => db.destroy()).finally(() => process.exit(0));
    });
  }
} catch (error) {
  console.error(error instanceof EnvError ? error.message : error);
  process.exit(1);
}
