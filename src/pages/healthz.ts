// GET /healthz: the state of the database and the search engine, for load balancers and humans.
import type { APIRoute } from "astro";
import { checkHealth } from "../server/health.ts";
import { getContainer } from "../server/container.ts";

export const GET: APIRoute = async () => {
  const container = getContainer();
  const health = await checkHealth(container);
  if (health.database.error || health.search.error) container.logger.warn({ health }, "health check found a problem");
  // Error texts can name hosts and users: only outside production do they reach the response.
  if (container.env.NODE_ENV === "production") {
    delete health.database.error;
    delete health.search.error;
  }
  return new Response(JSON.stringify(health), {
    status: health.database.status === "up" ? 200 : 503,
    headers: { "content-type": "application/json; charset=utf-8", "cache-control": "no-store" },
  });
};
