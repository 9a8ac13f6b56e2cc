// The /partners search page rendered by Astro (its dev server, in this process) over real Postgres and Meilisearch.
import { beforeAll, describe, expect, it } from "vitest";
import { reindexAll } from "../../search/indexer.ts";
import { createListing, createService } from "../factories.ts";
import { useTestDatabase, useTestSearch } from "../setup/db.ts";
import { useDevSite } from "../setup/dev-site.ts";

/** The opening tags carrying `attribute` (dev mode appends its own attributes, so match loosely). */
function tagsWith(html: string, attribute: string): string[] {
  return html.match(new RegExp(`<[a-z0-9]+\\b[^>]*${attribute}[^>]*>`, "g")) ?? [];
}

function attr(tag: string, name: string): string | undefined {
  return tag.match(new RegExp(`\\s${name}="([^"]*)"`))?.[1]?.replaceAll("&amp;", "&");
}

describe("partner search page", () => {
  const t = useTestDatabase();
  const s = useTestSearch();
  const slugs: Record<string, string> = {};

  // The page reads its servers from the environment on its first request (src/server/container.ts).
  const site = useDevSite(t, () => ({ MEILI_URL: s.url, MEILI_MASTER_KEY: s.key, MEILI_INDEX_PREFIX: s.prefix }));
  const get = (pathAndQuery: string) => site.get(pathAndQuery);

  beforeAll(async () => {
    await createService(t.db, "mail", { en: "Business email", ko: "비즈니스 메일" });
    await createService(t.db, "security", { en: "Security", ko: "보안" });
    await createService(t.db, "intranet", { en: "Intranet", ko: "인트라넷" });
    const make = async (key: string, spec: Parameters<typeof createListing>[1]) => {
      slugs[key] = (await createListing(t.db, spec)).slug;
    };
    await make("contoso", {
      name: "Contoso Migration Works",
      headlineEn: "Mail migration without downtime",
      services: ["mail"],
      regions: ["US", "KR"],
      programs: [{ program: "cloud_deployment", status: "verified" }],
      rating: 4.6,
      reviewCount: 31,
    });
    await make("hanbit", {
      name: "한빛클라우드",
      primaryLocale: "ko",
      headlineKo: "부산·경남 기업을 위한 보안 컨설팅",
      headlineEn: null,
      services: ["security", "intranet"],
      regions: ["KR"],
      languages: ["ko"],
      rating: 3.8,
      reviewCount: 5,
    });
    await make("fabrikam", {
      name: "Fabrikam <b>Secure</b>",
      headlineEn: "Security operations for retail",
      services: ["security"],
      regions: ["JP"],
      rating: 4.1,
      reviewCount: 12,
    });
    await make("hidden", { name: "Contoso Suspended Mail", partnerStatus: "suspended", services: ["mail"] });
    await reindexAll(t.db, s.client, s.prefix);
  });

  it("lists public partners with facets, counts and the R11 note (R1, R10)", async () => {
    const { status, html } = await get("/partners");
    expect(status).toBe(200);
    expect(tagsWith(html, 'data-testid="search-hit"')).toHaveLength(3);
    expect(html).not.toContain("Contoso Suspended Mail");
    expect(html).toMatch(/<form\b[^>]*role="search"[^>]*method="get"/);
    expect(html).toMatch(/<label[^>]*for="q"[^>]*>Search partners</);
    expect(html).toMatch(/data-testid="result-count"[^>]*>3 partners</);
    // Each facet is a fieldset; values come with their counts, labels in the page's language.
    expect(html).toMatch(/<legend[^>]*>Services<\/legend>/);
    expect(html).toMatch(/id="f-services-security"[^>]*>[\s\S]*?Security[\s\S]*?>2</);
    expect(html).toMatch(/id="f-regions-KR"[^>]*>[\s\S]*?South Korea/);
    expect(html).toContain("sovereign cloud operated in China");
    // R3: only the partner with a verified program gets the badge.
    expect(html.match(/Can administer on your behalf<\/span>/g)?.length).toBeGreaterThanOrEqual(1);
    const contoso = html.slice(html.indexOf(`/partners/${slugs.contoso}`));
    expect(contoso.slice(0, contoso.indexOf("</article>"))).toContain("Can administer on your behalf");
  });

  it("escapes partner text in hits: only the highlighted markup is HTML", async () => {
    const { html } = await get("/partners?q=fabrikam");
    expect(html).toContain("<mark>Fabrikam</mark> &lt;b&gt;Secure&lt;/b&gt;");
    expect(html).not.toContain("<b>Secure</b>");
  });

  it("filters, checks the chosen boxes and offers chips that remove one value each", async () => {
    const { status, html } = await get("/partners?services=security&regions=KR");
    expect(status).toBe(200);
    expect(tagsWith(html, 'data-testid="search-hit"')).toHaveLength(1);
    expect(tagsWith(html, 'id="f-services-security"')[0]).toMatch(/\schecked/);
    const chips = tagsWith(html, 'class="chip"');
    expect(chips.map((c) => attr(c, "aria-label"))).toEqual(["Remove filter: Security", "Remove filter: South Korea"]);
    expect(chips.map((c) => attr(c, "href"))).toEqual(["/partners?regions=KR", "/partners?services=security"]);
  });

  it("shows a selected value even at zero results, and ways out of an empty result", async () => {
    const { status, html } = await get("/partners?q=contoso&services=intranet");
    expect(status).toBe(200);
    expect(tagsWith(html, 'data-testid="search-hit"')).toHaveLength(0);
    expect(html).toContain("No partners match your search");
    expect(tagsWith(html, 'id="f-services-intranet"')[0]).toMatch(/\schecked/);
    expect(html).toContain('href="/partners?q=contoso"');
    expect(html).toMatch(/href="\/partners\?services=intranet"[^>]*>Search without the words “contoso”/);
  });

  it("paginates with numbered links that keep the query", async () => {
    const { html } = await get("/partners?sort=rating&hitsPerPage=1&page=2");
    const nav = html.slice(html.search(/<nav class="pagination"/));
    expect(nav).toMatch(/^<nav class="pagination"[^>]*aria-label="Pages"/);
    const current = tagsWith(nav, 'aria-current="page"');
    expect(current).toHaveLength(1);
    expect(attr(current[0]!, "href")).toBe("/partners?sort=rating&page=2&hitsPerPage=1");
    expect(attr(tagsWith(nav, 'rel="prev"')[0]!, "href")).toBe("/partners?sort=rating&hitsPerPage=1");
    expect(attr(tagsWith(nav, 'rel="next"')[0]!, "href")).toBe("/partners?sort=rating&page=3&hitsPerPage=1");
    expect(tagsWith(html, 'name="hitsPerPage"')[0]).toMatch(/value="1"/);
  });

  it("answers 400 on bad parameters, naming each field and keeping the query box filled", async () => {
    const { status, html } = await get("/partners?q=mail&page=abc&regions=XX&services=nope");
    expect(status).toBe(400);
    expect(html).toContain("Some search settings aren&#39;t valid");
    expect(tagsWith(html, "data-field=").map((tag) => attr(tag, "data-field")).sort()).toEqual(["page", "regions"]);
    expect(tagsWith(html, 'id="q"')[0]).toMatch(/value="mail"/);
    expect(html).toContain('<meta name="robots" content="noindex">');

    const unknownService = await get("/partners?services=nope");
    expect(unknownService.status).toBe(400);
    expect(unknownService.html).toMatch(/data-field="services"/);
  });

  it("serves the Korean page with Korean labels and links", async () => {
    const { status, html } = await get(`/ko/partners?q=${encodeURIComponent("보안")}`);
    expect(status).toBe(200);
    expect(html).toMatch(/<html lang="ko"/);
    expect(html).toContain(`href="/ko/partners/${slugs.hanbit}"`);
    expect(html).toMatch(/<label[^>]*for="q"[^>]*>파트너 검색</);
    expect(html).toContain("소버린 클라우드");
    expect(html).toMatch(/<title>‘보안’ 검색 결과 · 파트너 마켓플레이스<\/title>/);
    // The route decides the language, not a parameter.
    const forced = await get("/ko/partners?locale=en");
    expect(forced.status).toBe(200);
    expect(forced.html).toMatch(/<html lang="ko"/);
  });
});
