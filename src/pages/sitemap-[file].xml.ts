// GET /sitemap-N.xml: one file of a split sitemap (see /sitemap.xml); the first also carries home and search.
import type { APIRoute } from "astro";
import { countSitemapListings, listSitemapListings } from "../domain/listings/sitemap.ts";
import { getContainer } from "../server/container.ts";
import { siteOrigin } from "../server/site-url.ts";
import { LISTINGS_PER_SITEMAP, renderUrlset, sitemapFileCount, xmlResponse } from "../server/sitemap.ts";

export const GET: APIRoute = async ({ params, url }) => {
  const file = /^[1-9]\d{0,5}$/.test(params.file ?? "") ? Number(params.file) : 0;
  const { db } = getContainer();
  if (file < 1 || file > sitemapFileCount(await countSitemapListings(db))) {
    return new Response("Not found\n", { status: 404, headers: { "content-type": "text/plain; charset=utf-8" } });
  }
  const listings = await listSitemapListings(db, { offset: (file - 1) * LISTINGS_PER_SITEMAP, limit: LISTINGS_PER_SITEMAP });
  return xmlResponse(renderUrlset(siteOrigin(url), { staticPages: file === 1, listings }));
};
