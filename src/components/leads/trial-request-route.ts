// Request handling for "Request a trial" (issue 5, R3/R10/R11): the listing page's form POST and the email
// confirmation page. Route files stay thin; the domain service in src/domain/leads decides, this maps to HTTP.
import type { AstroGlobal } from "astro";
import { getListingAvailability, type ListingAvailability } from "../../domain/leads/capacity.ts";
import { confirmTrialRequest, peekTrialRequest, submitTrialRequest } from "../../domain/leads/trial-requests.ts";
import { getPublicListingBySlug, type PublicListing } from "../../domain/listings/repository.ts";
import { isDomainError } from "../../domain/shared/errors.ts";
import { localePath, t, type Locale } from "../../i18n/ui.ts";
import { getContainer } from "../../server/container.ts";
import { formToValues, localizeMessage, type FieldErrors, type FormValues } from "../../server/forms.ts";
import { clientKey } from "../../server/guards.ts";
import { siteOrigin } from "../../server/site-url.ts";

type PageCtx = Pick<AstroGlobal, "request" | "url" | "redirect" | "response" | "clientAddress" | "rewrite">;

export interface TrialFormView {
  /** "paused": the partner isn't accepting new customers right now (issue 5), so there is no form. */
  state: "form" | "sent" | "sovereign" | "paused";
  values: FormValues;
  errors: FieldErrors;
}

export interface ListingPageView {
  listing: PublicListing;
  trial: TrialFormView;
  availability: ListingAvailability;
}

async function readValues(request: Request): Promise<FormValues | null> {
  try {
    return formToValues(await request.formData());
  } catch {
    return null;
  }
}

/** The public listing page: GET renders it, POST submits its trial request form (POST/redirect/GET on success). */
export async function handleListingPage(ctx: PageCtx, locale: Locale, slug: string): Promise<Response | ListingPageView> {
  const { db, rateLimits } = getContainer();
  const listing = await getPublicListingBySlug(db, slug, locale);
  if (!listing) return ctx.rewrite("/404");
  const availability = (await getListingAvailability(db, slug)) ?? { acceptingRequests: true, responseTimeMinutes: null };
  const view = (trial: TrialFormView): ListingPageView => ({ listing, trial, availability });
  if (ctx.request.method !== "POST") {
    const state = ctx.url.searchParams.get("trial") === "sent" ? "sent" : availability.acceptingRequests ? "form" : "paused";
    return view({ state, values: {}, errors: {} });
  }

  const values = await readValues(ctx.request);
  if (!values) {
    ctx.response.status = 400;
    return view({ state: "form", values: {}, errors: { _form: [t(locale, "form.unreadable")] } });
  }
  // The service validates with the shared schema itself, after R11, so a sovereign-cloud customer hears R11 first.
  try {
    await submitTrialRequest({ db, baseUrl: siteOrigin(ctx.url), rateLimits }, { listingSlug: slug, clientKey: clientKey(ctx), locale, form: values });
  } catch (error) {
    if (isDomainError(error, "NOT_FOUND")) return ctx.rewrite("/404");
    if (isDomainError(error, "NOT_ACCEPTING_REQUESTS")) {
      // Paused while the customer was filling in the form: say so instead of the form; nothing was stored.
      ctx.response.status = 409;
      return { listing, availability: { ...availability, acceptingRequests: false }, trial: { state: "paused", values, errors: {} } };
    }
    if (isDomainError(error, "SOVEREIGN_CLOUD")) {
      // Not an input mistake to fix, but the request can't be processed: nothing was stored or sent.
      ctx.response.status = 422;
      return view({ state: "sovereign", values, errors: {} });
    }
    if (isDomainError(error, "RATE_LIMITED")) {
      const seconds = error.retryAfter ?? 60;
      ctx.response.status = 429;
      ctx.response.headers.set("Retry-After", String(seconds));
      return view({ state: "form", values, errors: { _form: [t(locale, "error.rateLimited", { seconds })] } });
    }
    if (isDomainError(error, "VALIDATION_FAILED")) {
      ctx.response.status = 400;
      const errors: FieldErrors = {};
      for (const [field, messages] of Object.entries(error.fields)) errors[field] = messages.map((m) => localizeMessage(m, locale));
      return view({ state: "form", values, errors });
    }
    throw error;
  }
  return ctx.redirect(`${localePath(locale, `/partners/${slug}`)}?trial=sent#request-trial`, 303);
}

export type TrialConfirmView =
  | { state: "confirm"; token: string; partnerName: string }
  | { state: "invalid" }
  | { state: "done" };

/** The link from the confirmation mail: GET shows a button, only the POST spends the token (then 303 to ?done=1). */
export async function handleTrialConfirm(ctx: PageCtx, locale: Locale): Promise<Response | TrialConfirmView> {
  const { db } = getContainer();
  if (ctx.request.method !== "POST") {
    if (ctx.url.searchParams.get("done") === "1") return { state: "done" };
    const token = ctx.url.searchParams.get("token") ?? "";
    const request = await peekTrialRequest(db, token);
    if (!request) {
      ctx.response.status = 400;
      return { state: "invalid" };
    }
    return { state: "confirm", token, partnerName: request.partnerName };
  }
  const values = await readValues(ctx.request);
  const token = typeof values?.token === "string" ? values.token : "";
  try {
    await confirmTrialRequest({ db, baseUrl: siteOrigin(ctx.url) }, token);
  } catch (error) {
    if (isDomainError(error, "TOKEN_INVALID")) {
      ctx.response.status = 400;
      return { state: "invalid" };
    }
    throw error;
  }
  return ctx.redirect(`${localePath(locale, "/trial-requests/confirm")}?done=1`, 303);
}
