// Sitemap XML (sitemaps.org 0.9 with xhtml:link hreflang alternates) and robots.txt, as pure string builders.
import type { SitemapListing } from "../domain/listings/sitemap.ts";
import { DEFAULT_LOCALE, LOCALES, localePath } from "../i18n/ui.ts";
import { absoluteUrl, listingUrl } from "./site-url.ts";

/**
 * Listings per sitemap file. Each listing is one URL per locale, and the protocol allows 50,000 URLs
 * (and 50 MB) per file; past this many listings /sitemap.xml becomes an index of /sitemap-N.xml files.
 */
export const LISTINGS_PER_SITEMAP = 20_000;

/** Pages every sitemap starts with (its first file, when split): home and search, in every locale. */
const STATIC_PATHS = ["/", "/partners"];

export function escapeXml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&${{ "&": "amp", "<": "lt", ">": "gt", '"': "quot", "'": "apos" }[c]};`);
}

/** One <url> per locale, each naming all locales (and x-default) as alternates, as Google asks. */
function urlEntries(urlFor: (locale: (typeof LOCALES)[number]) => string, lastModified?: Date): string[] {
  const alternates = [
    ...LOCALES.map((l) => `<xhtml:link rel="alternate" hreflang="${l}" href="${escapeXml(urlFor(l))}"/>`),
    `<xhtml:link rel="alternate" hreflang="x-default" href="${escapeXml(urlFor(DEFAULT_LOCALE))}"/>`,
  ].join("");
  const lastmod = lastModified ? `<lastmod>${lastModified.toISOString()}</lastmod>` : "";
  return LOCALES.map((l) => `<url><loc>${escapeXml(urlFor(l))}</loc>${lastmod}${alternates}</url>`);
}

export function renderUrlset(origin: string, options: { staticPages: boolean; listings: SitemapListing[] }): string {
  const entries: string[] = [];
  if (options.staticPages) {
    for (const path of STATIC_PATHS) entries.push(...urlEntries((l) => absoluteUrl(origin, localePath(l, path))));
  }
  for (const listing of options.listings) {
    entries.push(...urlEntries((l) => listingUrl(origin, l, listing.slug), listing.lastModified));
  }
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" xmlns:xhtml="http://www.w3.org/1999/xhtml">',
    ...entries,
    "</urlset>",
    "",
  ].join("\n");
}

export function sitemapFileCount(listingCount: number): number {
  return Math.max(1, Math.ceil(listingCount / LISTINGS_PER_SITEMAP));
}

export function sitemapFileUrl(origin: string, file: number): string {
  return absoluteUrl(origin, `/sitemap-${file}.xml`);
}

export function renderSitemapIndex(origin: string, files: number): string {
  const entries = Array.from({ length: files }, (_, i) => `<sitemap><loc>${escapeXml(sitemapFileUrl(origin, i + 1))}</loc></sitemap>`);
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    '<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">',
    ...entries,
    "</sitemapindex>",
    "",
  ].join("\n");
}

export function xmlResponse(body: string): Response {
  return new Response(body, {
    headers: { "content-type": "application/xml; charset=utf-8", "cache-control": "public, max-age=3600" },
  });
}

export function renderRobotsTxt(origin: string): string {
  return [
    "User-agent: *",
    "Allow: /",
    "Disallow: /api/",
    "Disallow: /dev/",
    "",
    `Sitemap: ${absoluteUrl(origin, "/sitemap.xml")}`,
    "",
  ].join("\n");
}
