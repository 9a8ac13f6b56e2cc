// Request handling of the lead inbox pages and the CSV export, shared by the English and Korean routes:
// authorize → parse → domain → map.
import type { APIContext, AstroGlobal } from "astro";
import { exportLeadsCsv } from "../../domain/leads/csv.ts";
import { getFunnel, type Funnel } from "../../domain/leads/funnel.ts";
import {
  addLeadNote,
  assignLead,
  changeLeadStatus,
  getLead,
  listAssignableMembers,
  listLeads,
  listServiceOptions,
  type AssignableMember,
  type LeadDetail,
  type LeadList,
  type ServiceOption,
} from "../../domain/leads/inbox.ts";
import { assignFormSchema, changeStatusSchema, noteFormSchema, readListQuery } from "../../domain/leads/inbox-schema.ts";
import type { PartnerAccess } from "../../domain/partners/membership.ts";
import { isDomainError } from "../../domain/shared/errors.ts";
import { localePath, type Locale } from "../../i18n/ui.ts";
import { getContainer } from "../../server/container.ts";
import { formRefusal, invalidForm, withMessage } from "../../server/form-page.ts";
import { readForm, type FieldErrors, type FormValues } from "../../server/forms.ts";
import { notFound, requirePartner } from "../../server/guards.ts";

type Ctx = AstroGlobal;

export interface LeadListProps {
  locale: Locale;
  list: LeadList;
  services: ServiceOption[];
  members: AssignableMember[];
}

export async function leadListRoute(ctx: Ctx, locale: Locale): Promise<Response | LeadListProps> {
  const auth = await requirePartner(ctx, ctx.params.org, "leads.view");
  if (auth instanceof Response) return auth;
  const { db } = getContainer();
  const query = readListQuery(ctx.url.searchParams);
  const [list, services, members] = await Promise.all([
    listLeads(db, { userId: auth.user.id }, auth.access.slug, query),
    listServiceOptions(db),
    listAssignableMembers(db, auth.access.partnerId),
  ]);
  return { locale, list, services, members };
}

export type LeadFormIntent = "status" | "assign" | "note";

export interface LeadPageProps {
  locale: Locale;
  partner: PartnerAccess;
  lead: LeadDetail;
  members: AssignableMember[];
  done: LeadFormIntent | null;
  /** The form that was posted and refused, with its errors and the input to keep. */
  form: { intent: LeadFormIntent | null; errors: FieldErrors; values: FormValues };
}

const INTENTS: readonly LeadFormIntent[] = ["status", "assign", "note"];
const SCHEMAS = { status: changeStatusSchema, assign: assignFormSchema, note: noteFormSchema } as const;

export async function leadRoute(ctx: Ctx, locale: Locale): Promise<Response | LeadPageProps> {
  const auth = await requirePartner(ctx, ctx.params.org, "leads.view");
  if (auth instanceof Response) return auth;
  const { db } = getContainer();
  const actor = { userId: auth.user.id };
  const slug = auth.access.slug;
  const leadId = ctx.params.id ?? "";
  let form: LeadPageProps["form"] = { intent: null, errors: {}, values: {} };

  if (ctx.request.method === "POST") {
    // Working a lead is its own permission, checked again on the POST.
    const work = await requirePartner(ctx, slug, "leads.work");
    if (work instanceof Response) return work;
    // The intent comes from the query string of the form's action, so the body is read once, by readForm.
    const intentParam = ctx.url.searchParams.get("intent") ?? "status";
    const intent = (INTENTS as readonly string[]).includes(intentParam) ? (intentParam as LeadFormIntent) : "status";
    const parsed = await readForm(ctx.request, SCHEMAS[intent], locale);
    if (!parsed.ok) {
      form = { intent, errors: withMessage(invalidForm(ctx, locale, intent, parsed)), values: parsed.values };
    } else {
      try {
        if (intent === "status") await changeLeadStatus(db, actor, slug, leadId, parsed.data as never);
        else if (intent === "assign") await assignLead(db, actor, slug, leadId, (parsed.data as { assigneeUserId: string | null }).assigneeUserId);
        else {
          const { note, noteKey } = parsed.data as { note: string; noteKey?: string };
          await addLeadNote(db, actor, slug, leadId, note, noteKey);
        }
        const anchor = intent === "note" ? "#timeline-heading" : "";
        return ctx.redirect(`${localePath(locale, `/portal/${encodeURIComponent(slug)}/leads/${encodeURIComponent(leadId)}`)}?done=${intent}${anchor}`, 303);
      } catch (error) {
        if (isDomainError(error, "NOT_FOUND")) return notFound(ctx);
        const refused = formRefusal(ctx, locale, error, intent, parsed.values, { CONFLICT: "leads.inbox.error.conflict" });
        // After a conflict the page shows the lead as it is now, so the stale input is dropped.
        form = { intent, errors: withMessage(refused), values: isDomainError(error, "CONFLICT") ? {} : parsed.values };
      }
    }
  }

  try {
    const [{ partner, lead }, members] = await Promise.all([getLead(db, actor, slug, leadId), listAssignableMembers(db, auth.access.partnerId)]);
    const doneParam = ctx.url.searchParams.get("done");
    const done = ctx.request.method === "GET" && (INTENTS as readonly string[]).includes(doneParam ?? "") ? (doneParam as LeadFormIntent) : null;
    return { locale, partner, lead, members, done, form };
  } catch (error) {
    if (isDomainError(error, "NOT_FOUND")) return notFound(ctx);
    throw error;
  }
}

/** GET …/leads/export.csv: the filtered list (same query as the list page, no pagination) as a download. */
export async function leadCsvRoute(ctx: APIContext, locale: Locale): Promise<Response> {
  const auth = await requirePartner(ctx, ctx.params.org, "leads.view");
  if (auth instanceof Response) return auth;
  const { page: _page, pageSize: _size, ...query } = readListQuery(ctx.url.searchParams);
  const csv = await exportLeadsCsv(getContainer().db, { userId: auth.user.id }, auth.access.slug, query, locale);
  const day = new Date().toISOString().slice(0, 10);
  const filename = `leads-${csv.partnerSlug}-${day}.csv`.replace(/[^A-Za-z0-9._-]/g, "_");
  return new Response(csv.body, {
    status: 200,
    headers: {
      "content-type": "text/csv; charset=utf-8; header=present",
      "content-disposition": `attachment; filename="${filename}"`,
      "cache-control": "private, no-store",
      "x-content-type-options": "nosniff",
      ...(csv.truncated ? { "x-truncated": "true" } : {}),
    },
  });
}

export interface FunnelProps {
  locale: Locale;
  partner: PartnerAccess;
  funnel: Funnel;
}

export async function funnelRoute(ctx: Ctx, locale: Locale): Promise<Response | FunnelProps> {
  const auth = await requirePartner(ctx, ctx.params.org, "leads.view");
  if (auth instanceof Response) return auth;
  const { partner, funnel } = await getFunnel(getContainer().db, { userId: auth.user.id }, auth.access.slug);
  return { locale, partner, funnel };
}
