// The partner journey of issue 4 in a real browser (R1, R10): sign up → confirm the email from /dev/mail →
// sign the agreement → an operator created with the CLI authorizes the organization → fill in and publish
// the listing → a customer finds it on /partners.
import { execFileSync } from "node:child_process";
import path from "node:path";
import { describe, expect, inject, it } from "vitest";
import { useBrowser, type BrowserFixture } from "./browser.ts";
import { eventually, signIn } from "./steps.ts";

const root = path.resolve(import.meta.dirname, "../..");
const PASSWORD = "violet harbor tractor 42";

async function signOut(browser: BrowserFixture) {
  await Promise.all([browser.page.waitForURL((url) => url.pathname === "/"), browser.page.getByRole("button", { name: "Sign out" }).click()]);
}

describe("a new partner gets listed", () => {
  const browser = useBrowser({ javaScriptEnabled: false });

  it("signs up, confirms, is authorized by an operator, publishes, and is found", async () => {
    const { page } = browser;
    const unique = Date.now().toString(36);
    const email = `founder-${unique}@example.com`;
    const orgName = `Zephyrine Cloud ${unique}`;

    // 1. Sign up.
    await page.goto("/sign-up");
    await page.getByLabel("Your name").fill("Dana Founder");
    await page.getByLabel("Email address").fill(email);
    await page.getByLabel("Password").fill(PASSWORD);
    await page.getByLabel("Organization name").fill(orgName);
    await Promise.all([page.waitForURL(/sent=1/), page.getByRole("button", { name: "Create account" }).click()]);

    // 2. Signed in before confirming: every page asks to confirm the address.
    await signIn(browser, email, PASSWORD);
    await page.goto("/portal");
    expect(await page.locator('[data-testid="verify-banner"]').count()).toBe(1);

    // 3. The verification mail, read at /dev/mail; the link opens a confirmation page, the button spends the token.
    await page.goto("/dev/mail");
    await page.locator('[data-testid="mail-row"]', { hasText: email }).first().getByRole("link").first().click();
    const link = await page.locator('[data-testid="mail-link"]').first().getAttribute("href");
    expect(link).toContain("/verify-email");
    await page.goto(link!);
    await Promise.all([page.waitForURL(/done=1/), page.getByRole("button", { name: "Confirm my email address" }).click()]);

    // 4. Sign the partner agreement.
    await page.goto("/portal");
    expect(await page.locator('[data-testid="verify-banner"]').count()).toBe(0);
    const portalPath = new URL(page.url()).pathname;
    const slug = portalPath.split("/")[2]!;
    expect(slug).toBeTruthy();
    await page.goto(`/portal/${slug}/programs`);
    await page.getByLabel(/I accept the online services partner agreement/).check();
    await Promise.all([page.waitForURL(/done=/), page.getByRole("button", { name: "Sign the agreement" }).click()]);
    await signOut(browser);

    // 5. An operator created with the CLI (sharing the running servers) approves the organization.
    const operatorEmail = `ops-${unique}@example.com`;
    execFileSync(process.execPath, [path.join(root, "db/operator-create.ts"), "--email", operatorEmail, "--password", PASSWORD], {
      cwd: root,
      env: { ...process.env, ...inject("serverEnv"), NODE_ENV: "development" },
      stdio: "pipe",
    });
    await signIn(browser, operatorEmail, PASSWORD);
    await page.goto(`/operator/partners?q=${encodeURIComponent(orgName)}`);
    await page.getByRole("link", { name: orgName }).click();
    await Promise.all([page.waitForURL(/done=/), page.getByRole("button", { name: "Approve organization" }).click()]);
    await signOut(browser);

    // 6. The partner fills in the listing and publishes it.
    await signIn(browser, email, PASSWORD);
    await page.goto(`/portal/${slug}/listing`);
    const word = `Zephyrinemail${unique}`;
    await page.getByLabel("Headline (English)").fill(`${word}: mail migration for retailers`);
    await page.getByLabel("Website").fill("https://zephyrine.example.com");
    await Promise.all([page.waitForURL(/done=published/), page.getByRole("button", { name: "Save and publish" }).click()]);
    await signOut(browser);

    // 7. A customer finds it on /partners once the sync job has run.
    const found = await eventually(async () => {
      await page.goto(`/partners?q=${encodeURIComponent(word)}`);
      return (await page.locator('[data-testid="search-hit"]', { hasText: orgName }).count()) > 0;
    });
    expect(found).toBe(true);
    await page.locator('[data-testid="search-hit"]', { hasText: orgName }).first().getByRole("link").first().click();
    expect((await page.getByRole("heading", { level: 1 }).textContent())?.trim()).toBe(orgName);
  });
});
