// The search page's request handling, shared by the English and Korean routes: parse, validate, search.
import type { SearchPageState } from "../components/search/model.ts";
import { loadFacetLabels, unknownServiceIds, type FacetLabels } from "../domain/search/labels.ts";
import { parseSearchParams } from "../domain/search/query.ts";
import type { Locale } from "../i18n/ui.ts";
import { searchListings } from "../../search/search.ts";
import { getContainer } from "./container.ts";

export async function loadSearchPage(
  url: URL,
  locale: Locale,
): Promise<{ state: SearchPageState; params: URLSearchParams; labels: FacetLabels; status: number }> {
  const { db, meili, indexPrefix, logger } = getContainer();
  // The route fixes the language; a ?locale= parameter must not override it.
  const params = new URLSearchParams(url.searchParams);
  params.delete("locale");
  const labels = await loadFacetLabels(db, locale);
  const parsed = parseSearchParams(params, { locale });
  const unknown = parsed.ok ? unknownServiceIds(parsed.query.services, labels) : [];
  let state: SearchPageState;
  if (!parsed.ok) state = { kind: "invalid", errors: parsed.errors };
  else if (unknown.length) state = { kind: "invalid", errors: { services: [`unknown service: ${unknown.join(", ")}`] } };
  else state = { kind: "results", query: parsed.query, result: await searchListings({ db, meili, indexPrefix, logger }, parsed.query) };
  return { state, params, labels, status: state.kind === "invalid" ? 400 : 200 };
}
