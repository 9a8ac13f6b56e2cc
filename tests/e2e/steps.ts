// Steps the browser journeys share: signing in through the real form, and waiting for async work (search sync).
import { DEMO_PASSWORD } from "../../db/seed/seed.ts";
import type { BrowserFixture } from "./browser.ts";

export async function signIn(browser: BrowserFixture, email: string, password: string = DEMO_PASSWORD): Promise<void> {
  const { page } = browser;
  await page.goto("/sign-in");
  await page.getByLabel("Email address").fill(email);
  await page.getByLabel("Password").fill(password);
  await Promise.all([page.waitForURL((url) => url.pathname !== "/sign-in"), page.getByRole("button", { name: "Sign in" }).click()]);
}

/** Polls `check` until it holds or the time is up; returns whether it held. */
export async function eventually(check: () => Promise<boolean>, timeoutMs = 30_000): Promise<boolean> {
  const until = Date.now() + timeoutMs;
  while (Date.now() < until) {
    if (await check()) return true;
    await new Promise((r) => setTimeout(r, 500));
  }
  return false;
}
