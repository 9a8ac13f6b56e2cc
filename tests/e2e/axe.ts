// Runs axe-core (the npm package, injected as a script) on the current page; returns its violations.
import { createRequire } from "node:module";
import { readFileSync } from "node:fs";
import type { Page } from "playwright-core";
import type { BrowserFixture } from "./browser.ts";

const axeSource = readFileSync(createRequire(import.meta.url).resolve("axe-core/axe.min.js"), "utf8");

export interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: Array<{ target: string[] }>;
}

/**
 * Checks the page at the URL `page` shows. axe is a script, and a context may have JavaScript off,
 * so the check loads the same URL in a fresh JavaScript-enabled context of the same browser.
 */
export async function axeViolations(page: Page): Promise<AxeViolation[]> {
  // bypassCSP: the page's CSP (rightly) refuses the injected axe script.
  const context = await page.context().browser()!.newContext({ locale: "en-US", bypassCSP: true });
  try {
    const checked = await context.newPage();
    await checked.goto(page.url());
    return await runAxe(checked);
  } finally {
    await context.close();
  }
}

export interface SignedInAxeOptions {
  /**
   * Check this HTML as the document instead of requesting `path` again: for a page that shows something once
   * (a new secret), which a second request would no longer show. Styles, images and the like still come from the server.
   */
  html?: string;
}

/**
 * axe on a signed-in page: axeViolations() opens an anonymous context, so this one carries the fixture's cookies
 * (the session) over to a JavaScript-enabled context of the same browser.
 */
export async function axeSignedIn(browser: BrowserFixture, path: string, options: SignedInAxeOptions = {}): Promise<AxeViolation[]> {
  const context = await browser.browser.newContext({ baseURL: browser.baseURL, locale: "en-US", bypassCSP: true });
  try {
    await context.addCookies(await browser.context.cookies());
    const page = await context.newPage();
    const url = new URL(path, browser.baseURL).href;
    if (options.html !== undefined) {
      const body = options.html;
      // A predicate, not a glob: the path may carry a query string.
      await page.route((u) => u.href === url, (route) => route.fulfill({ status: 200, contentType: "text/html; charset=utf-8", body }), {
        times: 1,
      });
    }
    await page.goto(url);
    return await runAxe(page);
  } finally {
    await context.close();
  }
}

async function runAxe(page: Page): Promise<AxeViolation[]> {
  await page.addScriptTag({ content: axeSource });
  return page.evaluate(async () => {
    const axe = (globalThis as unknown as { axe: { run: (ctx: Document, opts: object) => Promise<{ violations: AxeViolation[] }> } }).axe;
    const result = await axe.run(document, { resultTypes: ["violations"] });
    return result.violations.map((v) => ({ id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.map((n) => ({ target: n.target })) }));
  });
}
