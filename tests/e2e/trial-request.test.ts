// "Request a trial" in a real browser without JavaScript (issue 5; R10, R11): a field error keeps the input, the
// fixed form asks the customer to check their email, the mailed link's button confirms and says what happens next;
// a sovereign-cloud customer is told plainly and nothing is mailed. axe checks the listing page with the form.
import { describe, expect, it } from "vitest";
import { axeViolations } from "./axe.ts";
import { useBrowser, type BrowserFixture } from "./browser.ts";

const HIT = '[data-testid="search-hit"]';

/** The first public listing that search shows: its path. */
async function openFirstListing(browser: BrowserFixture): Promise<string> {
  const { page } = browser;
  await page.goto("/partners");
  const href = await page.locator(HIT).first().getByRole("link").first().getAttribute("href");
  expect(href).toMatch(/^\/partners\/[a-z0-9-]+$/);
  expect((await page.goto(href!))?.status()).toBe(200);
  return href!;
}

async function fillValid(browser: BrowserFixture, email: string, country: string) {
  const { page } = browser;
  await page.getByLabel("Your name").fill("Jamie Customer");
  await page.getByLabel("Work email").fill(email);
  await page.getByLabel("Company", { exact: true }).fill("Example Trading Ltd");
  await page.getByLabel("Company size").selectOption("10-49");
  await page.getByLabel("Country").selectOption(country);
  await page.locator('#request-trial input[name="services"]').first().check();
  await page.getByLabel("Number of seats").fill("25");
}

async function mailsTo(browser: BrowserFixture, email: string) {
  await browser.page.goto("/dev/mail");
  return browser.page.locator('[data-testid="mail-row"]', { hasText: email });
}

describe("trial request in the browser", () => {
  const browser = useBrowser({ javaScriptEnabled: false });

  it("R10: a field error keeps the input; fixed, confirmed through /dev/mail, the customer learns what happens next", async () => {
    const { page } = browser;
    const listingPath = await openFirstListing(browser);
    expect(await axeViolations(page)).toEqual([]);

    const email = `trial-${Date.now().toString(36)}@customer.example.com`;
    await fillValid(browser, email, "KR");
    await page.getByLabel("Your name").fill("");
    await page.getByLabel("Message (optional)").fill("We'd like to move 25 mailboxes.");
    await page.getByRole("button", { name: "Send trial request" }).click();

    // The field's own message, wired to it; the summary at the top; everything else kept.
    await expect.poll(() => page.locator("#trial-name-error").textContent()).toContain("Enter your name");
    expect(await page.getByLabel("Your name").getAttribute("aria-invalid")).toBe("true");
    expect(await page.getByLabel("Your name").getAttribute("aria-describedby")).toContain("trial-name-error");
    expect(await page.locator(".trial__summary").textContent()).toContain("Enter your name");
    expect(await page.getByLabel("Work email").inputValue()).toBe(email);
    expect(await page.getByLabel("Country").inputValue()).toBe("KR");
    expect(await page.getByLabel("Message (optional)").inputValue()).toBe("We'd like to move 25 mailboxes.");
    expect(await page.locator('#request-trial input[name="services"]').first().isChecked()).toBe(true);

    await page.getByLabel("Your name").fill("Jamie Customer");
    await Promise.all([page.waitForURL(/trial=sent/), page.getByRole("button", { name: "Send trial request" }).click()]);
    expect(new URL(page.url()).pathname).toBe(listingPath);
    expect(await page.getByRole("status").textContent()).toContain("Check your email to confirm");

    // The newest mail to that address carries the confirmation link; only the button spends it.
    const rows = await mailsTo(browser, email);
    expect(await rows.count()).toBe(1);
    await rows.first().getByRole("link").first().click();
    const link = await page.locator('[data-testid="mail-link"]').first().getAttribute("href");
    expect(link).toContain("/trial-requests/confirm?token=");
    await page.goto(link!);
    expect(await page.getByRole("heading", { level: 1 }).textContent()).toContain("Confirm your trial request");
    expect(await axeViolations(page)).toEqual([]);
    await Promise.all([page.waitForURL(/done=1/), page.getByRole("button", { name: "Confirm and send my request" }).click()]);
    expect(await page.getByRole("status").textContent()).toContain("What happens next");

    // The link is single-use.
    expect((await page.goto(link!))?.status()).toBe(400);
    expect(await page.getByRole("alert").textContent()).toContain("can't be used");
  });

  it("R11: a sovereign-cloud customer is told plainly, and nothing is sent", async () => {
    const { page } = browser;
    await openFirstListing(browser);
    const email = `sovereign-${Date.now().toString(36)}@customer.example.com`;
    await fillValid(browser, email, "CN");
    await page.getByRole("button", { name: "Send trial request" }).click();
    await expect.poll(() => page.locator('[data-testid="trial-sovereign"]').textContent()).toContain("sovereign cloud");
    expect(await page.locator('[data-testid="trial-sovereign"]').textContent()).toContain("Nothing was sent");
    expect(await page.getByLabel("Work email").inputValue()).toBe(email);

    expect(await (await mailsTo(browser, email)).count()).toBe(0);
  });
});
