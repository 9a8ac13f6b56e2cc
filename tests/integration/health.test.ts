import { Meilisearch } from "meilisearch";
import { describe, expect, it } from "vitest";
import { createDb } from "../../db/client.ts";
import { freePort } from "../../src/server/process-utils.ts";
import { checkHealth } from "../../src/server/health.ts";
import { useTestDatabase, useTestSearch } from "../setup/db.ts";

describe("checkHealth", () => {
  const database = useTestDatabase();
  const search = useTestSearch();

  it("reports both servers up", async () => {
    const health = await checkHealth({ db: database.db, meili: search.client });
    expect(health.status).toBe("ok");
    expect(health.database.status).toBe("up");
    expect(health.search.status).toBe("up");
  });

  it("reports search down as degraded, not down", async () => {
    const meili = new Meilisearch({ host: `http://127.0.0.1:${await freePort()}`, timeout: 500 });
    const health = await checkHealth({ db: database.db, meili });
    expect(health.status).toBe("degraded");
    expect(health.search.status).toBe("down");
  });

  it("reports the database down", async () => {
    const db = createDb(`postgres://nobody:x@127.0.0.1:${await freePort()}/none`);
    try {
      const health = await checkHealth({ db, meili: search.client });
      expect(health.status).toBe("down");
      expect(health.database.status).toBe("down");
    } finally {
      await db.destroy();
    }
  });
});
