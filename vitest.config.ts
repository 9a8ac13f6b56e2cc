// Unit and integration tests; integration tests get real Postgres and Meilisearch from tests/setup/global-setup.ts.
import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["tests/unit/**/*.test.ts", "tests/integration/**/*.test.ts"],
    globalSetup: ["tests/setup/global-setup.ts"],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    // Two cores here: more workers only queue on the same servers.
    maxWorkers: process.env.CI ? 2 : undefined,
  },
});
