// `npm run search:reindex`: rebuilds the listings index from Postgres and swaps it in atomically.
import { createMeiliClient } from "../src/server/container.ts";
import { runCli } from "../src/server/cli.ts";
import { reindexAll } from "./indexer.ts";

function bar({ indexed, total }: { indexed: number; total: number }): string {
  const width = 30;
  const done = total ? Math.min(width, Math.round((indexed / total) * width)) : width;
  return `[${"#".repeat(done)}${".".repeat(width - done)}] ${indexed}/${total}`;
}

await runCli("reindex", { search: true }, async ({ env, services, db }) => {
  const started = performance.now();
  const meili = createMeiliClient({ MEILI_URL: services.meiliUrl, MEILI_MASTER_KEY: services.meiliMasterKey, MEILI_TIMEOUT_MS: 60_000 });
  const tty = process.stdout.isTTY;
  const result = await reindexAll(db, meili, env.MEILI_INDEX_PREFIX, {
    onProgress: (p) => (tty ? process.stdout.write(`\r${bar(p)}`) : console.log(bar(p))),
  });
  if (tty) process.stdout.write("\n");
  const seconds = (performance.now() - started) / 1000;
  console.log(`Indexed ${result.count} listings into ${result.uid} in ${seconds.toFixed(1)} s (${Math.round(result.count / seconds)} docs/s).`);
});
