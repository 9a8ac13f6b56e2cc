// The listing editor in a real browser (R1, R10): field errors keep the input, publishing reaches search through
// the worker, unpublishing takes it away, a pending organization is told why it can't publish, and another
// organization's editor answers 404.
import { describe, expect, it } from "vitest";
import { generateDemoData } from "../../db/seed/demo-data.ts";
import { axeSignedIn } from "./axe.ts";
import { useBrowser, type BrowserFixture } from "./browser.ts";
import { eventually, signIn } from "./steps.ts";

const demo = generateDemoData(new Date());
function owner(status: string, skip = 0) {
  const partner = demo.partners.filter((p) => p.status === status && demo.partner_members.some((m) => m.partner_id === p.id && m.role === "owner"))[skip]!;
  const m = demo.partner_members.find((x) => x.partner_id === partner.id && x.role === "owner")!;
  return { slug: partner.slug, email: demo.users.find((u) => u.id === m.user_id)!.email };
}
const A = owner("authorized", 2);
const B = owner("authorized", 3);
const PENDING = owner("pending", 0);

async function searchFinds(browser: BrowserFixture, word: string, slug: string): Promise<boolean> {
  const response = await browser.page.request.get(`/api/v1/search?q=${encodeURIComponent(word)}`);
  const body = (await response.json()) as { hits: { slug: string }[] };
  return body.hits.some((h) => h.slug === slug);
}

describe("listing editor in the browser", () => {
  const browser = useBrowser({ javaScriptEnabled: false });

  it("R10: edit with a field error, fix, publish, find it in search; unpublish removes it", async () => {
    const { page } = browser;
    await signIn(browser, A.email);
    const editor = `/portal/${A.slug}/listing`;
    expect((await page.goto(editor))?.status()).toBe(200);
    expect(await axeSignedIn(browser, editor)).toEqual([]);

    const word = `Quokkatronic${Date.now().toString(36)}`;
    await page.getByLabel("Headline (English)").fill(`${word} mail migration`);
    await page.getByLabel("Website").fill("javascript:alert(1)");
    await page.getByRole("button", { name: "Save draft" }).click();
    // Field-level error next to the field, summary at the top, input kept.
    await expect.poll(() => page.locator("#f-website-error").textContent()).toContain("https://");
    expect(await page.getByLabel("Website").getAttribute("aria-invalid")).toBe("true");
    expect(await page.getByLabel("Headline (English)").inputValue()).toBe(`${word} mail migration`);

    await page.getByLabel("Website").fill("https://example.com");
    await Promise.all([page.waitForURL(/done=published/), page.getByRole("button", { name: "Save and publish" }).click()]);
    expect(await page.getByRole("status").first().textContent()).toContain("published");
    expect(await eventually(() => searchFinds(browser, word, A.slug))).toBe(true);
    expect((await page.goto(`/partners/${A.slug}`))?.status()).toBe(200);

    // The history names the actor and the fields.
    await page.goto(`${editor}/history`);
    const rows = page.locator('[data-testid="revision"]');
    expect(await rows.first().textContent()).toContain("Published");
    expect(await rows.nth(1).textContent()).toContain("Headline (English)");

    await page.goto(editor);
    await Promise.all([page.waitForURL(/done=unpublished/), page.getByRole("button", { name: "Unpublish" }).click()]);
    expect((await page.goto(`/partners/${A.slug}`))?.status()).toBe(404);
    expect(await eventually(async () => !(await searchFinds(browser, word, A.slug)))).toBe(true);
  });

  it("R1: a pending organization saves and previews, but is told why it can't publish", async () => {
    const { page } = browser;
    await signIn(browser, PENDING.email);
    const editor = `/portal/${PENDING.slug}/listing`;
    await page.goto(editor);
    expect(await page.locator("#not-authorized").textContent()).toContain("pending");
    await page.getByLabel("Headline (English)").fill("Waiting for authorization");
    await Promise.all([page.waitForURL(/error=notAuthorized/), page.getByRole("button", { name: "Save and publish" }).click()]);
    expect(await page.locator("#not-authorized a").getAttribute("href")).toBe(`/portal/${PENDING.slug}`);
    expect((await page.goto(`/partners/${PENDING.slug}`))?.status()).toBe(404);
    const preview = await page.goto(`${editor}/preview`);
    expect(preview?.status()).toBe(200);
    expect(await page.locator(".listing-header__lead").textContent()).toBe("Waiting for authorization");
  });

  it("tenant isolation: A's member gets 404 for B's editor pages and posts", async () => {
    const { page, baseURL } = browser;
    await signIn(browser, A.email);
    for (const path of ["/listing", "/listing/preview", "/listing/history", "/listing/logo"]) {
      for (const prefix of ["", "/ko"]) {
        const response = await page.goto(`${prefix}/portal/${B.slug}${path}`);
        expect(response?.status(), `${prefix}${path}`).toBe(404);
      }
    }
    const forms: Record<string, string>[] = [{ intent: "save", version: "0", name: "Hijacked", headline_en: "Hijacked" }, { intent: "unpublish" }];
    for (const form of forms) {
      const response = await page.request.post(`/portal/${B.slug}/listing`, { form, headers: { origin: baseURL }, maxRedirects: 0 });
      expect(response.status(), form.intent).toBe(404);
    }
    const upload = await page.request.post(`/portal/${B.slug}/listing/logo`, {
      multipart: { intent: "upload", logo: { name: "x.png", mimeType: "image/png", buffer: Buffer.from([0x89, 0x50]) } },
      headers: { origin: baseURL },
      maxRedirects: 0,
    });
    expect(upload.status()).toBe(404);
  });
});
