// `npm start` with bad configuration stops at once with one message naming the variable.
import { spawnSync } from "node:child_process";
import path from "node:path";
import { describe, expect, it } from "vitest";

const root = path.resolve(import.meta.dirname, "../..");

describe("start-up configuration", () => {
  it("refuses DATABASE_URL=not-a-url with a clear message and exit code 1", () => {
    const result = spawnSync(process.execPath, [path.join(root, "src/server/start.ts")], {
      env: { ...process.env, DATABASE_URL: "not-a-url", MEILI_URL: "", PORT: "" },
      encoding: "utf8",
      timeout: 20_000,
    });
    expect(result.status).toBe(1);
    expect(result.stderr).toContain("DATABASE_URL: must be a postgres or postgresql URL");
    expect(result.stderr).not.toMatch(/\bat .+\.ts:\d+/); // no stack trace
    expect(result.stdout).not.toContain("Starting the embedded");
  });
});
