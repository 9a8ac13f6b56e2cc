// The editor pages' edge: authorize (requirePartner), parse the form, call the listing services, map the
// outcome to a redirect (POST/redirect/GET) or to props for re-rendering with the user's input kept.
import type { AstroGlobal } from "astro";
import type { z } from "zod";
import type { SessionUser } from "../../domain/auth/sessions.ts";
import {
  changedFields,
  DRAFT_FIELDS,
  type DraftField,
  draftFromForm,
  EditorFormSchema,
  type ListingDraftData,
} from "../../domain/listings/editor-schema.ts";
import {
  type Actor,
  type EditorState,
  getEditorState,
  listActiveServices,
  publishListing,
  saveDraft,
  unpublishListing,
} from "../../domain/listings/editor.ts";
import type { ServiceRef } from "../../domain/listings/repository.ts";
import type { PartnerAccess } from "../../domain/partners/membership.ts";
import { can } from "../../domain/partners/permissions.ts";
import { isDomainError } from "../../domain/shared/errors.ts";
import { type Locale, localePath, t } from "../../i18n/ui.ts";
import { getContainer } from "../../server/container.ts";
import { type FieldErrors, fieldErrorsFrom, type FormValues, formToValues, localizeMessage } from "../../server/forms.ts";
import { forbidden, requirePartner } from "../../server/guards.ts";

type Ctx = AstroGlobal;

export const FLASHES = ["saved", "unchanged", "published", "unpublished", "logoSaved", "logoRemoved"] as const;
export type Flash = (typeof FLASHES)[number];
export const PAGE_ERRORS = ["notAuthorized", "notPublished", "fixBeforePublish", "stale"] as const;
export type PageError = (typeof PAGE_ERRORS)[number];
const LOGO_ERRORS = ["empty", "tooLarge", "type", "unreadable"] as const;
export type LogoError = (typeof LOGO_ERRORS)[number];

export interface Conflict {
  /** The version now stored: "save mine anyway" sends it, so a third save in between is still caught. */
  version: number;
  by: string | null;
  at: Date | null;
  fields: DraftField[];
}

export interface EditorProps {
  locale: Locale;
  access: PartnerAccess;
  user: SessionUser;
  state: EditorState;
  services: ServiceRef[];
  values: FormValues;
  errors: FieldErrors;
  flash: Flash | null;
  pageError: PageError | null;
  logoError: LogoError | null;
  conflict: Conflict | null;
  canPublish: boolean;
}

/** Stored draft → the form's values (what the inputs show). */
export function draftToValues(draft: ListingDraftData, version: number): FormValues {
  const values: FormValues = { version: String(version) };
  for (const field of DRAFT_FIELDS) {
    const v = draft[field];
    values[field] = Array.isArray(v) ? [...v] : (v ?? "");
  }
  return values;
}

export const asArray = (v: string | string[] | undefined): string[] => (v === undefined || v === "" ? [] : Array.isArray(v) ? v : [v]);
export const asString = (v: string | string[] | undefined): string => (Array.isArray(v) ? (v[0] ?? "") : (v ?? ""));

const pick = <T extends string>(allowed: readonly T[], value: string | null): T | null =>
  value !== null && (allowed as readonly string[]).includes(value) ? (value as T) : null;

export function editorPath(locale: Locale, slug: string, sub = ""): string {
  return localePath(locale, `/portal/${slug}/listing${sub}`);
}

function localizeFields(fields: Record<string, string[]>, locale: Locale): FieldErrors {
  return Object.fromEntries(Object.entries(fields).map(([k, msgs]) => [k, msgs.map((m) => localizeMessage(m, locale))]));
}

/** GET renders; POST saves / publishes / unpublishes and redirects, or returns props to re-render with errors. */
export async function handleEditor(Astro: Ctx, locale: Locale): Promise<EditorProps | Response> {
  const guard = await requirePartner(Astro, Astro.params.org, "listing.edit");
  if (guard instanceof Response) return guard;
  const { user, access } = guard;
  const { db } = getContainer();
  const actor: Actor = { userId: user.id, partnerSlug: access.slug };
  const canPublish = can(access.role, "listing.publish");
  const here = editorPath(locale, access.slug);
  const redirect = (query: string) => Astro.redirect(`${here}?${query}`, 303);

  const base = async (): Promise<Omit<EditorProps, "values" | "errors" | "conflict" | "flash" | "pageError" | "logoError">> => ({
    locale,
    access,
    user,
    state: await getEditorState(db, actor),
    services: await listActiveServices(db, locale),
    canPublish,
  });

  if (Astro.request.method === "POST") {
    let values: FormValues;
    try {
      values = formToValues(await Astro.request.formData());
    } catch {
      const props = await base();
      return { ...props, values: draftToValues(props.state.draft, props.state.version), errors: { _form: [t(locale, "form.unreadable")] }, conflict: null, flash: null, pageError: null, logoError: null };
    }
    const intent = asString(values.intent);

    if (intent === "unpublish") {
      if (!canPublish) return forbidden(Astro);
      try {
        await unpublishListing(db, { actor });
      } catch (error) {
        if (isDomainError(error, "CONFLICT")) return redirect("error=notPublished");
        throw error;
      }
      return redirect("done=unpublished");
    }

    if (intent !== "save" && intent !== "publish" && intent !== "overwrite") return redirect("");
    if (intent === "publish" && !canPublish) return forbidden(Astro);

    const rerender = async (errors: FieldErrors, conflict: Conflict | null = null, pageError: PageError | null = null) => ({
      ...(await base()),
      values,
      errors,
      conflict,
      flash: null,
      pageError,
      logoError: null,
    });

    const parsed = EditorFormSchema.safeParse(values);
    if (!parsed.success) return rerender(fieldErrorsFrom(parsed.error as z.ZodError, locale));
    const data = draftFromForm(parsed.data);
    const expectedVersion = intent === "overwrite" ? Number(asString(values.conflict_version)) : parsed.data.version;

    let saved;
    try {
      saved = await saveDraft(db, { actor, expectedVersion, data });
    } catch (error) {
      if (isDomainError(error, "STALE_VERSION")) {
        // Nothing was written: show who saved, which fields differ from the user's input, and keep that input.
        const state = await getEditorState(db, actor);
        return rerender({}, { version: state.version, by: state.draftUpdatedBy, at: state.draftUpdatedAt, fields: changedFields(state.draft, data) }, "stale");
      }
      if (isDomainError(error, "VALIDATION_FAILED")) return rerender(localizeFields(error.fields, locale));
      throw error;
    }

    if (intent === "publish") {
      try {
        await publishListing(db, { actor, expectedVersion: saved.version });
      } catch (error) {
        // The draft is saved either way; the page explains why it isn't public (R1).
        if (isDomainError(error, "PARTNER_NOT_AUTHORIZED")) return redirect("done=saved&error=notAuthorized");
        if (isDomainError(error, "VALIDATION_FAILED")) return redirect("done=saved&error=fixBeforePublish");
        if (isDomainError(error, "STALE_VERSION")) return redirect("error=stale");
        throw error;
      }
      return redirect("done=published");
    }
    return redirect(saved.changedFields.length === 0 ? "done=unchanged" : "done=saved");
  }

  const props = await base();
  const q = Astro.url.searchParams;
  return {
    ...props,
    values: draftToValues(props.state.draft, props.state.version),
    errors: {},
    conflict: null,
    flash: pick(FLASHES, q.get("done")),
    pageError: pick(PAGE_ERRORS, q.get("error")),
    logoError: pick(LOGO_ERRORS, q.get("logoError")),
  };
}

/** Field names as the user reads them, for the "unpublished changes" and conflict notes. */
export function fieldLabels(locale: Locale, fields: readonly string[]): string {
  const sep = locale === "ko" ? ", " : ", ";
  return fields
    .map((f) => ((DRAFT_FIELDS as readonly string[]).includes(f) || f === "logo" ? t(locale, `editor.field.${f as DraftField | "logo"}`) : f))
    .join(sep);
}
