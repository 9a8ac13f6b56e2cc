// Request handling for /portal/[org]/notifications (issue 5), shared by both languages: a member's own new-lead and
// digest mails, and (owners/admins) the capacity pause. Plain POST forms, 303 on success, no JavaScript needed.
import type { AstroGlobal } from "astro";
import { z } from "zod";
import { setAcceptingRequests } from "../../domain/leads/capacity.ts";
import { getLeadSettings, updateMyNotificationPreferences, type LeadSettingsView } from "../../domain/leads/notifications.ts";
import { isDomainError } from "../../domain/shared/errors.ts";
import { localePath, t, type Locale } from "../../i18n/ui.ts";
import { getContainer } from "../../server/container.ts";
import { STATUS_BY_CODE } from "../../server/errors.ts";
import { postedAction } from "../../server/form-page.ts";
import { formCheckbox, readForm, type FieldErrors } from "../../server/forms.ts";
import { requirePartner } from "../../server/guards.ts";

const preferencesSchema = z.object({ newLeads: formCheckbox, digest: formCheckbox });
const capacitySchema = z.object({ paused: formCheckbox });

const DONE = ["preferences", "paused", "resumed"] as const;
type Done = (typeof DONE)[number];

export interface NotificationSettingsProps {
  locale: Locale;
  view: LeadSettingsView;
  done: Done | null;
  errors: FieldErrors;
}

export async function notificationSettingsRoute(ctx: AstroGlobal, locale: Locale): Promise<Response | NotificationSettingsProps> {
  const auth = await requirePartner(ctx, ctx.params.org, "org.view");
  if (auth instanceof Response) return auth;
  const { db } = getContainer();
  const actor = { db, userId: auth.user.id };
  const slug = auth.access.slug;
  const here = localePath(locale, `/portal/${encodeURIComponent(slug)}/notifications`);
  let errors: FieldErrors = {};

  if (ctx.request.method === "POST") {
    const action = await postedAction(ctx);
    try {
      if (action === "preferences") {
        const parsed = await readForm(ctx.request, preferencesSchema, locale);
        if (parsed.ok) {
          await updateMyNotificationPreferences(actor, slug, parsed.data);
          return ctx.redirect(`${here}?done=preferences`, 303);
        }
        errors = parsed.errors;
      } else if (action === "capacity") {
        // Owners and admins only; the page's own check only proved membership.
        const allowed = await requirePartner(ctx, slug, "org.manage");
        if (allowed instanceof Response) return allowed;
        const parsed = await readForm(ctx.request, capacitySchema, locale);
        if (parsed.ok) {
          await setAcceptingRequests(actor, slug, !parsed.data.paused);
          return ctx.redirect(`${here}?done=${parsed.data.paused ? "paused" : "resumed"}`, 303);
        }
        errors = parsed.errors;
      } else {
        errors = { _form: [t(locale, "portal.error.invalidRequest")] };
      }
      ctx.response.status = 400;
    } catch (error) {
      if (!isDomainError(error)) throw error;
      ctx.response.status = STATUS_BY_CODE[error.code];
      errors = { _form: [t(locale, error.code === "FORBIDDEN" ? "error.forbidden" : "error.generic")] };
    }
  }

  const view = await getLeadSettings(actor, slug);
  const doneParam = ctx.url.searchParams.get("done");
  const done = ctx.request.method === "GET" && DONE.includes(doneParam as Done) ? (doneParam as Done) : null;
  return { locale, view, done, errors };
}
