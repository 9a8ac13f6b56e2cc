// HTML forms: read a POST body, validate with the domain's zod schema, and hand back field errors
// (localized) together with the user's input, so the page re-renders with nothing lost.
import { z } from "zod";
import ko from "zod/v4/locales/ko.js";
import en from "zod/v4/locales/en.js";
import { isMessageKey, t, type Locale } from "../i18n/ui.ts";

export type FieldErrors = Record<string, string[]>;
export type FormValues = Record<string, string | string[]>;

export type FormResult<T> = { ok: true; data: T; values: FormValues } | { ok: false; errors: FieldErrors; values: FormValues };

const localeErrors = { en: en().localeError, ko: ko().localeError };

/** Form fields to an object: a repeated name becomes an array; files are left out (read them separately). */
export function formToValues(form: FormData): FormValues {
  const values: FormValues = {};
  for (const key of new Set(form.keys())) {
    const all = form.getAll(key).filter((v): v is string => typeof v === "string");
    values[key] = all.length > 1 ? all : (all[0] ?? "");
  }
  return values;
}

/** A message that is an i18n key is translated; anything else is shown as it is. */
export function localizeMessage(message: string, locale: Locale): string {
  return isMessageKey(message) ? t(locale, message) : message;
}

export function fieldErrorsFrom(error: z.ZodError, locale: Locale): FieldErrors {
  const errors: FieldErrors = {};
  for (const issue of error.issues) {
    const field = issue.path.length ? String(issue.path[0]) : "_form";
    (errors[field] ??= []).push(localizeMessage(issue.message, locale));
  }
  return errors;
}

export async function readForm<S extends z.ZodType>(request: Request, schema: S, locale: Locale): Promise<FormResult<z.output<S>>> {
  let values: FormValues = {};
  try {
    values = formToValues(await request.formData());
  } catch {
    return { ok: false, errors: { _form: [t(locale, "form.unreadable")] }, values };
  }
  const result = schema.safeParse(values, { error: localeErrors[locale] });
  return result.success ? { ok: true, data: result.data, values } : { ok: false, errors: fieldErrorsFrom(result.error, locale), values };
}

/** zod helper: a form field that may be sent once or repeated, always as an array. */
export const formArray = <T extends z.ZodType>(item: T) =>
  z.preprocess((v) => (v === undefined || v === "" ? [] : Array.isArray(v) ? v : [v]), z.array(item));

/** zod helper: an HTML checkbox ("on" when ticked, absent otherwise). */
export const formCheckbox = z.preprocess((v) => v === "on" || v === "true" || v === "1", z.boolean());
