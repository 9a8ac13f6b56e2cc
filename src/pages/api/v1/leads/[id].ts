// GET and PATCH /api/v1/leads/{id}: one lead with its timeline, and changes to it (API key scopes leads:read / leads:write).
import type { APIRoute } from "astro";
import { getContainer } from "../../../../server/container.ts";
import { getLeadHandler, partnerApiMethodNotAllowed, patchLeadHandler } from "../../../../server/leads-api.ts";

export const GET: APIRoute = ({ request, params, clientAddress }) => getLeadHandler({ ...getContainer(), clientKey: clientAddress }, request, params.id ?? "");

export const PATCH: APIRoute = ({ request, params, clientAddress }) => patchLeadHandler({ ...getContainer(), clientKey: clientAddress }, request, params.id ?? "");

export const ALL: APIRoute = (context) => (context.request.method === "HEAD" ? GET(context) : partnerApiMethodNotAllowed("GET, HEAD, PATCH"));
