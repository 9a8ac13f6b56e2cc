// The public HTTP surface against the real server: search API, OpenAPI document, sitemap, robots and listing SEO (R10).
import { beforeAll, describe, expect, inject, it } from "vitest";
import { SearchQuerySchema } from "../../src/domain/search/query.ts";
import { SearchApiResponseSchema, type SearchApiResponse } from "../../src/server/search-api.ts";

const baseURL = inject("baseURL");
const get = (path: string, init?: RequestInit) => fetch(new URL(path, baseURL), { ...init, signal: AbortSignal.timeout(20_000) });

async function searchJson(query: string): Promise<{ response: Response; body: SearchApiResponse }> {
  const response = await get(`/api/v1/search${query}`);
  expect(response.status, await response.clone().text()).toBe(200);
  return { response, body: SearchApiResponseSchema.parse(await response.json()) };
}

describe("GET /api/v1/search", () => {
  it("answers bad parameters with 400 JSON naming each field", async () => {
    const response = await get("/api/v1/search?page=abc&regions=XX");
    expect(response.status).toBe(400);
    expect(response.headers.get("content-type")).toBe("application/json; charset=utf-8");
    expect(response.headers.get("access-control-allow-origin")).toBe("*");
    expect(response.headers.get("cache-control")).toBe("no-store");
    const body = (await response.json()) as { error: string; fields: Record<string, string[]> };
    expect(body.error).toBe("invalid_parameters");
    expect(Object.keys(body.fields).sort()).toEqual(["page", "regions"]);
    for (const messages of Object.values(body.fields)) expect(messages.length).toBeGreaterThan(0);
  });

  it("returns hits, facets and paging in the documented shape, with absolute listing URLs", async () => {
    const { response, body } = await searchJson("?hitsPerPage=5");
    expect(response.headers.get("content-type")).toBe("application/json; charset=utf-8");
    expect(response.headers.get("access-control-allow-origin")).toBe("*");
    // Cacheable only when the search engine answered.
    expect(response.headers.get("cache-control")).toBe(body.degraded ? "no-store" : "public, max-age=30");
    expect(body.total).toBeGreaterThanOrEqual(6);
    expect(body.hits).toHaveLength(5);
    expect(body.page).toBe(1);
    expect(body.totalPages).toBe(Math.ceil(body.total / 5));
    for (const hit of body.hits) expect(hit.url).toBe(new URL(`/partners/${hit.slug}`, baseURL).href);
    expect(Object.keys(body.facets).sort()).toEqual(
      [
        "acceptingRequests", "delegatedAdmin", "expertise", "industries", "languages", "minRating", "programs", "regions",
        "respondsWithin24h", "services",
      ],
    );
  });

  it("filters, and gives Korean URLs for locale=ko", async () => {
    const { body } = await searchJson("?regions=KR&locale=ko");
    expect(body.total).toBeGreaterThan(0);
    for (const hit of body.hits) {
      expect(hit.regions).toContain("KR");
      expect(hit.url).toBe(new URL(`/ko/partners/${hit.slug}`, baseURL).href);
    }
  });

  it("answers other methods with 405 JSON, HEAD like GET and CORS preflight with 204", async () => {
    const put = await get("/api/v1/search", { method: "PUT", headers: { origin: baseURL } });
    expect(put.status).toBe(405);
    expect(put.headers.get("allow")).toBe("GET, HEAD, OPTIONS");
    expect(await put.json()).toEqual({ error: "method_not_allowed" });

    const head = await get("/api/v1/search", { method: "HEAD" });
    expect(head.status).toBe(200);
    expect(head.headers.get("content-type")).toBe("application/json; charset=utf-8");

    const preflight = await get("/api/v1/search", {
      method: "OPTIONS",
      headers: { origin: "https://elsewhere.example", "access-control-request-method": "GET" },
    });
    expect(preflight.status).toBe(204);
    expect(preflight.headers.get("access-control-allow-origin")).toBe("*");
  });
});

describe("GET /api/v1/openapi.json", () => {
  it("serves the OpenAPI 3.1 document with every search parameter", async () => {
    const response = await get("/api/v1/openapi.json");
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toBe("application/json; charset=utf-8");
    const doc = (await response.json()) as {
      openapi: string;
      paths: Record<string, { get: { parameters?: Array<{ name: string }> } }>;
    };
    expect(doc.openapi).toBe("3.1.0");
    const names = doc.paths["/api/v1/search"]!.get.parameters!.map((p) => p.name).sort();
    expect(names).toEqual(Object.keys(SearchQuerySchema.shape).sort());
    expect(doc.paths["/healthz"]).toBeDefined();
  });
});

describe("sitemap.xml and robots.txt", () => {
  let xml = "";
  let sample: SearchApiResponse["hits"];

  beforeAll(async () => {
    const response = await get("/sitemap.xml");
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toBe("application/xml; charset=utf-8");
    xml = await response.text();
    sample = (await searchJson("?hitsPerPage=3")).body.hits;
  });

  it("is a well-formed urlset", () => {
    expect(xml.startsWith('<?xml version="1.0" encoding="UTF-8"?>\n<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"')).toBe(true);
    expect(xml.trimEnd().endsWith("</urlset>")).toBe(true);
    const opened = xml.match(/<url>/g)?.length ?? 0;
    expect(opened).toBe(xml.match(/<\/url>/g)?.length);
    // Every ampersand is an entity.
    expect(xml).not.toMatch(/&(?!(amp|lt|gt|quot|apos);)/);
  });

  it("lists home, search and the public listings in both locales with alternates and lastmod", async () => {
    const locs = [...xml.matchAll(/<loc>([^<]+)<\/loc>/g)].map((m) => m[1]!);
    const abs = (path: string) => new URL(path, baseURL).href;
    expect(locs).toEqual(expect.arrayContaining([abs("/"), abs("/ko/"), abs("/partners"), abs("/ko/partners")]));
    const { body } = await searchJson("?hitsPerPage=1");
    // Both locales of every public listing, and nothing else.
    expect(locs.length).toBe(4 + body.total * 2);
    for (const hit of sample) {
      expect(locs).toContain(hit.url);
      expect(locs).toContain(abs(`/ko/partners/${hit.slug}`));
      const entry = xml.split("\n").find((line) => line.includes(`<loc>${hit.url}</loc>`))!;
      expect(entry).toMatch(/<lastmod>\d{4}-\d\d-\d\dT[\d:.]+Z<\/lastmod>/);
      expect(entry).toContain(`<xhtml:link rel="alternate" hreflang="ko" href="${abs(`/ko/partners/${hit.slug}`)}"/>`);
    }
  });

  it("serves the same list as file 1 of a split sitemap, and 404 past the last file", async () => {
    const first = await get("/sitemap-1.xml");
    expect(first.status).toBe(200);
    expect(await first.text()).toBe(xml);
    expect((await get("/sitemap-2.xml")).status).toBe(404);
    expect((await get("/sitemap-0.xml")).status).toBe(404);
  });

  it("robots.txt keeps crawlers out of the API and dev pages and names the sitemap", async () => {
    const response = await get("/robots.txt");
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toBe("text/plain; charset=utf-8");
    const text = await response.text();
    expect(text).toContain("User-agent: *");
    expect(text).toMatch(/^Disallow: \/api\/$/m);
    expect(text).toMatch(/^Disallow: \/dev\/$/m);
    expect(text).toContain(`Sitemap: ${new URL("/sitemap.xml", baseURL).href}`);
  });
});

describe("listing page metadata", () => {
  it("has its own title, description, canonical, Open Graph tags and Organization JSON-LD", async () => {
    const { body } = await searchJson("?hitsPerPage=1&sort=rating");
    const hit = body.hits[0]!;
    const koUrl = new URL(`/ko/partners/${hit.slug}`, baseURL).href;
    const response = await get(`/ko/partners/${hit.slug}`);
    expect(response.status).toBe(200);
    const html = await response.text();
    const head = html.slice(0, html.indexOf("</head>"));
    const meta = (property: string) => head.match(new RegExp(`<meta property="${property}" content="([^"]*)"`))?.[1];

    expect(head).toMatch(/<title>[^<]+ · [^<]+<\/title>/);
    expect(head).toMatch(/<meta name="description" content="[^"]+"/);
    expect(head).toContain(`<link rel="canonical" href="${koUrl}">`);
    expect(head).toContain(`<link rel="alternate" hreflang="en" href="${hit.url}">`);
    expect(meta("og:url")).toBe(koUrl);
    expect(meta("og:type")).toBe("website");
    expect(meta("og:locale")).toBe("ko_KR");
    expect(meta("og:title")).toBeTruthy();
    expect(meta("og:description")).toBeTruthy();

    const ld = html.match(/<script type="application\/ld\+json">([^<]*)<\/script>/);
    expect(ld).not.toBeNull();
    const data = JSON.parse(ld![1]!) as Record<string, unknown>;
    expect(data).toMatchObject({ "@context": "https://schema.org", "@type": "Organization", name: hit.name, url: koUrl });
    if (hit.services.length) expect((data.makesOffer as unknown[]).length).toBe(hit.services.length);
    if (hit.rating !== null && hit.reviewCount > 0) {
      expect(data.aggregateRating).toMatchObject({ ratingValue: hit.rating, reviewCount: hit.reviewCount });
    }
  });
});
