// The site's public origin for absolute URLs (canonical, Open Graph, JSON-LD, sitemap, API links).
import { localePath, type Locale } from "../i18n/ui.ts";

/**
 * PUBLIC_BASE_URL when set (behind a proxy the request's own origin is the internal one), else the request origin.
 * Read from process.env at run time, not through the container: the 404 page needs no database.
 */
export function siteOrigin(requestUrl: URL, env: Record<string, string | undefined> = process.env): string {
  const configured = env.PUBLIC_BASE_URL?.trim();
  if (configured) {
    try {
      const url = new URL(configured);
      if (url.protocol === "http:" || url.protocol === "https:") return url.origin;
    } catch {
      // parseEnv rejects a bad value at start; here it only falls back
    }
  }
  return requestUrl.origin;
}

/** `path` (already locale-prefixed or not) as an absolute URL on the public origin. */
export function absoluteUrl(origin: string, path: string): string {
  return new URL(path, origin).href;
}

/** A listing page's absolute URL in `locale`. */
export function listingUrl(origin: string, locale: Locale, slug: string): string {
  return absoluteUrl(origin, localePath(locale, `/partners/${encodeURIComponent(slug)}`));
}
