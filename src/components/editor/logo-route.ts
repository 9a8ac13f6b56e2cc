// Logo routes: the members' upload/remove (POST) and thumbnail (GET), and the public image of a listed partner.
import type { APIContext } from "astro";
import { getOwnLogo, getPublicLogo, LOGO_MAX_BYTES, removeLogo, saveLogo, type StoredLogo } from "../../domain/listings/logo.ts";
import { isDomainError } from "../../domain/shared/errors.ts";
import type { Locale } from "../../i18n/ui.ts";
import { getContainer } from "../../server/container.ts";
import { requirePartner } from "../../server/guards.ts";
import { editorPath } from "./editor-page.ts";

/** Room for the multipart envelope around a maximal file. */
const ENVELOPE = 16 * 1024;

function imageResponse(logo: StoredLogo, cacheControl: string): Response {
  return new Response(new Uint8Array(logo.data), {
    status: 200,
    headers: {
      // Only content types we produced (listing_logos allows image/png and image/webp).
      "Content-Type": logo.contentType,
      "Content-Length": String(logo.data.byteLength),
      "X-Content-Type-Options": "nosniff",
      "Cache-Control": cacheControl,
      "Last-Modified": logo.updatedAt.toUTCString(),
      "Content-Disposition": "inline",
    },
  });
}

/** Members only (listing.edit): the current logo whatever the listing's state, never cached by shared caches. */
export async function ownLogoGet(ctx: APIContext): Promise<Response> {
  const guard = await requirePartner(ctx, ctx.params.org, "listing.edit");
  if (guard instanceof Response) return guard;
  const logo = await getOwnLogo(getContainer().db, { userId: guard.user.id, partnerSlug: guard.access.slug });
  if (!logo) return new Response("Not found", { status: 404, headers: { "content-type": "text/plain; charset=utf-8" } });
  return imageResponse(logo, "private, no-cache");
}

/** Upload (intent=upload) or remove (intent=remove); always answers with a 303 back to the editor. */
export async function ownLogoPost(ctx: APIContext, locale: Locale): Promise<Response> {
  const guard = await requirePartner(ctx, ctx.params.org, "listing.edit");
  if (guard instanceof Response) return guard;
  const actor = { userId: guard.user.id, partnerSlug: guard.access.slug };
  const back = (query: string) => ctx.redirect(`${editorPath(locale, guard.access.slug)}?${query}#logo`, 303);
  const { db } = getContainer();

  // Refuse an oversize body before reading it into memory.
  const length = Number(ctx.request.headers.get("content-length") ?? "0");
  if (length > LOGO_MAX_BYTES + ENVELOPE) return back("logoError=tooLarge");

  let form: FormData;
  try {
    form = await ctx.request.formData();
  } catch {
    return back("logoError=empty");
  }
  if (form.get("intent") === "remove") {
    await removeLogo(db, { actor });
    return back("done=logoRemoved");
  }
  const file = form.get("logo");
  if (!(file instanceof File) || file.size === 0) return back("logoError=empty");
  try {
    await saveLogo(db, { actor, bytes: new Uint8Array(await file.arrayBuffer()) });
  } catch (error) {
    if (isDomainError(error, "VALIDATION_FAILED")) {
      const key = error.fields.logo?.[0] ?? "editor.logo.error.unreadable";
      return back(`logoError=${encodeURIComponent(key.replace("editor.logo.error.", ""))}`);
    }
    throw error;
  }
  return back("done=logoSaved");
}

/** Public: only a listed partner's logo (R1); cached for a while, since the URL is stable and logos change rarely. */
export async function publicLogoGet(ctx: APIContext): Promise<Response> {
  const logo = await getPublicLogo(getContainer().db, ctx.params.slug ?? "");
  if (!logo) return new Response("Not found", { status: 404, headers: { "content-type": "text/plain; charset=utf-8" } });
  const since = ctx.request.headers.get("if-modified-since");
  if (since && Date.parse(since) >= Math.floor(logo.updatedAt.getTime() / 1000) * 1000) {
    return new Response(null, { status: 304, headers: { "Cache-Control": "public, max-age=3600" } });
  }
  return imageResponse(logo, "public, max-age=3600");
}
