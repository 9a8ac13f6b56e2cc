// GET /api/v1/search: public listing search as JSON (same query schema as the search page; R10: listings are public).
import type { APIRoute } from "astro";
import { searchListings } from "../../../../search/search.ts";
import { parseSearchParams } from "../../../domain/search/query.ts";
import { getContainer } from "../../../server/container.ts";
import {
  apiJson,
  corsPreflight,
  invalidParameters,
  methodNotAllowed,
  toSearchApiResponse,
} from "../../../server/search-api.ts";
import { siteOrigin } from "../../../server/site-url.ts";

export const GET: APIRoute = async ({ url }) => {
  const parsed = parseSearchParams(url.searchParams);
  if (!parsed.ok) return invalidParameters(parsed.errors);

  const { db, meili, indexPrefix, logger } = getContainer();
  let result;
  try {
    result = await searchListings({ db, meili, indexPrefix, logger }, parsed.query);
  } catch (error) {
    logger.error({ err: error }, "search API: both search engines failed");
    return apiJson({ error: "unavailable" }, { status: 503, cacheControl: "no-store" });
  }
  const body = toSearchApiResponse(result, { origin: siteOrigin(url), locale: parsed.query.locale });
  // A degraded answer must not be cached past the search engine's recovery.
  return apiJson(body, { cacheControl: result.degraded ? "no-store" : "public, max-age=30" });
};

export const OPTIONS: APIRoute = () => corsPreflight();

// Every other method; HEAD is answered like GET (Astro sends no body for it).
export const ALL: APIRoute = (context) => (context.request.method === "HEAD" ? GET(context) : methodNotAllowed());
