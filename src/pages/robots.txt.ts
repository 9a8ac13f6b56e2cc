// GET /robots.txt: crawl everything public, not the JSON API or developer pages; points at the sitemap.
import type { APIRoute } from "astro";
import { siteOrigin } from "../server/site-url.ts";
import { renderRobotsTxt } from "../server/sitemap.ts";

export const GET: APIRoute = ({ url }) =>
  new Response(renderRobotsTxt(siteOrigin(url)), {
    headers: { "content-type": "text/plain; charset=utf-8", "cache-control": "public, max-age=3600" },
  });
