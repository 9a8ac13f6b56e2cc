import { describe, expect, it } from "vitest";
import { EnvError, parseEnv } from "../../src/server/env.ts";

describe("parseEnv", () => {
  it("accepts an empty environment (the embedded default)", () => {
    const env = parseEnv({});
    expect(env.DATABASE_URL).toBeUndefined();
    expect(env.MEILI_URL).toBeUndefined();
    expect(env.DATA_DIR).toBe(".data");
    expect(env.NODE_ENV).toBe("development");
  });

  it("treats empty strings as unset", () => {
    expect(parseEnv({ DATABASE_URL: "", MEILI_URL: " " }).DATABASE_URL).toBeUndefined();
  });

  it("lists every bad variable in one error, by name", () => {
    let error: unknown;
    try {
      parseEnv({ DATABASE_URL: "not-a-url", PORT: "http", MEILI_URL: "ftp://x", LOG_LEVEL: "loud" });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(EnvError);
    const message = (error as Error).message;
    for (const name of ["DATABASE_URL", "PORT", "MEILI_URL", "LOG_LEVEL"]) expect(message).toContain(`- ${name}:`);
    expect(message.split("\n")).toHaveLength(5);
  });

  it("parses flags and numbers", () => {
    const env = parseEnv({ SEED_DEMO: "true", PORT: "8080", DATABASE_URL: "postgresql://u@h/db" });
    expect(env).toMatchObject({ SEED_DEMO: true, PORT: 8080, DATABASE_URL: "postgresql://u@h/db" });
    expect(parseEnv({ SEED_DEMO: "0" }).SEED_DEMO).toBe(false);
  });

  it("requires a master key for an external Meilisearch in production", () => {
    expect(() => parseEnv({ NODE_ENV: "production", MEILI_URL: "http://search:7700" })).toThrow(/MEILI_MASTER_KEY/);
  });
});
