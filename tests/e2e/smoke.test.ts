// Smoke journey in a real browser: home → a partner's listing → Korean, plus health and 404 (R10: listings are public).
import { describe, expect, it } from "vitest";
import { useBrowser } from "./browser.ts";

const CARD = '[data-testid="partner-card"]';

describe("smoke: a visitor finds a partner", () => {
  const browser = useBrowser();

  it("goes from the home page to a listing and reads it in Korean", async () => {
    const { page } = browser;
    const home = await page.goto("/");
    expect(home?.status()).toBe(200);
    expect(await page.locator("html").getAttribute("lang")).toBe("en");
    const heading = page.getByRole("heading", { level: 1 });
    await heading.waitFor();
    expect((await heading.textContent())?.trim()).toBeTruthy();

    const cards = page.locator(CARD);
    await cards.first().waitFor();
    expect(await cards.count()).toBeGreaterThanOrEqual(6);

    const link = cards.first().getByRole("link").first();
    const name = (await link.textContent())?.trim() ?? "";
    expect(name).not.toBe("");
    await Promise.all([page.waitForURL(/\/partners\/[^/?#]+$/), link.click()]);
    const listingPath = new URL(page.url()).pathname;
    expect(listingPath).toMatch(/^\/partners\/[a-z0-9-]+$/);

    expect((await page.getByRole("heading", { level: 1 }).textContent())?.trim()).toBe(name);
    const trial = page.getByRole("link", { name: "Request a trial" }).first();
    expect(await trial.getAttribute("href")).toBe("#request-trial");
    expect(await page.locator("#request-trial").count()).toBe(1);

    const korean = page.getByRole("navigation", { name: "Language" }).getByRole("link", { name: "한국어" });
    await Promise.all([page.waitForURL((url) => url.pathname === `/ko${listingPath}`), korean.click()]);
    expect(await page.locator("html").getAttribute("lang")).toBe("ko");
    // The partner's name is the same in every language.
    expect((await page.getByRole("heading", { level: 1 }).textContent())?.trim()).toBe(name);

    expect(browser.pageErrors).toEqual([]);
  });

  it("reports the database and search up on /healthz", async () => {
    const response = await browser.page.request.get("/healthz");
    expect(response.status()).toBe(200);
    const health = (await response.json()) as { database: { status: string }; search: { status: string } };
    expect(health.database.status).toBe("up");
    expect(health.search.status).toBe("up");
  });

  it("answers a missing page and a missing partner with 404", async () => {
    const { page } = browser;
    for (const path of ["/no-such-page", "/partners/no-such-partner", "/ko/partners/no-such-partner"]) {
      const response = await page.goto(path);
      expect(response?.status(), path).toBe(404);
      await page.getByRole("heading", { level: 1 }).waitFor();
    }
  });
});

describe("smoke: the home page works without JavaScript", () => {
  const browser = useBrowser({ javaScriptEnabled: false });

  it("shows the heading and partner cards that are plain links", async () => {
    const { page } = browser;
    const home = await page.goto("/");
    expect(home?.status()).toBe(200);
    await page.getByRole("heading", { level: 1 }).waitFor();
    const cards = page.locator(CARD);
    expect(await cards.count()).toBeGreaterThanOrEqual(6);
    const href = await cards.first().getByRole("link").first().getAttribute("href");
    expect(href).toMatch(/^\/partners\/[a-z0-9-]+$/);

    await Promise.all([page.waitForURL(`**${href}`), cards.first().getByRole("link").first().click()]);
    expect(await page.getByRole("heading", { level: 1 }).count()).toBe(1);
  });
});
