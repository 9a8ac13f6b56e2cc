// The search page's pure helpers: links that keep the query, facet options, chips and the page window.
import { describe, expect, it } from "vitest";
import { activeFilters, facetOptions, pageWindow, searchHref, withoutFilters } from "../../src/components/search/model.ts";
import type { FacetLabels } from "../../src/domain/search/labels.ts";
import { SearchQuerySchema, type SearchQuery } from "../../src/domain/search/query.ts";
import type { FacetCounts } from "../../src/domain/search/types.ts";

const q = (input: Partial<Record<keyof SearchQuery, unknown>>): SearchQuery => SearchQuerySchema.parse(input);
const labels: FacetLabels = {
  services: [
    { id: "mail", label: "Business email" },
    { id: "security", label: "Security" },
    { id: "intranet", label: "Intranet" },
  ],
  expertise: [],
  industries: [],
  regions: [
    { id: "KR", label: "South Korea" },
    { id: "US", label: "United States" },
  ],
  languages: [],
  programs: [],
};
const facets = (services: Record<string, number>): FacetCounts => ({
  services,
  expertise: {},
  industries: {},
  regions: {},
  languages: {},
  programs: {},
  delegatedAdmin: { true: 0 },
  respondsWithin24h: { true: 0 },
  acceptingRequests: { true: 0 },
  minRating: {},
});

describe("searchHref", () => {
  it("drops defaults and starts again at page 1 unless told", () => {
    expect(searchHref("/partners", q({ q: "mail", page: "3" }))).toBe("/partners?q=mail");
    expect(searchHref("/ko/partners", q({ services: ["mail"] }), { page: 2 })).toBe("/ko/partners?services=mail&page=2");
    expect(searchHref("/partners", q({}))).toBe("/partners");
  });
});

describe("facetOptions", () => {
  it("hides zero counts unless selected, orders by count then catalog order", () => {
    const options = facetOptions("services", q({ services: ["intranet"] }), labels, facets({ security: 2, mail: 2 }));
    expect(options.map((o) => [o.id, o.count, o.checked])).toEqual([
      ["mail", 2, false],
      ["security", 2, false],
      ["intranet", 0, true],
    ]);
  });

  it("keeps a selected value that has no label, so it can be unticked", () => {
    const options = facetOptions("services", q({ services: ["retired"] }), labels, facets({}));
    expect(options).toEqual([{ id: "retired", label: "retired", count: 0, checked: true }]);
  });
});

describe("activeFilters", () => {
  it("gives one chip per value, each linking to the search without it", () => {
    const query = q({ q: "x", services: ["mail", "security"], regions: ["KR"], delegatedAdmin: "true", minRating: "4" });
    const chips = activeFilters("/partners", query, labels, "en");
    expect(chips).toEqual([
      { label: "Business email", href: "/partners?q=x&services=security&regions=KR&delegatedAdmin=true&minRating=4" },
      { label: "Security", href: "/partners?q=x&services=mail&regions=KR&delegatedAdmin=true&minRating=4" },
      { label: "South Korea", href: "/partners?q=x&services=mail&services=security&delegatedAdmin=true&minRating=4" },
      { label: "Can administer on your behalf", href: "/partners?q=x&services=mail&services=security&regions=KR&minRating=4" },
      { label: "4+ stars", href: "/partners?q=x&services=mail&services=security&regions=KR&delegatedAdmin=true" },
    ]);
    expect(activeFilters("/ko/partners", q({ minRating: "3" }), labels, "ko")[0]?.label).toBe("3점 이상");
    expect(searchHref("/partners", withoutFilters(query))).toBe("/partners?q=x");
  });
});

describe("pageWindow", () => {
  const render = (current: number, total: number) =>
    pageWindow(current, total)
      .map((item) => ("gap" in item ? "…" : item.current ? `[${item.page}]` : String(item.page)))
      .join(" ");

  it("shows first, last and two either side, with gaps", () => {
    expect(render(1, 1)).toBe("");
    expect(render(1, 3)).toBe("[1] 2 3");
    expect(render(6, 20)).toBe("1 … 4 5 [6] 7 8 … 20");
    // A gap of one page is shown as that page, not as an ellipsis.
    expect(render(4, 20)).toBe("1 2 3 [4] 5 6 … 20");
    expect(render(20, 20)).toBe("1 … 18 19 [20]");
  });
});
