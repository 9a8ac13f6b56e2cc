// GET /api/v1/leads: the organization's leads, filtered, in keyset pages (API key with leads:read; see src/server/leads-api.ts).
import type { APIRoute } from "astro";
import { getContainer } from "../../../../server/container.ts";
import { listLeadsHandler, partnerApiMethodNotAllowed } from "../../../../server/leads-api.ts";

export const GET: APIRoute = ({ request, clientAddress }) => listLeadsHandler({ ...getContainer(), clientKey: clientAddress }, request);

export const ALL: APIRoute = (context) => (context.request.method === "HEAD" ? GET(context) : partnerApiMethodNotAllowed("GET, HEAD"));
