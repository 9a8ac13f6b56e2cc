// GET /sitemap.xml: home, search and every public listing (R1) in both locales; an index of files when large.
import type { APIRoute } from "astro";
import { countSitemapListings, listSitemapListings } from "../domain/listings/sitemap.ts";
import { getContainer } from "../server/container.ts";
import { siteOrigin } from "../server/site-url.ts";
import { LISTINGS_PER_SITEMAP, renderSitemapIndex, renderUrlset, sitemapFileCount, xmlResponse } from "../server/sitemap.ts";

export const GET: APIRoute = async ({ url }) => {
  const { db } = getContainer();
  const origin = siteOrigin(url);
  const files = sitemapFileCount(await countSitemapListings(db));
  if (files > 1) return xmlResponse(renderSitemapIndex(origin, files));
  const listings = await listSitemapListings(db, { limit: LISTINGS_PER_SITEMAP });
  return xmlResponse(renderUrlset(origin, { staticPages: true, listings }));
};
