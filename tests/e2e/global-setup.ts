// Once per e2e run: the real server (src/server/start.ts) on a free port with its own temp DATA_DIR, checked for orphans after.
import { type ChildProcess, spawn } from "node:child_process";
import { copyFileSync, createWriteStream, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { Meilisearch } from "meilisearch";
import pg from "pg";
import type { TestProject } from "vitest/node";
import { withDatabase } from "../../db/client.ts";
import { freePort } from "../../src/server/process-utils.ts";

declare module "vitest" {
  interface ProvidedContext {
    baseURL: string;
    serverEnv: Record<string, string>;
  }
}

const root = path.resolve(import.meta.dirname, "../..");
// The first start initialises Postgres and builds the site: minutes on two cores.
const START_TIMEOUT_MS = 240_000;
const STOP_TIMEOUT_MS = 20_000;
// Where the server's log is kept after the run (gitignored), so a failed CI job can show it.
const KEPT_LOG = path.join(root, "test-results", "e2e-server.log");

export default async function setup(project: TestProject) {
  const runId = `e2e${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;
  const dir = mkdtempSync(path.join(tmpdir(), "marketplace-e2e-"));
  const dataDir = path.join(dir, "data");
  const logFile = path.join(dir, "server.log");
  const port = await freePort();
  const baseURL = `http://127.0.0.1:${port}`;

  // With external servers, the run gets its own database and index names, so demo data never lands in a shared one.
  const external = await prepareExternalServices(runId);
  const env: NodeJS.ProcessEnv = {
    ...childEnv(process.env),
    DATA_DIR: dataDir,
    PORT: String(port),
    HOST: "127.0.0.1",
    PUBLIC_BASE_URL: baseURL,
    ...external.env,
  };

  const log = createWriteStream(logFile);
  let tail = "";
  const record = (chunk: Buffer) => {
    log.write(chunk);
    tail = (tail + chunk.toString("utf8")).slice(-20_000);
  };
  const child = spawn(process.execPath, [path.join(root, "src/server/start.ts")], {
    cwd: root,
    env,
    stdio: ["ignore", "pipe", "pipe"],
  });
  child.stdout!.on("data", record);
  child.stderr!.on("data", record);
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));

  const cleanUp = async (): Promise<string[]> => {
    const problems: string[] = [];
    if (!(await stopChild(child, exited))) problems.push(`the server (pid ${child.pid}) ignored SIGTERM for ${STOP_TIMEOUT_MS / 1000} s`);
    const orphans = leftoverServers(dataDir);
    for (const orphan of orphans) {
      try {
        process.kill(orphan.pid, "SIGKILL");
      } catch {
        // already gone
      }
    }
    if (orphans.length)
      problems.push(`servers outlived it: ${orphans.map((o) => `pid ${o.pid} ${o.cmdline}`).join("; ")}`);
    await new Promise<void>((resolve) => log.end(() => resolve()));
    try {
      mkdirSync(path.dirname(KEPT_LOG), { recursive: true });
      copyFileSync(logFile, KEPT_LOG);
    } catch {
      // keeping the log is a convenience
    }
    await external.cleanUp().catch((error: unknown) => problems.push(`external clean-up failed: ${String(error)}`));
    rmSync(dir, { recursive: true, force: true });
    return problems;
  };

  try {
    await waitUntilHealthy(baseURL, exited, () => tail);
  } catch (error) {
    const problems = await cleanUp();
    if (problems.length && error instanceof Error) error.message += `\nAlso, after stopping it: ${problems.join("\n")}`;
    throw error;
  }
  project.provide("baseURL", baseURL);
  // What a CLI needs to reach the same servers (npm run operator:create in a journey): it shares the running ones.
  project.provide("serverEnv", { DATA_DIR: dataDir, ...(external.env as Record<string, string>) });

  return async () => {
    const problems = await cleanUp();
    if (problems.length) {
      throw new Error(`e2e teardown: ${problems.join("\n")}\n--- server log (tail) ---\n${tail}`);
    }
  };
}

/** The parent's variables minus the test runner's own, which would change how the app builds and runs. */
function childEnv(source: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  const env = { ...source };
  // Vitest sets NODE_ENV=test; the Astro build must see no NODE_ENV (it then builds for production), like `npm start`.
  for (const key of Object.keys(env)) if (key === "NODE_ENV" || key === "TEST" || key.startsWith("VITEST")) delete env[key];
  return env;
}

async function waitUntilHealthy(baseURL: string, exited: Promise<void>, log: () => string): Promise<void> {
  const deadline = Date.now() + START_TIMEOUT_MS;
  let gone = false;
  void exited.then(() => (gone = true));
  let last = "no answer yet";
  while (Date.now() < deadline) {
    if (gone) throw new Error(`The server exited before it answered /healthz.\n--- server log ---\n${log()}`);
    try {
      const response = await fetch(`${baseURL}/healthz`, { signal: AbortSignal.timeout(5_000) });
      const body = await response.text();
      if (response.status === 200) return;
      last = `${response.status} ${body.slice(0, 500)}`;
    } catch (error) {
      last = error instanceof Error ? error.message : String(error);
    }
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  throw new Error(
    `The server did not answer GET /healthz with 200 within ${START_TIMEOUT_MS / 1000} s (last: ${last}).\n--- server log ---\n${log()}`,
  );
}

/** SIGTERM, then SIGKILL after STOP_TIMEOUT_MS; false when it took the SIGKILL. */
async function stopChild(child: ChildProcess, exited: Promise<void>): Promise<boolean> {
  if (child.exitCode !== null || child.signalCode !== null) return true;
  child.kill("SIGTERM");
  let timer: NodeJS.Timeout | undefined;
  const graceful = await Promise.race([
    exited.then(() => true),
    new Promise<boolean>((resolve) => (timer = setTimeout(() => resolve(false), STOP_TIMEOUT_MS))),
  ]);
  clearTimeout(timer);
  if (!graceful) {
    child.kill("SIGKILL");
    await exited;
  }
  return graceful;
}

/** Postgres or Meilisearch processes still running on this run's data folder (a clean stop leaves none). */
function leftoverServers(dataDir: string): Array<{ pid: number; cmdline: string }> {
  const found: Array<{ pid: number; cmdline: string }> = [];
  for (const entry of readdirSync("/proc")) {
    const pid = Number(entry);
    if (!Number.isInteger(pid) || pid === process.pid) continue;
    let argv: string[];
    try {
      argv = readFileSync(`/proc/${pid}/cmdline`, "utf8").split("\0");
    } catch {
      continue; // exited while we looked
    }
    const cmdline = argv.join(" ").trim();
    if (cmdline.includes(dataDir) && /postgres|meilisearch/.test(path.basename(argv[0] ?? ""))) found.push({ pid, cmdline });
  }
  return found;
}

interface ExternalServices {
  env: NodeJS.ProcessEnv;
  cleanUp: () => Promise<void>;
}

async function prepareExternalServices(runId: string): Promise<ExternalServices> {
  const env: NodeJS.ProcessEnv = {};
  const cleanUps: Array<() => Promise<void>> = [];
  const serverUrl = process.env.DATABASE_URL?.trim();
  if (serverUrl) {
    const database = `${runId}_app`;
    await adminQuery(serverUrl, `create database ${database}`);
    env.DATABASE_URL = withDatabase(serverUrl, database);
    env.SEED_DEMO = "true";
    cleanUps.push(() => adminQuery(serverUrl, `drop database if exists ${database} with (force)`));
  }
  const meiliUrl = process.env.MEILI_URL?.trim();
  if (meiliUrl) {
    const prefix = `${runId}_`;
    env.MEILI_INDEX_PREFIX = prefix;
    cleanUps.push(async () => {
      const client = new Meilisearch({ host: meiliUrl, apiKey: process.env.MEILI_MASTER_KEY, timeout: 10_000 });
      const { results } = await client.getIndexes({ limit: 1000 });
      for (const index of results) if (index.uid.startsWith(prefix)) await client.deleteIndex(index.uid);
    });
  }
  return {
    env,
    cleanUp: async () => {
      const results = await Promise.allSettled(cleanUps.map((c) => c()));
      const failed = results.find((r) => r.status === "rejected");
      if (failed) throw failed.reason;
    },
  };
}

async function adminQuery(url: string, text: string): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(text);
  } finally {
    await client.end();
  }
}
