// Request handling of the lead inbox pages, shared by the English and Korean route files: authorize → parse → domain → map.
import type { AstroGlobal } from "astro";
import { changeLeadStatus, getLead, listLeads, type LeadDetail, type LeadList } from "../../domain/leads/inbox.ts";
import { changeStatusSchema } from "../../domain/leads/inbox-schema.ts";
import type { PartnerAccess } from "../../domain/partners/membership.ts";
import { isDomainError } from "../../domain/shared/errors.ts";
import { isMessageKey, localePath, t, type Locale } from "../../i18n/ui.ts";
import { getContainer } from "../../server/container.ts";
import { STATUS_BY_CODE } from "../../server/errors.ts";
import { readForm, type FieldErrors, type FormValues } from "../../server/forms.ts";
import { notFound, requirePartner } from "../../server/guards.ts";

type Ctx = AstroGlobal;

export interface LeadListProps {
  locale: Locale;
  list: LeadList;
}

export async function leadListRoute(ctx: Ctx, locale: Locale): Promise<Response | LeadListProps> {
  const auth = await requirePartner(ctx, ctx.params.org, "leads.view");
  if (auth instanceof Response) return auth;
  const sp = ctx.url.searchParams;
  const list = await listLeads(getContainer().db, { userId: auth.user.id }, auth.access.slug, {
    status: (sp.get("status") ?? undefined) as never,
    q: sp.get("q") ?? undefined,
    page: sp.get("page") ?? 1,
  });
  return { locale, list };
}

export interface LeadPageProps {
  locale: Locale;
  partner: PartnerAccess;
  lead: LeadDetail;
  done: boolean;
  form: { errors: FieldErrors; values: FormValues };
}

export async function leadRoute(ctx: Ctx, locale: Locale): Promise<Response | LeadPageProps> {
  const auth = await requirePartner(ctx, ctx.params.org, "leads.view");
  if (auth instanceof Response) return auth;
  const { db } = getContainer();
  const actor = { userId: auth.user.id };
  const slug = auth.access.slug;
  const leadId = ctx.params.id ?? "";
  let form: LeadPageProps["form"] = { errors: {}, values: {} };

  if (ctx.request.method === "POST") {
    // Working a lead is its own permission, checked again on the POST.
    const work = await requirePartner(ctx, slug, "leads.work");
    if (work instanceof Response) return work;
    const parsed = await readForm(ctx.request, changeStatusSchema, locale);
    if (!parsed.ok) {
      ctx.response.status = 422;
      form = { errors: { _form: [t(locale, "form.fixErrors")], ...parsed.errors }, values: parsed.values };
    } else {
      try {
        await changeLeadStatus(db, actor, slug, leadId, parsed.data);
        return ctx.redirect(`${localePath(locale, `/portal/${encodeURIComponent(slug)}/leads/${encodeURIComponent(leadId)}`)}?done=status`, 303);
      } catch (error) {
        if (!isDomainError(error)) throw error;
        if (error.code === "NOT_FOUND") return notFound(ctx);
        ctx.response.status = STATUS_BY_CODE[error.code];
        const errors: FieldErrors = {};
        for (const [field, list] of Object.entries(error.fields)) errors[field] = list.map((m) => (isMessageKey(m) ? t(locale, m) : m));
        const message =
          error.code === "CONFLICT" ? t(locale, "leads.inbox.error.conflict") : Object.keys(errors).length ? t(locale, "form.fixErrors") : t(locale, "error.generic");
        form = { errors: { _form: [message], ...errors }, values: error.code === "CONFLICT" ? {} : parsed.values };
      }
    }
  }

  try {
    const { partner, lead } = await getLead(db, actor, slug, leadId);
    return { locale, partner, lead, done: ctx.url.searchParams.get("done") === "status", form };
  } catch (error) {
    if (isDomainError(error, "NOT_FOUND")) return notFound(ctx);
    throw error;
  }
}
