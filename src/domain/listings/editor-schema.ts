// The listing draft's shape and its validation (zod): one schema for the editor form, the service and the jsonb data.
import { z } from "zod";
import { ExpertiseSchema, IndustrySchema, LanguageSchema, RegionSchema } from "../catalog/vocabulary.ts";

/** Upper bounds: long enough for real listings, short enough that one listing can't bloat the index. */
export const LIMITS = {
  name: 120,
  headline: 160,
  description: 10_000,
  email: 254,
  phone: 40,
  website: 500,
  services: 20,
  expertise: 15,
  industries: 10,
  regions: 30,
  languages: 12,
} as const;

export const DRAFT_FIELDS = [
  "name",
  "headline_en",
  "headline_ko",
  "description_en",
  "description_ko",
  "services",
  "expertise",
  "industries",
  "regions",
  "languages",
  "contact_email",
  "phone",
  "website",
  "primary_locale",
] as const;
export type DraftField = (typeof DRAFT_FIELDS)[number];

/** A trimmed text field; blank means "not given" (null), so a cleared field really clears. */
const optionalText = (max: number, tooLong: string) =>
  z.preprocess(
    (v) => (typeof v === "string" ? (v.trim() === "" ? null : v.trim()) : (v ?? null)),
    z.string().max(max, tooLong).nullable(),
  );

/** A multi-valued form field (repeated checkboxes) as a de-duplicated array, whatever the transport sent. */
const list = <T extends z.ZodType>(item: T, max: number, tooMany: string) =>
  z.preprocess(
    (v) => {
      const arr = v === undefined || v === null || v === "" ? [] : Array.isArray(v) ? v : [v];
      return [...new Set(arr)];
    },
    z.array(item).max(max, tooMany),
  );

/** Markdown keeps its leading spaces (indented code); only trailing blanks go. */
const markdown = z.preprocess(
  (v) => (typeof v === "string" ? (v.trim() === "" ? null : v.replace(/\s+$/, "")) : (v ?? null)),
  z.string().max(LIMITS.description, "editor.error.descriptionTooLong").nullable(),
);

/** http/https only: a javascript: or data: URL on a public page would be an attack on its visitors. */
export function isHttpUrl(value: string): boolean {
  try {
    const url = new URL(value);
    return (url.protocol === "http:" || url.protocol === "https:") && url.hostname !== "";
  } catch {
    return false;
  }
}

const shape = {
  name: z.preprocess(
    (v) => (typeof v === "string" ? v.trim() : v),
    z.string("editor.error.nameRequired").min(2, "editor.error.nameRequired").max(LIMITS.name, "editor.error.nameTooLong"),
  ),
  headline_en: optionalText(LIMITS.headline, "editor.error.headlineTooLong"),
  headline_ko: optionalText(LIMITS.headline, "editor.error.headlineTooLong"),
  description_en: markdown,
  description_ko: markdown,
  // Existence and "active" are checked against the catalog by the service (it needs the database).
  services: list(z.string().regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, "editor.error.serviceUnknown"), LIMITS.services, "editor.error.tooMany"),
  expertise: list(ExpertiseSchema, LIMITS.expertise, "editor.error.tooMany"),
  industries: list(IndustrySchema, LIMITS.industries, "editor.error.tooMany"),
  regions: list(RegionSchema, LIMITS.regions, "editor.error.tooMany"),
  languages: list(LanguageSchema, LIMITS.languages, "editor.error.tooMany"),
  contact_email: optionalText(LIMITS.email, "editor.error.emailInvalid").pipe(
    z.email("editor.error.emailInvalid").nullable(),
  ),
  phone: optionalText(LIMITS.phone, "editor.error.phoneInvalid").pipe(
    z.string().regex(/^\+?[0-9 ()./-]{4,}$/, "editor.error.phoneInvalid").nullable(),
  ),
  website: optionalText(LIMITS.website, "editor.error.websiteTooLong").pipe(
    z.string().refine(isHttpUrl, "editor.error.websiteInvalid").nullable(),
  ),
  primary_locale: z.preprocess((v) => (v === undefined || v === "" ? "en" : v), z.enum(["en", "ko"], "editor.error.localeInvalid")),
};

/** A listing needs a headline in at least one language (the listings table enforces it too). */
const hasHeadline = (data: { headline_en?: string | null; headline_ko?: string | null }) => Boolean(data.headline_en || data.headline_ko);
const headlineParams = {
  message: "editor.error.headlineRequired",
  path: ["headline_en"],
  // Reported together with other fields' errors (zod skips refinements after any issue by default),
  // unless a headline field is itself invalid (then its own message says enough).
  when: (payload: { issues: readonly { path?: readonly PropertyKey[] }[] }) =>
    !payload.issues.some((i) => i.path?.[0] === "headline_en" || i.path?.[0] === "headline_ko"),
};

/** The draft as stored in listing_drafts.data and published onto listings. */
export const ListingDraftSchema = z.object(shape).refine(hasHeadline, headlineParams);
export type ListingDraftData = z.output<typeof ListingDraftSchema>;

/** The editor form: the draft plus the version it was loaded with (optimistic concurrency). */
export const EditorFormSchema = z
  .object({
    ...shape,
    version: z.coerce.number("editor.error.version").int("editor.error.version").min(0, "editor.error.version"),
  })
  .refine(hasHeadline, headlineParams);
export type EditorFormData = z.output<typeof EditorFormSchema>;

/** The draft fields only, from parsed form data. */
export function draftFromForm(form: EditorFormData): ListingDraftData {
  const { version: _version, ...data } = form;
  return data;
}

/** An empty draft for an organization that has never edited its listing. */
export function emptyDraft(name: string): ListingDraftData {
  return {
    name,
    headline_en: null,
    headline_ko: null,
    description_en: null,
    description_ko: null,
    services: [],
    expertise: [],
    industries: [],
    regions: [],
    languages: [],
    contact_email: null,
    phone: null,
    website: null,
    primary_locale: "en",
  };
}

/** Reads stored jsonb leniently: a field missing from an older draft gets its empty value. */
export function normalizeDraft(raw: unknown, fallbackName: string): ListingDraftData {
  const base = emptyDraft(fallbackName);
  if (!raw || typeof raw !== "object") return base;
  const r = raw as Record<string, unknown>;
  const out: Record<string, unknown> = { ...base };
  for (const field of DRAFT_FIELDS) {
    if (r[field] !== undefined) out[field] = r[field];
  }
  return out as unknown as ListingDraftData;
}

const sameValue = (a: unknown, b: unknown): boolean =>
  Array.isArray(a) && Array.isArray(b)
    ? a.length === b.length && [...a].sort().join("\u0000") === [...b].sort().join("\u0000")
    : (a ?? null) === (b ?? null);

/** The fields whose values differ (lists compare as sets), in form order. */
export function changedFields(before: ListingDraftData | null, after: ListingDraftData): DraftField[] {
  return DRAFT_FIELDS.filter((field) => !before || !sameValue(before[field], after[field]));
}
