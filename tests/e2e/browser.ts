// A real Chromium for journeys: Debian's package driven by playwright-core (no browser download is possible here).
import { existsSync } from "node:fs";
import { type Browser, type BrowserContext, chromium, type Page } from "playwright-core";
import { afterAll, afterEach, beforeAll, beforeEach, inject } from "vitest";

const DEFAULT_CHROMIUM = "/usr/bin/chromium";

// Root in a container, no GPU, and no network beyond the app: keep Chromium from phoning home or sandboxing.
const CHROMIUM_ARGS = [
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
];

export function chromiumPath(): string {
  const executablePath = process.env.CHROMIUM_PATH || DEFAULT_CHROMIUM;
  if (!existsSync(executablePath)) {
    throw new Error(
      `No Chromium at ${executablePath}. install Debian's chromium: apt-get install -y chromium (or set CHROMIUM_PATH to a Chromium binary).`,
    );
  }
  return executablePath;
}

export function launchBrowser(): Promise<Browser> {
  return chromium.launch({ executablePath: chromiumPath(), headless: true, args: CHROMIUM_ARGS });
}

export interface BrowserOptions {
  /** false runs every page as a browser without JavaScript would (forms and links must still work). */
  javaScriptEnabled?: boolean;
  /** Sent as Accept-Language and navigator.language; pinned so no page depends on the machine's locale. */
  locale?: string;
}

export interface BrowserFixture {
  readonly browser: Browser;
  /** A fresh context per test: no cookies or storage carried over. */
  readonly context: BrowserContext;
  readonly page: Page;
  /** The server under test, e.g. http://127.0.0.1:43817; `page.goto("/x")` is relative to it. */
  readonly baseURL: string;
  /** Uncaught errors thrown by page scripts during the current test. */
  readonly pageErrors: Error[];
}

/** Registers hooks in the current describe block: one browser for the block, a new context and page per test. */
export function useBrowser(options: BrowserOptions = {}): BrowserFixture {
  let browser: Browser | undefined;
  let context: BrowserContext | undefined;
  let page: Page | undefined;
  let pageErrors: Error[] = [];
  const baseURL = inject("baseURL");

  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
  });
  beforeEach(async () => {
    context = await browser!.newContext({
      baseURL,
      javaScriptEnabled: options.javaScriptEnabled ?? true,
      locale: options.locale ?? "en-US",
      timezoneId: "UTC",
    });
    // Fail within the test's own timeout, with Playwright's message saying what it waited for.
    context.setDefaultTimeout(15_000);
    page = await context.newPage();
    pageErrors = [];
    page.on("pageerror", (error) => pageErrors.push(error));
  });
  afterEach(async () => {
    await context?.close();
    context = undefined;
    page = undefined;
  });

  const required = <T>(value: T | undefined, name: string): T => {
    if (value === undefined) throw new Error(`useBrowser(): ${name} is only available inside a test`);
    return value;
  };
  return {
    get browser() {
      return required(browser, "browser");
    },
    get context() {
      return required(context, "context");
    },
    get page() {
      return required(page, "page");
    },
    baseURL,
    get pageErrors() {
      return pageErrors;
    },
  };
}
