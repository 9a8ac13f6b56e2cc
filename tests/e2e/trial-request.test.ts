// "Request a trial" in a real browser without JavaScript (issue 5; R10, R11): a field error keeps the input, the
// fixed form asks the customer to check their email, the mailed link's button confirms and says what happens next;
// a sovereign-cloud customer is told plainly and nothing is mailed. axe checks the listing page with the form.
import { describe, expect, it } from "vitest";
import { generateDemoData } from "../../db/seed/demo-data.ts";
import { axeViolations } from "./axe.ts";
import { useBrowser, type BrowserFixture } from "./browser.ts";
import { signIn } from "./steps.ts";

const demo = generateDemoData(new Date());

/** A public demo listing (R1: published, partner authorized) whose owners the journey can sign in as. */
const demoListing = demo.listings.find(
  (l) => l.status === "published" && demo.partners.find((p) => p.id === l.partner_id)?.status === "authorized",
)!;

/** The organization behind a listing path, and the email of one of its owners (the demo data is deterministic). */
function ownerOfListing(listingPath: string): { slug: string; ownerEmail: string } {
  const listing = demo.listings.find((l) => `/partners/${l.slug}` === listingPath)!;
  const partner = demo.partners.find((p) => p.id === listing.partner_id)!;
  const member = demo.partner_members.find((m) => m.partner_id === partner.id && m.role === "owner")!;
  return { slug: partner.slug, ownerEmail: demo.users.find((u) => u.id === member.user_id)!.email };
}

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

  it("R10: a field error keeps the input; fixed, confirmed through /dev/mail, the customer learns what happens next; a partner member works the lead", async () => {
    const { page } = browser;
    const listingPath = `/partners/${demoListing.slug}`;
    expect((await page.goto(listingPath))?.status()).toBe(200);
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

    // Pipeline step 2: the partner's owner is mailed, finds the lead in the inbox and moves it to "contacted".
    const partner = ownerOfListing(listingPath);
    expect(await (await mailsTo(browser, partner.ownerEmail)).filter({ hasText: "Example Trading Ltd" }).count()).toBeGreaterThan(0);
    await signIn(browser, partner.ownerEmail);
    expect((await page.goto(`/portal/${partner.slug}/leads?q=${encodeURIComponent(email)}`))?.status()).toBe(200);
    const row = page.locator("tbody tr");
    expect(await row.count()).toBe(1);
    expect(await row.textContent()).toContain("Example Trading Ltd");
    await row.getByRole("link").first().click();
    expect(await page.getByTestId("lead-status").textContent()).toBe("New");
    const statusForm = page.getByRole("combobox").first().locator("xpath=ancestor::form");
    await page.getByRole("combobox").first().selectOption("contacted");
    await statusForm.locator("button[type=submit]").click();
    await expect.poll(() => page.getByTestId("lead-status").textContent(), { timeout: 15_000 }).toBe("Contacted");
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
