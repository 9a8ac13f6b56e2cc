// Input schema of the "Request a trial" form (R10, R11, R3): one schema for the form, the service and the tests.
import { z } from "zod";
import { companySizeIds } from "../catalog/vocabulary.ts";

export const TRIAL_REQUEST_LIMITS = {
  name: 120,
  email: 254,
  company: 200,
  message: 2000,
  services: 20,
  seatsMin: 1,
  seatsMax: 100_000,
} as const;

/** Trimmed text; missing becomes "" so the "required" message is the one shown. */
const text = (max: number, required: string, tooLong: string) =>
  z.preprocess(
    (v) => (typeof v === "string" ? v.trim() : (v ?? "")),
    z.string(required).min(1, required).max(max, tooLong),
  );

/** A checkbox: "on" when ticked in a form, a boolean from code. */
const checkbox = z.preprocess((v) => v === true || v === "on" || v === "true" || v === "1", z.boolean());

export const trialRequestFormSchema = z.object({
  name: text(TRIAL_REQUEST_LIMITS.name, "leads.trial.error.nameRequired", "leads.trial.error.nameTooLong"),
  email: z.preprocess(
    (v) => (typeof v === "string" ? v.trim().toLowerCase() : (v ?? "")),
    z
      .string("leads.trial.error.emailInvalid")
      .max(TRIAL_REQUEST_LIMITS.email, "leads.trial.error.emailInvalid")
      .pipe(z.email("leads.trial.error.emailInvalid")),
  ),
  company: text(TRIAL_REQUEST_LIMITS.company, "leads.trial.error.companyRequired", "leads.trial.error.companyTooLong"),
  companySize: z.enum(companySizeIds, "leads.trial.error.companySizeInvalid"),
  // Any ISO 3166-1 alpha-2 code: the REGIONS list feeds the form's choices, but customers come from everywhere.
  country: z.preprocess(
    (v) => (typeof v === "string" ? v.trim().toUpperCase() : v),
    z.string("leads.trial.error.countryInvalid").regex(/^[A-Z]{2}$/, "leads.trial.error.countryInvalid"),
  ),
  // Whether the listing offers them is checked by the service (it needs the database).
  services: z.preprocess(
    (v) => [...new Set(v === undefined || v === null || v === "" ? [] : Array.isArray(v) ? v : [v])],
    z
      .array(z.string().regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, "leads.trial.error.serviceNotOffered"))
      .min(1, "leads.trial.error.servicesRequired")
      .max(TRIAL_REQUEST_LIMITS.services, "leads.trial.error.serviceNotOffered"),
  ),
  seats: z.preprocess(
    (v) => (typeof v === "string" ? (v.trim() === "" ? undefined : Number(v.trim())) : v),
    z
      .number("leads.trial.error.seatsInvalid")
      .int("leads.trial.error.seatsInvalid")
      .min(TRIAL_REQUEST_LIMITS.seatsMin, "leads.trial.error.seatsInvalid")
      .max(TRIAL_REQUEST_LIMITS.seatsMax, "leads.trial.error.seatsInvalid"),
  ),
  message: z.preprocess(
    (v) => (typeof v === "string" ? v.trim() : (v ?? "")),
    z.string().max(TRIAL_REQUEST_LIMITS.message, "leads.trial.error.messageTooLong"),
  ),
  // R3: allowed only for a certified partner; the service checks the partner's programs.
  wantsDelegatedAdmin: checkbox,
  // The honeypot: hidden from people, filled by bots. The service pretends success when it isn't empty.
  website: z.preprocess((v) => (typeof v === "string" ? v : ""), z.string()),
});

export type TrialRequestFormInput = z.input<typeof trialRequestFormSchema>;
export type TrialRequestForm = z.output<typeof trialRequestFormSchema>;

/** Confirmation tokens are 32 base32 characters; anything else is refused before touching the database. */
export const trialRequestTokenSchema = z.string().regex(/^[a-z2-7]{20,64}$/);
