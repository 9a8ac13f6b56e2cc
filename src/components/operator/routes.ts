// The operator console's request handling, shared by the English and Korean route files: authorize (operators
// only, else 404), run the POST through the domain, redirect 303 on success, or hand the page what it renders.
import type { AstroGlobal } from "astro";
import { syncListings } from "../../../search/indexer.ts";
import { listAuditLog } from "../../domain/operator/audit-log.ts";
import { listOffers, listServices, saveOffer, saveService, setOfferActive, setServiceActive } from "../../domain/operator/catalog.ts";
import type { OperatorContext } from "../../domain/operator/context.ts";
import { listPublishedListings, moderateListing } from "../../domain/operator/listings.ts";
import { dashboardCounts, decidePartner, decideProgram, getPartnerDetail, listPartners, type ActionResult, type PartnerAction } from "../../domain/operator/partners.ts";
import { AuditListQuery, PartnerListQuery } from "../../domain/operator/schemas.ts";
import { isDomainError } from "../../domain/shared/errors.ts";
import { localePath, type Locale, type MessageKey } from "../../i18n/ui.ts";
import { getContainer } from "../../server/container.ts";
import { formToValues, localizeMessage, type FieldErrors, type FormValues } from "../../server/forms.ts";
import { notFound, requireOperator } from "../../server/guards.ts";
import { siteOrigin } from "../../server/site-url.ts";

type Astro = AstroGlobal;

export interface FormState {
  /** Which form on the page was posted (several share one URL). */
  intent: string;
  /** Extra key telling apart forms of one intent (a program, a listing id). */
  target?: string;
  errors: FieldErrors;
  values: FormValues;
}

const DONE: Record<string, MessageKey> = {
  approve: "operator.done.approve",
  reject: "operator.done.reject",
  suspend: "operator.done.suspend",
  reinstate: "operator.done.reinstate",
  program: "operator.done.program",
  moderate: "operator.done.moderate",
  saved: "operator.done.saved",
  unchanged: "operator.done.unchanged",
};

function flashOf(url: URL): MessageKey | null {
  const done = url.searchParams.get("done");
  return done ? (DONE[done] ?? null) : null;
}

async function operatorContext(Astro: Astro): Promise<OperatorContext | Response> {
  const user = await requireOperator(Astro);
  if (user instanceof Response) return user;
  Astro.response.headers.set("Cache-Control", "no-store");
  return { db: getContainer().db, actor: user, baseUrl: siteOrigin(Astro.url) };
}

function back(Astro: Astro, path: string, done: string): Response {
  return Astro.redirect(`${path}${path.includes("?") ? "&" : "?"}done=${done}`, 303);
}

/** Field errors of a refused action, localized; anything that is not a form problem propagates. */
function formErrors(error: unknown, locale: Locale): FieldErrors | null {
  if (isDomainError(error, "VALIDATION_FAILED") || isDomainError(error, "CONFLICT")) {
    const out: FieldErrors = {};
    for (const [field, messages] of Object.entries(error.fields)) out[field] = messages.map((m) => localizeMessage(m, locale));
    if (Object.keys(out).length === 0) out._form = [localizeMessage("operator.error.notFound", locale)];
    return out;
  }
  return null;
}

/**
 * R1 "suspension removes the listing from search at once": the job enqueued in the transaction guarantees it;
 * this direct sync after commit only makes it immediate, and its failure is left to the job.
 */
async function syncNow(listingIds: string[]): Promise<void> {
  const { db, meili, indexPrefix, logger } = getContainer();
  if (!meili || listingIds.length === 0) return;
  try {
    await syncListings(db, meili, indexPrefix, listingIds);
  } catch (error) {
    logger.warn({ err: error instanceof Error ? error.message : String(error), listingIds }, "immediate search sync failed; the job will retry");
  }
}

async function readValues(Astro: Astro): Promise<FormValues> {
  try {
    return formToValues(await Astro.request.formData());
  } catch {
    return {};
  }
}

const str = (v: FormValues[string] | undefined) => (Array.isArray(v) ? (v[0] ?? "") : (v ?? ""));

// --- Dashboard --------------------------------------------------------------------------------------------------

export async function dashboardRoute(Astro: Astro, locale: Locale) {
  const ctx = await operatorContext(Astro);
  if (ctx instanceof Response) return ctx;
  return { locale, counts: await dashboardCounts(ctx) };
}

// --- Partners ---------------------------------------------------------------------------------------------------

export async function partnersRoute(Astro: Astro, locale: Locale) {
  const ctx = await operatorContext(Astro);
  if (ctx instanceof Response) return ctx;
  const filter = PartnerListQuery.parse(Object.fromEntries(Astro.url.searchParams));
  return { locale, filter, result: await listPartners(ctx, filter) };
}

const PARTNER_ACTIONS: PartnerAction[] = ["approve", "reject", "suspend", "reinstate"];

export async function partnerRoute(Astro: Astro, locale: Locale) {
  const ctx = await operatorContext(Astro);
  if (ctx instanceof Response) return ctx;
  const id = Astro.params.id ?? "";
  const self = localePath(locale, `/operator/partners/${encodeURIComponent(id)}`);
  let form: FormState | null = null;

  if (Astro.request.method === "POST") {
    const values = await readValues(Astro);
    const intent = str(values.intent);
    try {
      let result: ActionResult;
      if ((PARTNER_ACTIONS as string[]).includes(intent)) {
        result = await decidePartner(ctx, id, intent as PartnerAction, { reason: values.reason });
      } else if (intent === "program") {
        result = await decideProgram(ctx, id, { program: values.program, decision: values.decision, reason: values.reason });
      } else {
        return new Response("Unknown action", { status: 400 });
      }
      if (intent === "suspend" && result.changed) await syncNow(result.listingIds);
      return back(Astro, self, result.changed ? intent : "unchanged");
    } catch (error) {
      if (isDomainError(error, "NOT_FOUND")) return notFound(Astro);
      const errors = formErrors(error, locale);
      if (!errors) throw error;
      Astro.response.status = isDomainError(error, "CONFLICT") ? 409 : 400;
      form = { intent, target: str(values.program) || undefined, errors, values };
    }
  }

  try {
    const partner = await getPartnerDetail(ctx, id);
    return { locale, partner, form, flash: form ? null : flashOf(Astro.url) };
  } catch (error) {
    if (isDomainError(error, "NOT_FOUND")) return notFound(Astro);
    throw error;
  }
}

// --- Listings ---------------------------------------------------------------------------------------------------

export async function listingsRoute(Astro: Astro, locale: Locale) {
  const ctx = await operatorContext(Astro);
  if (ctx instanceof Response) return ctx;
  const q = (Astro.url.searchParams.get("q") ?? "").trim().slice(0, 200) || undefined;
  const page = Math.max(1, Math.min(10_000, Number.parseInt(Astro.url.searchParams.get("page") ?? "1", 10) || 1));
  let form: FormState | null = null;

  if (Astro.request.method === "POST") {
    const values = await readValues(Astro);
    const listingId = str(values.listingId);
    try {
      const result = await moderateListing(ctx, listingId, { reason: values.reason });
      if (result.changed) await syncNow(result.listingIds);
      return back(Astro, localePath(locale, "/operator/listings") + Astro.url.search, result.changed ? "moderate" : "unchanged");
    } catch (error) {
      const errors = isDomainError(error, "NOT_FOUND") ? { _form: [localizeMessage("operator.error.notFound", locale)] } : formErrors(error, locale);
      if (!errors) throw error;
      Astro.response.status = 400;
      form = { intent: "moderate", target: listingId, errors, values };
    }
  }
  return { locale, q, result: await listPublishedListings(ctx, { q, page }), form, flash: form ? null : flashOf(Astro.url) };
}

// --- Catalog ----------------------------------------------------------------------------------------------------

const CATALOG_INTENTS = ["service-create", "service-update", "service-toggle", "offer-create", "offer-update", "offer-toggle"] as const;
type CatalogIntent = (typeof CATALOG_INTENTS)[number];

export async function catalogRoute(Astro: Astro, locale: Locale) {
  const ctx = await operatorContext(Astro);
  if (ctx instanceof Response) return ctx;
  const self = localePath(locale, "/operator/catalog");
  let form: FormState | null = null;

  if (Astro.request.method === "POST") {
    const values = await readValues(Astro);
    const intent = str(values.intent) as CatalogIntent;
    if (!CATALOG_INTENTS.includes(intent)) return new Response("Unknown action", { status: 400 });
    try {
      let result: ActionResult;
      switch (intent) {
        case "service-create":
        case "service-update":
          result = await saveService(ctx, intent === "service-create" ? "create" : "update", values);
          break;
        case "service-toggle":
          result = await setServiceActive(ctx, str(values.id), str(values.active) === "true");
          break;
        case "offer-create":
        case "offer-update":
          result = await saveOffer(ctx, intent === "offer-create" ? "create" : "update", values);
          break;
        case "offer-toggle":
          result = await setOfferActive(ctx, str(values.id), str(values.active) === "true");
          break;
      }
      return back(Astro, self, result.changed ? "saved" : "unchanged");
    } catch (error) {
      const errors = isDomainError(error, "NOT_FOUND") ? { _form: [localizeMessage("operator.error.notFound", locale)] } : formErrors(error, locale);
      if (!errors) throw error;
      Astro.response.status = 400;
      form = { intent, target: str(values.id), errors, values };
    }
  }

  const [services, offers] = await Promise.all([listServices(ctx), listOffers(ctx)]);
  // ?service=<id> / ?offer=<id> open that row's edit form (GET never changes anything).
  const editService = form?.intent === "service-update" ? form.target : (Astro.url.searchParams.get("service") ?? undefined);
  const editOffer = form?.intent === "offer-update" ? form.target : (Astro.url.searchParams.get("offer") ?? undefined);
  return {
    locale,
    services,
    offers,
    form,
    editService: services.find((s) => s.id === editService) ?? null,
    editOffer: offers.find((o) => o.id === editOffer) ?? null,
    flash: form ? null : flashOf(Astro.url),
  };
}

// --- Audit ------------------------------------------------------------------------------------------------------

export async function auditRoute(Astro: Astro, locale: Locale) {
  const ctx = await operatorContext(Astro);
  if (ctx instanceof Response) return ctx;
  const filter = AuditListQuery.parse(Object.fromEntries(Astro.url.searchParams));
  return { locale, filter, result: await listAuditLog(ctx, filter) };
}

type PageProps<F extends (...args: never[]) => unknown> = Exclude<Awaited<ReturnType<F>>, Response>;
export type DashboardProps = PageProps<typeof dashboardRoute>;
export type PartnersProps = PageProps<typeof partnersRoute>;
export type PartnerProps = PageProps<typeof partnerRoute>;
export type ListingsProps = PageProps<typeof listingsRoute>;
export type CatalogProps = PageProps<typeof catalogRoute>;
export type AuditProps = PageProps<typeof auditRoute>;
