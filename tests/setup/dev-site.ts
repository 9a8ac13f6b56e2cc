// Pages rendered by Astro's dev server in the test process, over the test file's own Postgres (and Meilisearch when
// given): started once per file, with signed-in requests by user id and form posts the way a browser sends them.
import path from "node:path";
import { dev } from "astro";
import { afterAll, beforeAll } from "vitest";
import { createSession } from "../../src/domain/auth/sessions.ts";
import { freePort } from "../../src/server/process-utils.ts";
import { sessionCookieName } from "../../src/server/session-cookie.ts";
import type { TestDatabase } from "./db.ts";

const root = path.resolve(import.meta.dirname, "../..");

export interface PageReply {
  status: number;
  location: string | null;
  retryAfter: string | null;
  setCookie: string[];
  html: string;
}

export interface RequestOptions {
  /** Signed in as this user (a session is created once per user). */
  userId?: string;
  /** More cookies, e.g. one a previous reply set: "name=value". */
  cookie?: string;
}

export interface DevSite {
  readonly base: string;
  get(path: string, options?: RequestOptions): Promise<PageReply>;
  /** A same-origin form POST (Astro's origin check passes, as for a browser). */
  post(path: string, form: Record<string, string> | Array<[string, string]>, options?: RequestOptions): Promise<PageReply>;
}

/**
 * Registers beforeAll/afterAll hooks: call it after `useTestDatabase()` (and `useTestSearch()`). `env` is read when
 * the server starts, after the earlier hooks ran; the app reads its servers from the environment on the first request.
 */
export function useDevSite(t: TestDatabase, env: () => Record<string, string> = () => ({})): DevSite {
  let server: Awaited<ReturnType<typeof dev>> | undefined;
  let base = "";
  const saved = { ...process.env };
  const sessions = new Map<string, string>();

  const cookieHeader = async ({ userId, cookie }: RequestOptions = {}): Promise<Record<string, string>> => {
    const parts: string[] = [];
    if (userId) {
      if (!sessions.has(userId)) sessions.set(userId, `${sessionCookieName(false)}=${(await createSession(t.db, userId)).token}`);
      parts.push(sessions.get(userId)!);
    }
    if (cookie) parts.push(cookie);
    return parts.length ? { cookie: parts.join("; ") } : {};
  };
  const reply = async (response: Response): Promise<PageReply> => ({
    status: response.status,
    location: response.headers.get("location"),
    retryAfter: response.headers.get("retry-after"),
    setCookie: response.headers.getSetCookie(),
    html: await response.text(),
  });

  beforeAll(async () => {
    delete process.env.MEILI_URL;
    Object.assign(process.env, { DATABASE_URL: t.url, LOG_LEVEL: "silent", ASTRO_TELEMETRY_DISABLED: "1", RUN_WORKER: "false" }, env());
    const port = await freePort();
    // Astro's dev server leaves routing to the test runner when it sees VITEST (for its container API); here it
    // must serve pages itself, so it starts without that flag.
    const vitest = process.env.VITEST;
    delete process.env.VITEST;
    try {
      server = await dev({ root, logLevel: "silent", server: { host: "127.0.0.1", port }, devToolbar: { enabled: false } });
    } finally {
      process.env.VITEST = vitest;
    }
    base = `http://127.0.0.1:${server.address.port}`;
  }, 120_000);

  afterAll(async () => {
    await server?.stop();
    process.env = saved;
  });

  return {
    get base() {
      return base;
    },
    async get(pathAndQuery, options) {
      return reply(await fetch(base + pathAndQuery, { redirect: "manual", headers: await cookieHeader(options) }));
    },
    async post(pathAndQuery, form, options) {
      return reply(
        await fetch(base + pathAndQuery, {
          method: "POST",
          redirect: "manual",
          headers: { origin: base, "content-type": "application/x-www-form-urlencoded", ...(await cookieHeader(options)) },
          body: new URLSearchParams(form).toString(),
        }),
      );
    },
  };
}
