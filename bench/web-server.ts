// Runs the real web server (`node src/server/start.ts`) against the benchmark's Postgres and Meilisearch.
import { type ChildProcess, spawn } from "node:child_process";
import { freePort } from "../src/server/process-utils.ts";

export interface WebServer {
  baseUrl: string;
  pid: number | undefined;
  /** How the server ended, when it has (someone else on a shared machine may stop it); undefined while it runs. */
  ended: () => string | undefined;
  stop: () => Promise<void>;
}

export interface WebServerOptions {
  root: string;
  databaseUrl: string;
  meiliUrl: string;
  meiliMasterKey: string;
  indexPrefix: string;
  /** Milliseconds to wait for /healthz (a stale build is rebuilt first). */
  startTimeoutMs?: number;
  log?: (line: string) => void;
}

export async function startWebServer(options: WebServerOptions): Promise<WebServer> {
  const log = options.log ?? (() => {});
  const port = await freePort();
  const baseUrl = `http://127.0.0.1:${port}`;
  const child: ChildProcess = spawn(process.execPath, ["src/server/start.ts"], {
    cwd: options.root,
    env: {
      ...process.env,
      DATABASE_URL: options.databaseUrl,
      MEILI_URL: options.meiliUrl,
      MEILI_MASTER_KEY: options.meiliMasterKey,
      MEILI_INDEX_PREFIX: options.indexPrefix,
      SEED_DEMO: "false",
      RUN_WORKER: "false",
      PORT: String(port),
      HOST: "127.0.0.1",
      NODE_ENV: "production",
      LOG_LEVEL: "warn",
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  const killOnExit = () => child.kill("SIGKILL");
  process.on("exit", killOnExit);
  const forward = (chunk: Buffer) => {
    for (const line of chunk.toString("utf8").split("\n")) if (line.trim()) log(line);
  };
  child.stdout?.on("data", forward);
  child.stderr?.on("data", forward);
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));

  const ended = () =>
    child.exitCode !== null ? `exit code ${child.exitCode}` : child.signalCode !== null ? `signal ${child.signalCode}` : undefined;

  const stop = async () => {
    process.off("exit", killOnExit);
    if (child.exitCode !== null || child.signalCode !== null) return;
    child.kill("SIGTERM");
    const timer = setTimeout(() => child.kill("SIGKILL"), 15_000);
    await exited;
    clearTimeout(timer);
  };

  const deadline = Date.now() + (options.startTimeoutMs ?? 300_000);
  for (;;) {
    if (child.exitCode !== null || child.signalCode !== null) {
      throw new Error(`the web server exited (code ${child.exitCode ?? child.signalCode}) before answering /healthz`);
    }
    const status = await fetch(`${baseUrl}/healthz`, { signal: AbortSignal.timeout(2_000) })
      .then(async (r) => (await r.arrayBuffer(), r.status))
      .catch(() => 0);
    if (status === 200) return { baseUrl, pid: child.pid, ended, stop };
    if (Date.now() > deadline) {
      await stop();
      throw new Error(`the web server did not answer /healthz with 200 within ${options.startTimeoutMs ?? 300_000} ms (last status ${status})`);
    }
    await new Promise((r) => setTimeout(r, 250));
  }
}
