// SEO and sharing builders: public origin, meta description, listing JSON-LD, sitemap XML and robots.txt (R10: shareable).
import { describe, expect, it } from "vitest";
import type { PublicListing } from "../../src/domain/listings/repository.ts";
import { listingJsonLd, metaDescription, serializeJsonLd } from "../../src/server/seo.ts";
import { listingUrl, siteOrigin } from "../../src/server/site-url.ts";
import {
  LISTINGS_PER_SITEMAP,
  escapeXml,
  renderRobotsTxt,
  renderSitemapIndex,
  renderUrlset,
  sitemapFileCount,
} from "../../src/server/sitemap.ts";

const listing: PublicListing = {
  slug: "contoso",
  name: "Contoso </script><script>alert(1)</script>",
  headline: "Mail migration & security",
  headlineLocale: "en",
  description: null,
  descriptionLocale: null,
  services: [
    { id: "mail", name: "Business email" },
    { id: "security", name: "Security" },
  ],
  expertise: [],
  industries: [],
  regions: ["KR", "US"],
  languages: ["en", "ko"],
  programs: [],
  delegatedAdmin: false,
  contactEmail: null,
  website: "https://contoso.example",
  rating: 4.5,
  reviewCount: 12,
  updatedAt: new Date("2026-01-02T03:04:05Z"),
  primaryLocale: "en",
};

describe("siteOrigin", () => {
  const request = new URL("http://127.0.0.1:4321/partners/x?y=1");
  it("prefers PUBLIC_BASE_URL, reduced to its origin", () => {
    expect(siteOrigin(request, { PUBLIC_BASE_URL: "https://market.example/" })).toBe("https://market.example");
    expect(siteOrigin(request, { PUBLIC_BASE_URL: " https://market.example:8443/ignored/path " })).toBe(
      "https://market.example:8443",
    );
  });
  it("falls back to the request origin when unset or unusable", () => {
    expect(siteOrigin(request, {})).toBe("http://127.0.0.1:4321");
    expect(siteOrigin(request, { PUBLIC_BASE_URL: "" })).toBe("http://127.0.0.1:4321");
    expect(siteOrigin(request, { PUBLIC_BASE_URL: "ftp://x" })).toBe("http://127.0.0.1:4321");
  });
  it("builds listing URLs per locale", () => {
    expect(listingUrl("https://m.example", "en", "contoso")).toBe("https://m.example/partners/contoso");
    expect(listingUrl("https://m.example", "ko", "contoso")).toBe("https://m.example/ko/partners/contoso");
  });
});

describe("metaDescription", () => {
  it("keeps short text, collapsing whitespace", () => {
    expect(metaDescription("  Mail   migration\nfor you ")).toBe("Mail migration for you");
  });
  it("cuts long text at a word boundary with an ellipsis", () => {
    const text = "word ".repeat(60);
    const cut = metaDescription(text);
    expect(cut.length).toBeLessThanOrEqual(160);
    expect(cut.endsWith("word…")).toBe(true);
  });
});

describe("listing JSON-LD", () => {
  const url = "https://m.example/partners/contoso";

  it("describes the partner as an Organization with offers, area, languages and rating", () => {
    expect(listingJsonLd(listing, { url, locale: "en" })).toEqual({
      "@context": "https://schema.org",
      "@type": "Organization",
      "@id": `${url}#organization`,
      name: listing.name,
      url,
      description: "Mail migration & security",
      sameAs: ["https://contoso.example"],
      areaServed: [
        { "@type": "Country", name: "South Korea" },
        { "@type": "Country", name: "United States" },
      ],
      knowsLanguage: ["en", "ko"],
      makesOffer: [
        { "@type": "Offer", itemOffered: { "@type": "Service", name: "Business email" } },
        { "@type": "Offer", itemOffered: { "@type": "Service", name: "Security" } },
      ],
      aggregateRating: { "@type": "AggregateRating", ratingValue: 4.5, reviewCount: 12, bestRating: 5, worstRating: 0 },
    });
  });

  it("names countries in the page's language and leaves out what is missing", () => {
    const data = listingJsonLd(
      { ...listing, website: null, services: [], languages: [], rating: null, reviewCount: 0 },
      { url, locale: "ko" },
    );
    expect(data.areaServed).toEqual([
      { "@type": "Country", name: "대한민국" },
      { "@type": "Country", name: "미국" },
    ]);
    for (const key of ["sameAs", "makesOffer", "knowsLanguage", "aggregateRating"]) expect(data).not.toHaveProperty(key);
  });

  it("has no aggregateRating without reviews", () => {
    expect(listingJsonLd({ ...listing, reviewCount: 0 }, { url, locale: "en" })).not.toHaveProperty("aggregateRating");
  });

  it("serializes so partner text cannot close the script element, and parses back equal", () => {
    const data = listingJsonLd(listing, { url, locale: "en" });
    const text = serializeJsonLd(data);
    expect(text).not.toMatch(/[<>&]/);
    expect(text).toContain("\\u003c/script\\u003e");
    expect(JSON.parse(text)).toEqual(data);
    expect(serializeJsonLd({ a: "<!-- \u2028 \u2029" })).toBe('{"a":"\\u003c!-- \\u2028 \\u2029"}');
  });
});

describe("sitemap", () => {
  const origin = "https://m.example";
  const listings = [{ slug: "contoso", lastModified: new Date("2026-01-02T03:04:05Z") }];

  it("lists home, search and each listing in both locales with hreflang alternates", () => {
    const xml = renderUrlset(origin, { staticPages: true, listings });
    expect(xml.startsWith('<?xml version="1.0" encoding="UTF-8"?>\n<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" xmlns:xhtml="http://www.w3.org/1999/xhtml">')).toBe(true);
    const locs = [...xml.matchAll(/<loc>([^<]*)<\/loc>/g)].map((m) => m[1]);
    expect(locs).toEqual([
      "https://m.example/",
      "https://m.example/ko/",
      "https://m.example/partners",
      "https://m.example/ko/partners",
      "https://m.example/partners/contoso",
      "https://m.example/ko/partners/contoso",
    ]);
    const koEntry = xml.split("\n").find((line) => line.includes("<loc>https://m.example/ko/partners/contoso</loc>"))!;
    expect(koEntry).toContain("<lastmod>2026-01-02T03:04:05.000Z</lastmod>");
    expect(koEntry).toContain('<xhtml:link rel="alternate" hreflang="en" href="https://m.example/partners/contoso"/>');
    expect(koEntry).toContain('<xhtml:link rel="alternate" hreflang="ko" href="https://m.example/ko/partners/contoso"/>');
    expect(koEntry).toContain('<xhtml:link rel="alternate" hreflang="x-default" href="https://m.example/partners/contoso"/>');
    expect(xml.trimEnd().endsWith("</urlset>")).toBe(true);
  });

  it("escapes XML special characters and encodes slugs", () => {
    expect(escapeXml(`a&b<c>"d'`)).toBe("a&amp;b&lt;c&gt;&quot;d&apos;");
    const xml = renderUrlset("https://m.example", { staticPages: false, listings: [{ slug: "a&b", lastModified: new Date(0) }] });
    // Slugs are percent-encoded into the path first; escaping is the second guard for anything else.
    expect(xml).toContain("<loc>https://m.example/partners/a%26b</loc>");
    expect(xml).not.toMatch(/&(?!amp;|lt;|gt;|quot;|apos;)/);
  });

  it("splits into an index past LISTINGS_PER_SITEMAP listings", () => {
    expect(sitemapFileCount(0)).toBe(1);
    expect(sitemapFileCount(LISTINGS_PER_SITEMAP)).toBe(1);
    expect(sitemapFileCount(LISTINGS_PER_SITEMAP + 1)).toBe(2);
    // Two URLs per listing plus the static pages stay under the protocol's 50,000.
    expect(LISTINGS_PER_SITEMAP * 2 + 4).toBeLessThanOrEqual(50_000);
    const index = renderSitemapIndex(origin, 2);
    expect(index).toContain("<sitemapindex");
    expect([...index.matchAll(/<loc>([^<]*)<\/loc>/g)].map((m) => m[1])).toEqual([
      "https://m.example/sitemap-1.xml",
      "https://m.example/sitemap-2.xml",
    ]);
  });

  it("robots.txt allows all but the API and dev pages and names the absolute sitemap", () => {
    expect(renderRobotsTxt(origin)).toBe(
      "User-agent: *\nAllow: /\nDisallow: /api/\nDisallow: /dev/\n\nSitemap: https://m.example/sitemap.xml\n",
    );
  });
});
