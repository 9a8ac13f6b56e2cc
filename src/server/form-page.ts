// What a page with several POST forms (portal, integrations) re-renders with after a refused POST, and how
// refusals map to a status, localized field messages and a summary message.
import type { AstroGlobal } from "astro";
import { isDomainError, type DomainError } from "../domain/shared/errors.ts";
import { t, type Locale, type MessageKey } from "../i18n/ui.ts";
import { STATUS_BY_CODE } from "./errors.ts";
import { localizeMessage, type FieldErrors, type FormValues } from "./forms.ts";

type Ctx = Pick<AstroGlobal, "request" | "response">;

export interface FormState {
  /** Which form (its `_action`) the errors belong to. */
  action?: string;
  errors: FieldErrors;
  values: FormValues;
  /** A message for the summary at the top. */
  message?: string;
}

export const EMPTY_FORM: FormState = { errors: {}, values: {} };

/** The errors for the shared summary, with the form's lead message shown first, as a form-level message. */
export function withMessage(form: FormState): FieldErrors {
  return form.message ? { ...form.errors, _form: [form.message, ...(form.errors._form ?? [])] } : form.errors;
}

/** The `_action` field of a posted form, read from a copy so the body can still be parsed. */
export async function postedAction(ctx: Ctx): Promise<string> {
  try {
    const value = (await ctx.request.clone().formData()).get("_action");
    return typeof value === "string" ? value : "";
  } catch {
    return "";
  }
}

/** Input that failed its schema: 422 (understood but refused), the fields marked, the input kept. */
export function invalidForm(ctx: Ctx, locale: Locale, action: string, result: { errors: FieldErrors; values: FormValues }): FormState {
  ctx.response.status = 422;
  return { action, errors: result.errors, values: result.values, message: t(locale, "form.fixErrors") };
}

/**
 * A DomainError from the service as the form's state (anything else is rethrown). Field errors answer 422 like
 * `invalidForm`; other codes their HTTP status and a summary message, from `messages` or a generic one.
 */
export function formRefusal(
  ctx: Ctx,
  locale: Locale,
  error: unknown,
  action: string,
  values: FormValues,
  messages: Partial<Record<DomainError["code"], MessageKey>> = {},
): FormState {
  if (!isDomainError(error)) throw error;
  ctx.response.status = error.code === "VALIDATION_FAILED" ? 422 : STATUS_BY_CODE[error.code];
  if (error.code === "RATE_LIMITED") {
    const seconds = error.retryAfter ?? 60;
    ctx.response.headers.set("Retry-After", String(seconds));
    return { action, errors: {}, values, message: t(locale, "error.rateLimited", { seconds }) };
  }
  const fields: FieldErrors = {};
  for (const [field, list] of Object.entries(error.fields)) fields[field] = list.map((m) => localizeMessage(m, locale));
  const key = messages[error.code] ?? (error.code === "FORBIDDEN" ? "error.forbidden" : undefined);
  const message = Object.keys(fields).length ? t(locale, "form.fixErrors") : key ? t(locale, key) : t(locale, "error.generic");
  return { action, errors: fields, values, message };
}
