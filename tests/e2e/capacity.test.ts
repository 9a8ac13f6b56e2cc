// "Not accepting new customers right now" in a real browser without JavaScript (issue 5): an owner pauses, the listing
// replaces its trial form with the message (axe-clean), search's "Accepting new customers" filter leaves the partner
// out once the sync job ran, and resuming brings the form back.
import { describe, expect, it } from "vitest";
import { generateDemoData } from "../../db/seed/demo-data.ts";
import { axeViolations } from "./axe.ts";
import { useBrowser } from "./browser.ts";
import { eventually, signIn } from "./steps.ts";

const demo = generateDemoData(new Date());
const isPublic = (l: (typeof demo.listings)[number]) =>
  l.status === "published" && demo.partners.find((p) => p.id === l.partner_id)?.status === "authorized";
// The last public listing: the other journeys use the first one and the organization with the most leads.
const listing = demo.listings.filter(isPublic).at(-1)!;
const partner = demo.partners.find((p) => p.id === listing.partner_id)!;
const owner = demo.users.find((u) => u.id === demo.partner_members.find((m) => m.partner_id === partner.id && m.role === "owner")!.user_id)!;

describe("capacity pause in the browser", () => {
  const browser = useBrowser({ javaScriptEnabled: false });

  it("an owner pauses new requests: the listing shows the message instead of the form and search can leave the partner out; resuming restores both", async () => {
    const { page } = browser;
    const settings = `/portal/${partner.slug}/notifications`;
    const listingPath = `/partners/${listing.slug}`;
    const accepting = `/partners?acceptingRequests=true&q=${encodeURIComponent(partner.name)}`;
    const listed = async () => {
      await page.goto(accepting);
      return page.locator(`[data-testid="search-hit"] a[href="${listingPath}"]`).count();
    };

    expect((await page.goto(listingPath))?.status()).toBe(200);
    expect(await page.locator("#request-trial form").count()).toBe(1);
    expect(await listed()).toBeGreaterThan(0);

    await signIn(browser, owner.email);
    await page.goto(settings);
    await page.getByLabel("Not accepting new customers right now").check();
    await Promise.all([page.waitForURL(/done=paused/), page.getByRole("button", { name: "Save availability" }).click()]);
    expect(await page.getByRole("status").first().textContent()).toContain("New trial requests are paused.");

    expect((await page.goto(listingPath))?.status()).toBe(200);
    expect(await page.locator("#request-trial form").count()).toBe(0);
    expect(await page.locator("main").textContent()).toContain(`${partner.name} isn't accepting new customers right now.`);
    expect(await axeViolations(page)).toEqual([]);
    // The search sync job runs in the server's worker.
    expect(await eventually(async () => (await listed()) === 0)).toBe(true);

    await page.goto(settings);
    await page.getByLabel("Not accepting new customers right now").uncheck();
    await Promise.all([page.waitForURL(/done=resumed/), page.getByRole("button", { name: "Save availability" }).click()]);
    await page.goto(listingPath);
    expect(await page.locator("#request-trial form").count()).toBe(1);
    expect(await eventually(async () => (await listed()) > 0)).toBe(true);
  });
});
