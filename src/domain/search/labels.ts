// Labels for search facets and chips: service names from the services table, the rest from the fixed vocabularies.
import type { Database } from "../../../db/client.ts";
import { EXPERTISE, INDUSTRIES, LANGUAGES, PROGRAMS, REGIONS, type VocabularyEntry } from "../catalog/vocabulary.ts";
import type { MultiFilter } from "./query.ts";

export type LabelLocale = "en" | "ko";

export interface FacetValueLabel {
  id: string;
  label: string;
}

/** Every facet's known values, in catalog order, labelled for one locale. */
export type FacetLabels = Record<MultiFilter, FacetValueLabel[]>;

/** Active services in catalog order (inactive ones are not in the index, so they can't be filtered on). */
export async function loadServiceLabels(db: Database, locale: LabelLocale): Promise<FacetValueLabel[]> {
  const rows = await db
    .selectFrom("services")
    .select(["id", "name_en", "name_ko"])
    .where("active", "=", true)
    .orderBy("sort_order")
    .orderBy("id")
    .execute();
  return rows.map((r) => ({ id: r.id, label: locale === "ko" ? r.name_ko : r.name_en }));
}

function fromVocabulary(list: readonly VocabularyEntry[], locale: LabelLocale): FacetValueLabel[] {
  return list.map((entry) => ({ id: entry.id, label: entry[locale] }));
}

const SERVICE_LABELS_TTL_MS = 30_000;
const serviceLabelCache = new WeakMap<Database, Map<LabelLocale, { at: number; labels: Promise<FacetValueLabel[]> }>>();

/** Service labels change only when an operator edits the catalog: read them at most every 30 s per process. */
function cachedServiceLabels(db: Database, locale: LabelLocale): Promise<FacetValueLabel[]> {
  let byLocale = serviceLabelCache.get(db);
  if (!byLocale) serviceLabelCache.set(db, (byLocale = new Map()));
  const hit = byLocale.get(locale);
  if (hit && Date.now() - hit.at < SERVICE_LABELS_TTL_MS) return hit.labels;
  const labels = loadServiceLabels(db, locale);
  byLocale.set(locale, { at: Date.now(), labels });
  labels.catch(() => byLocale.delete(locale));
  return labels;
}

/** Facet labels: the services (cached briefly); the other vocabularies live in code. */
export async function loadFacetLabels(db: Database, locale: LabelLocale): Promise<FacetLabels> {
  return {
    services: await cachedServiceLabels(db, locale),
    expertise: fromVocabulary(EXPERTISE, locale),
    industries: fromVocabulary(INDUSTRIES, locale),
    regions: fromVocabulary(REGIONS, locale),
    languages: fromVocabulary(LANGUAGES, locale),
    programs: fromVocabulary(PROGRAMS, locale),
  };
}

/** Selected service ids that name no active service; the schema only checks their shape. */
export function unknownServiceIds(selected: readonly string[], labels: FacetLabels): string[] {
  const known = new Set(labels.services.map((s) => s.id));
  return selected.filter((id) => !known.has(id));
}
