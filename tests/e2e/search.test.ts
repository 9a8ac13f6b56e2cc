// A customer searches the marketplace (R10), in a real browser, with and without JavaScript; axe finds no violations.
import { describe, expect, it } from "vitest";
import { axeViolations } from "./axe.ts";
import { useBrowser } from "./browser.ts";

const HIT = '[data-testid="search-hit"]';

describe("search page without JavaScript", () => {
  const browser = useBrowser({ javaScriptEnabled: false });

  it("searches with a typo, filters with a facet, removes the chip, and opens a listing", async () => {
    const { page } = browser;
    await page.goto("/partners");
    expect(await axeViolations(page)).toEqual([]);
    const total = await page.locator(HIT).count();
    expect(total).toBeGreaterThan(0);

    await page.getByRole("searchbox").first().fill("migraton");
    await Promise.all([page.waitForURL(/q=migraton/), page.getByRole("searchbox").first().press("Enter")]);
    const hits = page.locator(HIT);
    expect(await hits.count()).toBeGreaterThan(0);

    // A region facet: tick Korea and apply; the URL carries the state, and a chip appears.
    await page.getByRole("checkbox", { name: /South Korea|Korea/ }).first().check();
    await Promise.all([page.waitForURL(/regions=KR/), page.getByRole("button", { name: /Apply|Search/ }).first().click()]);
    expect(await page.locator(HIT).count()).toBeGreaterThan(0);
    expect(await axeViolations(page)).toEqual([]);
    const chip = page.getByRole("link", { name: /Remove filter/ }).first();
    await Promise.all([page.waitForURL((url) => !url.search.includes("regions=KR")), chip.click()]);

    const first = page.locator(HIT).first().getByRole("link").first();
    const name = (await first.textContent())?.trim();
    await Promise.all([page.waitForURL(/\/partners\/[a-z0-9-]+$/), first.click()]);
    expect((await page.getByRole("heading", { level: 1 }).textContent())?.trim()).toBe(name);
    expect(await axeViolations(page)).toEqual([]);
  });

  it("finds Korean listings from the Korean page and reports bad parameters with 400", async () => {
    const { page } = browser;
    const response = await page.goto("/ko/partners?q=%EB%B3%B4%EC%95%88");
    expect(response?.status()).toBe(200);
    expect(await page.locator("html").getAttribute("lang")).toBe("ko");
    expect(await page.locator(HIT).count()).toBeGreaterThan(0);
    expect(await axeViolations(page)).toEqual([]);
    const bad = await page.goto("/partners?page=abc&regions=XX");
    expect(bad?.status()).toBe(400);
  });
});

describe("search page with JavaScript", () => {
  const browser = useBrowser();

  it("updates results as you type, without a full reload", async () => {
    const { page } = browser;
    await page.goto("/partners");
    await page.evaluate(() => ((window as unknown as { marker: number }).marker = 1));
    await page.getByRole("searchbox").first().fill("security");
    await page.waitForURL(/q=security/);
    expect(await page.locator(HIT).count()).toBeGreaterThan(0);
    // Same document: the page was not reloaded.
    expect(await page.evaluate(() => (window as unknown as { marker?: number }).marker)).toBe(1);
    expect(browser.pageErrors).toEqual([]);
    expect(await axeViolations(page)).toEqual([]);
  });
});
