// The lead inbox in a real browser: a partner member sees their leads, works one, and another organization's inbox answers 404.
import { describe, expect, it } from "vitest";
import { generateDemoData } from "../../db/seed/demo-data.ts";
import { axeSignedIn } from "./axe.ts";
import { useBrowser } from "./browser.ts";
import { signIn } from "./steps.ts";

const demo = generateDemoData(new Date());
// The demo organization with the most leads, one of its owners, and another organization with leads.
const leadCounts = new Map<string, number>();
for (const lead of demo.leads) leadCounts.set(lead.partner_id, (leadCounts.get(lead.partner_id) ?? 0) + 1);
const [busiest, other] = [...leadCounts.entries()].sort((a, b) => b[1] - a[1]).map(([id]) => demo.partners.find((p) => p.id === id)!);
const ownerOf = (partnerId: string) => {
  const member = demo.partner_members.find((m) => m.partner_id === partnerId && m.role === "owner")!;
  return demo.users.find((u) => u.id === member.user_id)!.email;
};

describe("lead inbox", () => {
  const browser = useBrowser({ javaScriptEnabled: false });

  it("lists the organization's leads, moves a new one to contacted, and hides other inboxes", async () => {
    const { page } = browser;
    await signIn(browser, ownerOf(busiest!.id));

    const inbox = await page.goto(`/portal/${busiest!.slug}/leads`);
    expect(inbox?.status()).toBe(200);
    const rows = page.locator("tbody tr");
    expect(await rows.count()).toBe(leadCounts.get(busiest!.id));

    expect((await page.goto(`/portal/${other!.slug}/leads`))?.status()).toBe(404);
    expect((await page.goto(`/ko/portal/${other!.slug}/leads`))?.status()).toBe(404);

    // The demo data is deterministic: this organization has a lead still "new".
    const fresh = demo.leads.find((l) => l.partner_id === busiest!.id && l.status === "new")!;
    expect(fresh).toBeDefined();
    expect((await page.goto(`/portal/${busiest!.slug}/leads/${fresh.id}`))?.status()).toBe(200);
    expect(await page.getByTestId("lead-status").textContent()).toBe("New");
    const statusForm = page.getByRole("combobox").first().locator("xpath=ancestor::form");
    await page.getByRole("combobox").first().selectOption("contacted");
    await statusForm.locator("button[type=submit]").click();
    // POST/redirect/GET: the lead page comes back with the new status.
    await expect.poll(() => page.getByTestId("lead-status").textContent(), { timeout: 15_000 }).toBe("Contacted");
  });

  it("filters with the no-JS form, exports CSV, adds a note to the timeline, and shows the funnel (issue 5)", async () => {
    const { page } = browser;
    await signIn(browser, ownerOf(busiest!.id));
    const mine = demo.leads.filter((l) => l.partner_id === busiest!.id);
    const country = mine[0]!.country;
    const inCountry = mine.filter((l) => l.country === country);

    await page.goto(`/portal/${busiest!.slug}/leads`);
    const form = page.getByTestId("lead-filters");
    await form.getByLabel("Country").selectOption(country);
    await form.getByLabel("Sort by").selectOption("oldest");
    await Promise.all([page.waitForURL(new RegExp(`country=${country}`)), form.getByRole("button", { name: "Apply filters" }).click()]);
    expect(page.url()).toContain("sort=oldest");
    expect(await page.locator("tbody tr").count()).toBe(Math.min(25, inCountry.length));
    expect(await page.getByTestId("count-all").textContent()).toBe(`(${inCountry.length})`);
    expect(await form.getByLabel("Country").inputValue()).toBe(country);

    // The export link carries the filters; another organization's export is a 404.
    const exportHref = (await page.getByTestId("export-csv").getAttribute("href"))!;
    expect(exportHref).toContain(`country=${country}`);
    const csv = await page.request.get(exportHref);
    expect(csv.status()).toBe(200);
    expect(csv.headers()["content-disposition"]).toMatch(/^attachment; filename="leads-.*\.csv"$/);
    expect((await csv.body()).subarray(0, 3)).toEqual(Buffer.from([0xef, 0xbb, 0xbf]));
    // One record per lead: each starts with its id (messages may hold quoted line breaks).
    expect((await csv.text()).match(/\r\n[0-9a-f]{8}-[0-9a-f]{4}-/g)).toHaveLength(inCountry.length);
    expect((await page.request.get(`/portal/${other!.slug}/leads/export.csv`)).status()).toBe(404);

    // A note, without JavaScript: shown on the timeline as text, line breaks kept.
    await page.goto(`/portal/${busiest!.slug}/leads/${inCountry[0]!.id}`);
    // Blank (spaces pass the browser's `required`): refused with 422, the field marked, and the page still works.
    const [refused] = await Promise.all([
      page.waitForResponse((r) => r.request().method() === "POST"),
      page.getByLabel("Note", { exact: true }).fill("   ").then(() => page.getByRole("button", { name: "Add note" }).click()),
    ]);
    expect(refused.status()).toBe(422);
    expect(await page.getByLabel("Note", { exact: true }).getAttribute("aria-invalid")).toBe("true");
    const note = `Call back <b>Tuesday</b> ${Date.now()}\nthen send the offer`;
    await page.getByLabel("Note", { exact: true }).fill(note);
    await Promise.all([page.waitForURL(/done=note/), page.getByRole("button", { name: "Add note" }).click()]);
    const shown = page.getByTestId("note-text").last();
    expect(await shown.textContent()).toBe(note);
    expect(await shown.evaluate((el) => getComputedStyle(el).whiteSpace)).toBe("pre-wrap");

    expect(await axeSignedIn(browser, new URL(page.url()).pathname)).toEqual([]);

    const funnel = `/portal/${busiest!.slug}/leads/funnel`;
    expect((await page.goto(funnel))?.status()).toBe(200);
    expect(await page.getByRole("img").first().getAttribute("aria-labelledby")).toBe("funnel-svg-title funnel-svg-desc");
    expect(await page.getByTestId("funnel-table").locator("tbody tr").count()).toBe(12);
    expect(await axeSignedIn(browser, funnel)).toEqual([]);
    expect(await axeSignedIn(browser, `/ko/portal/${busiest!.slug}/leads?country=${country}`)).toEqual([]);
    expect((await page.goto(`/portal/${other!.slug}/leads/funnel`))?.status()).toBe(404);
  });
});
