// Builds the Astro app when its sources are newer than the last build (so `npm start` always serves current code).
import { execFileSync } from "node:child_process";
import { existsSync, readdirSync, statSync, utimesSync, writeFileSync } from "node:fs";
import path from "node:path";

const SOURCES = ["src", "public", "db", "search", "astro.config.mjs", "package-lock.json", "tsconfig.json"];

function newestMtime(target: string): number {
  if (!existsSync(target)) return 0;
  const stat = statSync(target);
  if (!stat.isDirectory()) return stat.mtimeMs;
  let newest = stat.mtimeMs;
  for (const entry of readdirSync(target)) newest = Math.max(newest, newestMtime(path.join(target, entry)));
  return newest;
}

export function buildIsStale(root: string): boolean {
  const stamp = path.join(root, "dist", ".build-stamp");
  if (!existsSync(stamp) || !existsSync(path.join(root, "dist", "server", "entry.mjs"))) return true;
  const built = statSync(stamp).mtimeMs;
  return SOURCES.some((s) => newestMtime(path.join(root, s)) > built);
}

export function buildApp(root: string): void {
  const started = new Date();
  execFileSync(path.join(root, "node_modules", ".bin", "astro"), ["build"], {
    cwd: root,
    stdio: ["ignore", "inherit", "inherit"],
    env: { ...process.env, ASTRO_TELEMETRY_DISABLED: "1" },
  });
  // The stamp carries the build's start time: an edit made while it ran still counts as newer.
  const stamp = path.join(root, "dist", ".build-stamp");
  writeFileSync(stamp, started.toISOString());
  utimesSync(stamp, started, started);
}
