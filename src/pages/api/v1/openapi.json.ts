// GET /api/v1/openapi.json: the OpenAPI 3.1 description of the public API (built in src/server/openapi.ts).
import type { APIRoute } from "astro";
import { buildOpenApiDocument } from "../../../server/openapi.ts";
import { apiJson, corsPreflight, methodNotAllowed } from "../../../server/search-api.ts";

// The document depends only on code, so it is built once per process.
let document: ReturnType<typeof buildOpenApiDocument> | undefined;

export const GET: APIRoute = () => {
  document ??= buildOpenApiDocument();
  return apiJson(document, { cacheControl: "public, max-age=300" });
};

export const OPTIONS: APIRoute = () => corsPreflight();

// Every other method; HEAD is answered like GET (Astro sends no body for it).
export const ALL: APIRoute = (context) => (context.request.method === "HEAD" ? GET(context) : methodNotAllowed());
