// Browser journeys against the real server (tests/e2e/global-setup.ts starts `npm start`'s entry point once per run).
import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["tests/e2e/**/*.test.ts"],
    globalSetup: ["tests/e2e/global-setup.ts"],
    // One server and one browser per file: running files side by side only contends for two cores.
    fileParallelism: false,
    testTimeout: 60_000,
    // The first run builds the site and initialises Postgres before anything answers.
    hookTimeout: 240_000,
    teardownTimeout: 60_000,
  },
});
