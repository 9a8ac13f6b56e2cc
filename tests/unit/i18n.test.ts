// i18n: locale-aware paths, the language switch's targets, and catalogs that stay in step.
import { describe, expect, it } from "vitest";
import {
  LOCALES,
  alternatePath,
  localeFromUrl,
  localePath,
  messages,
  stripLocale,
  t,
  tPlural,
} from "../../src/i18n/ui.ts";

describe("localePath", () => {
  it("prefixes Korean paths and leaves English ones bare", () => {
    expect(localePath("ko", "/partners/x")).toBe("/ko/partners/x");
    expect(localePath("en", "/partners/x")).toBe("/partners/x");
  });

  it("moves a path from one locale to the other", () => {
    expect(localePath("en", "/ko/partners/x")).toBe("/partners/x");
    expect(localePath("ko", "/ko/partners/x")).toBe("/ko/partners/x");
  });

  it("maps the home page both ways", () => {
    expect(localePath("ko", "/")).toBe("/ko/");
    expect(localePath("en", "/ko/")).toBe("/");
    expect(localePath("en", "/ko")).toBe("/");
    expect(localePath("ko", "/ko")).toBe("/ko/");
  });

  it("keeps the query and the fragment", () => {
    expect(localePath("ko", "/partners?q=teams#results")).toBe("/ko/partners?q=teams#results");
    expect(localePath("en", "/ko/partners?q=메일")).toBe("/partners?q=메일");
  });

  it("does not mistake a path that merely starts with the letters ko for the Korean prefix", () => {
    expect(localePath("ko", "/kontakt")).toBe("/ko/kontakt");
    expect(stripLocale("/korea/partners")).toBe("/korea/partners");
  });

  it("accepts a path without a leading slash", () => {
    expect(localePath("ko", "partners")).toBe("/ko/partners");
  });
});

describe("localeFromUrl", () => {
  it("reads the locale from the path prefix", () => {
    expect(localeFromUrl(new URL("http://x.test/ko/partners/a"))).toBe("ko");
    expect(localeFromUrl(new URL("http://x.test/ko"))).toBe("ko");
    expect(localeFromUrl(new URL("http://x.test/ko/"))).toBe("ko");
    expect(localeFromUrl("/ko/partners/a")).toBe("ko");
  });

  it("defaults to English", () => {
    expect(localeFromUrl(new URL("http://x.test/"))).toBe("en");
    expect(localeFromUrl(new URL("http://x.test/partners/ko"))).toBe("en");
    expect(localeFromUrl("/korean-partner")).toBe("en");
    expect(localeFromUrl("/en/partners")).toBe("en");
  });
});

describe("alternatePath", () => {
  it("points the language switch at the same page in the other language", () => {
    const ko = new URL("http://x.test/ko/partners/acme");
    expect(alternatePath(ko, "en")).toBe("/partners/acme");
    expect(alternatePath(ko, "ko")).toBe("/ko/partners/acme");
    expect(alternatePath(new URL("http://x.test/partners/acme"), "ko")).toBe("/ko/partners/acme");
    expect(alternatePath(new URL("http://x.test/"), "ko")).toBe("/ko/");
    expect(alternatePath(new URL("http://x.test/ko/"), "en")).toBe("/");
  });

  it("keeps the search query, so a search survives a language change", () => {
    expect(alternatePath(new URL("http://x.test/partners?q=teams&page=2"), "ko")).toBe("/ko/partners?q=teams&page=2");
  });
});

describe("catalogs", () => {
  it("en and ko have exactly the same keys", () => {
    const en = Object.keys(messages.en).sort();
    for (const locale of LOCALES) {
      expect(Object.keys(messages[locale]).sort()).toEqual(en);
    }
  });

  it("have no empty messages and use the same placeholders in every language", () => {
    const placeholders = (s: string) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
    for (const key of Object.keys(messages.en) as (keyof typeof messages.en)[]) {
      for (const locale of LOCALES) expect(messages[locale][key].trim(), `${locale} ${key}`).not.toBe("");
      expect(placeholders(messages.ko[key]), key).toEqual(placeholders(messages.en[key]));
    }
  });

  it("fills placeholders and formats numbers for the locale", () => {
    expect(t("en", "listing.about", { name: "Acme" })).toBe("About Acme");
    expect(t("ko", "listing.about", { name: "Acme" })).toBe("Acme 소개");
    expect(t("en", "card.moreServices", { count: 1200 })).toBe("+1,200 more");
  });

  it("leaves a missing placeholder visible rather than printing undefined", () => {
    expect(t("en", "listing.about")).toBe("About {name}");
    expect(t("en", "listing.about", {})).toBe("About {name}");
  });

  it("picks plural forms per language", () => {
    expect(tPlural("en", "reviews", 1)).toBe("1 review");
    expect(tPlural("en", "reviews", 3)).toBe("3 reviews");
    expect(tPlural("ko", "reviews", 1)).toBe("리뷰 1개");
    expect(tPlural("ko", "reviews", 3)).toBe("리뷰 3개");
  });
});
