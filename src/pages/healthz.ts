// GET /healthz: the state of the database and the search engine, for load balancers and humans.
import type { APIRoute } from "astro";
import { checkHealth } from "../server/health.ts";
import { getContainer } from "../server/container.ts";

export const GET: APIRoute = async () => {
  const health = await checkHealth(getContainer());
  return new Response(JSON.stringify(health), {
    status: health.database.status === "up" ? 200 : 503,
    headers: { "content-type": "application/json; charset=utf-8", "cache-control": "no-store" },
  });
};
