// Middleware authenticates (fills locals.user/session) and sets security headers; it never authorizes:
// each page and endpoint checks its own permission (architecture convention 2).
import { defineMiddleware } from "astro:middleware";
import { validateSessionToken } from "./domain/auth/sessions.ts";
import { getContainer } from "./server/container.ts";
import { clearSessionCookie, sessionCookieName, setSessionCookie } from "./server/session-cookie.ts";

const STATE_CHANGING = new Set(["POST", "PUT", "PATCH", "DELETE"]);

/** Astro's checkOrigin covers form posts only; JSON and other bodies get the same rule here. */
function crossSite(request: Request, url: URL): boolean {
  if (!STATE_CHANGING.has(request.method)) return false;
  // API keys (not cookies) authenticate machine clients: no ambient credentials, no CSRF.
  if (request.headers.get("authorization")?.startsWith("Bearer ")) return false;
  const origin = request.headers.get("origin");
  if (origin) return origin !== url.origin;
  const site = request.headers.get("sec-fetch-site");
  return site !== null && site !== "same-origin" && site !== "none";
}

export const onRequest = defineMiddleware(async (context, next) => {
  const { env, db } = getContainer();
  const production = env.NODE_ENV === "production";
  context.locals.user = null;
  context.locals.session = null;

  if (crossSite(context.request, context.url)) {
    return new Response(JSON.stringify({ error: "cross_site_request" }), {
      status: 403,
      headers: { "content-type": "application/json; charset=utf-8" },
    });
  }

  const token = context.cookies.get(sessionCookieName(production))?.value;
  if (token) {
    const result = await validateSessionToken(db, token).catch(() => null);
    if (result) {
      context.locals.user = result.user;
      context.locals.session = result.session;
      if (result.refreshed) setSessionCookie(context.cookies, token, result.session.expiresAt, production);
    } else {
      clearSessionCookie(context.cookies, production);
    }
  }

  let response = await next();
  try {
    response.headers.set("X-Content-Type-Options", "nosniff");
  } catch {
    // Some responses (Response.redirect) have immutable headers: copy them into a new response.
    response = new Response(response.body, response);
  }
  const headers = response.headers;
  headers.set("X-Content-Type-Options", "nosniff");
  headers.set("Referrer-Policy", "strict-origin-when-cross-origin");
  headers.set("X-Frame-Options", "DENY");
  headers.set("Cross-Origin-Opener-Policy", "same-origin");
  headers.set("Permissions-Policy", "camera=(), microphone=(), geolocation=()");
  // Astro's csp sends the script/style hashes of each page in this header: keep them and add what it doesn't set.
  const extra = "frame-ancestors 'none'; base-uri 'self'; form-action 'self'; object-src 'none'";
  const csp = headers.get("Content-Security-Policy");
  headers.set("Content-Security-Policy", csp ? `${csp}; ${extra}` : extra);
  if (production) headers.set("Strict-Transport-Security", "max-age=31536000; includeSubDomains");
  if (context.locals.user && !headers.has("Cache-Control")) headers.set("Cache-Control", "private, no-store");
  return response;
});
