// `npm run search:reindex`: rebuilds the listings index from Postgres and swaps it in atomically.
import { createDb } from "../db/client.ts";
import { createMeiliClient } from "../src/server/container.ts";
import { EnvError, parseEnv } from "../src/server/env.ts";
import { startServices } from "../src/server/services.ts";
import { reindexAll } from "./indexer.ts";

function bar({ indexed, total }: { indexed: number; total: number }): string {
  const width = 30;
  const done = total ? Math.min(width, Math.round((indexed / total) * width)) : width;
  return `[${"#".repeat(done)}${".".repeat(width - done)}] ${indexed}/${total}`;
}

try {
  const env = parseEnv(process.env);
  const services = await startServices(env);
  const db = createDb(services.databaseUrl, { max: 2, applicationName: "marketplace-reindex" });
  const started = performance.now();
  try {
    const meili = createMeiliClient({ MEILI_URL: services.meiliUrl, MEILI_MASTER_KEY: services.meiliMasterKey, MEILI_TIMEOUT_MS: 60_000 });
    const tty = process.stdout.isTTY;
    const result = await reindexAll(db, meili, env.MEILI_INDEX_PREFIX, {
      onProgress: (p) => (tty ? process.stdout.write(`\r${bar(p)}`) : console.log(bar(p))),
    });
    if (tty) process.stdout.write("\n");
    const seconds = (performance.now() - started) / 1000;
    console.log(`Indexed ${result.count} listings into ${result.uid} in ${seconds.toFixed(1)} s (${Math.round(result.count / seconds)} docs/s).`);
  } finally {
    await db.destroy();
    await services.stop();
  }
} catch (error) {
  console.error(error instanceof EnvError ? error.message : error);
  process.exit(1);
}
