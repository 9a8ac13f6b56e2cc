// The preview and history pages' edge: authorize with listing.edit, then load what they show.
import type { AstroGlobal } from "astro";
import { getDraftPreview, getEditorState, listRevisions, type RevisionEntry } from "../../domain/listings/editor.ts";
import type { PublicListing } from "../../domain/listings/repository.ts";
import type { PartnerAccess } from "../../domain/partners/membership.ts";
import type { Locale } from "../../i18n/ui.ts";
import { getContainer } from "../../server/container.ts";
import { requirePartner } from "../../server/guards.ts";
import { editorPath } from "./editor-page.ts";

export interface PreviewProps {
  locale: Locale;
  access: PartnerAccess;
  listing: PublicListing;
  logoUrl: string | null;
  /** The draft lacks what a public listing must have (a headline): say so above the preview. */
  incomplete: boolean;
}

export async function handlePreview(Astro: AstroGlobal, locale: Locale): Promise<PreviewProps | Response> {
  const guard = await requirePartner(Astro, Astro.params.org, "listing.edit");
  if (guard instanceof Response) return guard;
  const { user, access } = guard;
  const { db } = getContainer();
  const actor = { userId: user.id, partnerSlug: access.slug };
  const state = await getEditorState(db, actor);
  const listing = await getDraftPreview(db, actor, locale, state);
  return {
    locale,
    access,
    listing,
    logoUrl: state.hasLogo ? editorPath(locale, access.slug, "/logo") : null,
    incomplete: listing.headline === "",
  };
}

export interface HistoryProps {
  locale: Locale;
  access: PartnerAccess;
  revisions: RevisionEntry[];
}

export async function handleHistory(Astro: AstroGlobal, locale: Locale): Promise<HistoryProps | Response> {
  const guard = await requirePartner(Astro, Astro.params.org, "listing.edit");
  if (guard instanceof Response) return guard;
  const { user, access } = guard;
  const revisions = await listRevisions(getContainer().db, { userId: user.id, partnerSlug: access.slug }, { limit: 200 });
  return { locale, access, revisions };
}
