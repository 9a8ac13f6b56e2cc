// The lead inbox in a real browser: a partner member sees their leads, works one, and another organization's inbox answers 404.
import { describe, expect, it } from "vitest";
import { generateDemoData } from "../../db/seed/demo-data.ts";
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
});
