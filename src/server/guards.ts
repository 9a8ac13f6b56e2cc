// Authorization helpers for pages and endpoints: each handler calls the one it needs (convention 2).
import type { AstroGlobal } from "astro";
import type { SessionUser } from "../domain/auth/sessions.ts";
import { requirePartnerPermission, type PartnerAccess } from "../domain/partners/membership.ts";
import type { PartnerPermission } from "../domain/partners/permissions.ts";
import { isDomainError } from "../domain/shared/errors.ts";
import { localeFromUrl, localePath } from "../i18n/ui.ts";
import { getContainer } from "./container.ts";

// What pages (AstroGlobal) and endpoints (APIContext) both have.
type Ctx = Pick<AstroGlobal, "locals" | "url" | "redirect" | "rewrite">;

/** The signed-in user, or a 303 to the sign-in page that comes back here afterwards. */
export function requireUser(ctx: Ctx): SessionUser | Response {
  if (ctx.locals.user) return ctx.locals.user;
  const next = ctx.url.pathname + ctx.url.search;
  return ctx.redirect(`${localePath(localeFromUrl(ctx.url), "/sign-in")}?next=${encodeURIComponent(next)}`, 303);
}

/** Operators only; anyone else sees the 404 page (the console's existence is not advertised). */
export async function requireOperator(ctx: Ctx): Promise<SessionUser | Response> {
  const user = requireUser(ctx);
  if (user instanceof Response) return user;
  if (!user.isOperator) return notFound(ctx);
  return user;
}

/** Membership of the organization in the URL with a permission: non-members get 404, members without it 403. */
export async function requirePartner(
  ctx: Ctx,
  partnerSlug: string | undefined,
  permission: PartnerPermission,
): Promise<{ user: SessionUser; access: PartnerAccess } | Response> {
  const user = requireUser(ctx);
  if (user instanceof Response) return user;
  if (!partnerSlug) return notFound(ctx);
  try {
    const access = await requirePartnerPermission(getContainer().db, user.id, partnerSlug, permission);
    return { user, access };
  } catch (error) {
    if (isDomainError(error, "NOT_FOUND")) return notFound(ctx);
    if (isDomainError(error, "FORBIDDEN")) return forbidden(ctx);
    throw error;
  }
}

export function notFound(ctx: Ctx): Promise<Response> {
  return ctx.rewrite("/404");
}

export function forbidden(_ctx: Ctx): Response {
  return new Response("Forbidden", { status: 403, headers: { "content-type": "text/plain; charset=utf-8" } });
}

/** Safe post-sign-in destination: a local path only (no open redirect). */
export function safeNext(next: string | null | undefined, fallback: string): string {
  return next && next.startsWith("/") && !next.startsWith("//") && !next.startsWith("/\\") ? next : fallback;
}

/** The client's address for per-client rate limits. */
export function clientKey(ctx: { clientAddress: string }): string {
  try {
    return ctx.clientAddress;
  } catch {
    return "unknown";
  }
}
