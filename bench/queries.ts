// The benchmark's fixed query mix: what customers type (English, Korean, typos, product names) plus facet filters.
import { SERVICE_IDS } from "../db/seed/catalog.ts";
import { createRandom, type Random } from "../db/seed/random.ts";
import { EXPERTISE, INDUSTRIES, LANGUAGES, PROGRAMS, REGIONS } from "../src/domain/catalog/vocabulary.ts";
import { SearchQuerySchema, toSearchParams, type SearchQuery } from "../src/domain/search/query.ts";

const QUERY_SEED = 0x5ea4c4;

/** Plain English needs, as typed into the search box. */
const ENGLISH_TERMS = [
  "migration", "mail migration", "email migration", "tenant to tenant migration", "hybrid exchange",
  "sharepoint intranet", "intranet", "document management", "security", "zero trust", "security consulting",
  "mfa", "conditional access", "phishing protection", "single sign-on", "device management", "endpoint management",
  "backup", "cloud backup", "compliance", "ediscovery", "records management", "data loss prevention",
  "managed services", "help desk", "24x7 support", "cloud calling", "teams voice", "meeting rooms",
  "phone system", "workflow automation", "dashboards", "reports and analytics", "ai assistant",
  "copilot adoption", "training", "small business", "licensing", "frontline workers", "file sharing",
  "cloud partner", "cloud", "it services", "healthcare security", "manufacturing", "legal compliance",
  "finance", "education intranet", "retail", "logistics", "public sector", "Seoul", "Busan", "London",
  "Singapore", "Tokyo", "Seattle", "Berlin", "zero downtime mail migration", "outsourced it team",
];

/** Misspellings a typo-tolerant search should still answer. */
const TYPOS = [
  "migraton", "sharepiont", "secuirty", "complaince", "backpu", "intrnet", "mangaed services", "dashbaord",
  "teams vocie", "migartion", "secrity consulting", "autmation", "edicsovery", "onedirve", "trainning",
];

/** Product names, abbreviations and their Korean spellings (index synonyms). */
const PRODUCT_TERMS = [
  "M365", "microsoft 365", "office 365", "o365", "sharepoint", "쉐어포인트", "셰어포인트", "teams", "팀즈",
  "exchange", "익스체인지", "onedrive", "원드라이브", "intune", "인튠", "entra", "azure ad", "copilot",
  "코파일럿", "오피스 365", "sso",
];

const KOREAN_TERMS = [
  "마이그레이션", "메일 이전", "메일 마이그레이션", "보안", "보안 컨설팅", "제로 트러스트", "인트라넷",
  "협업", "클라우드 전화", "화상회의", "회의실", "백업", "규정 준수", "개인정보보호", "업무 자동화",
  "대시보드", "AI 어시스턴트", "교육", "중소기업", "헬프데스크", "IT 운영 대행", "디바이스 관리", "다단계 인증",
  "부산", "서울", "판교", "제조", "금융", "의료", "공공", "한빛클라우드", "누리정보기술", "클라우드",
];

/** Partner names (exact and partial), as someone who heard of a partner would type them. */
const NAME_TERMS = [
  "Northwind", "Bluepeak IT Solutions", "Cedar Ridge", "Harborview Consulting", "Meridian Cloud", "Keystone",
  "Hanbit Cloud", "Nuri IT", "Daon", "Lighthouse Digital", "Evergreen Managed Services", "Zephyr",
];

const MIN_RATINGS = [3, 4, 4.5] as const;

type FilterKind = "services" | "expertise" | "industries" | "regions" | "languages" | "programs" | "delegatedAdmin" | "minRating";

const FILTER_WEIGHTS: ReadonlyArray<readonly [FilterKind, number]> = [
  ["services", 5],
  ["regions", 5],
  ["industries", 3],
  ["languages", 3],
  ["expertise", 2],
  ["delegatedAdmin", 2],
  ["minRating", 2],
  ["programs", 1],
];

function weighted<T>(rng: Random, items: ReadonlyArray<readonly [T, number]>): T {
  const total = items.reduce((s, [, w]) => s + w, 0);
  let roll = rng.next() * total;
  for (const [item, weight] of items) {
    roll -= weight;
    if (roll < 0) return item;
  }
  return items[items.length - 1]![0];
}

function addFilters(rng: Random, input: Record<string, unknown>, count: number): void {
  for (let n = 0; n < count; n++) {
    const kind = weighted(rng, FILTER_WEIGHTS);
    const add = (values: readonly string[]) => {
      // One value mostly; sometimes two of the same facet (OR within a facet).
      const current = (input[kind] as string[] | undefined) ?? [];
      const picks = rng.sample(values.filter((v) => !current.includes(v)), rng.chance(0.2) ? 2 : 1);
      input[kind] = [...current, ...picks];
    };
    if (kind === "services") add(SERVICE_IDS);
    else if (kind === "expertise") add(EXPERTISE.map((e) => e.id));
    else if (kind === "industries") add(INDUSTRIES.map((e) => e.id));
    // Regions and languages where partners actually are, mostly.
    else if (kind === "regions") add(rng.chance(0.7) ? ["KR", "US", "GB", "JP", "SG", "DE"] : REGIONS.map((e) => e.id));
    else if (kind === "languages") add(rng.chance(0.7) ? ["en", "ko", "ja"] : LANGUAGES.map((e) => e.id));
    else if (kind === "programs") add(PROGRAMS.map((e) => e.id));
    else if (kind === "delegatedAdmin") input.delegatedAdmin = "true";
    else input.minRating = String(rng.pick(MIN_RATINGS));
  }
}

const HANGUL = /[\uac00-\ud7af]/;

/** The mix: `count` queries (≥ 200), the same on every run. */
export function buildQueryMix(count = 240): SearchQuery[] {
  const rng = createRandom(QUERY_SEED);
  const queries: SearchQuery[] = [];
  for (let i = 0; i < count; i++) {
    const input: Record<string, unknown> = {};
    const kind = weighted(rng, [
      ["english", 34],
      ["korean", 20],
      ["typo", 10],
      ["product", 12],
      ["name", 6],
      ["empty", 18],
    ] as const);
    const q =
      kind === "english" ? rng.pick(ENGLISH_TERMS)
      : kind === "korean" ? rng.pick(KOREAN_TERMS)
      : kind === "typo" ? rng.pick(TYPOS)
      : kind === "product" ? rng.pick(PRODUCT_TERMS)
      : kind === "name" ? rng.pick(NAME_TERMS)
      : "";
    input.q = q;
    // Someone browsing (empty box) always narrows by something; a typed query has 0–3 filters.
    const filters = kind === "empty" ? rng.int(1, 3) : weighted(rng, [[0, 45], [1, 30], [2, 17], [3, 8]] as const);
    addFilters(rng, input, filters);
    const sort = weighted(rng, [["relevance", 82], ["rating", 12], ["updated", 6]] as const);
    if (sort !== "relevance") input.sort = sort;
    if (rng.chance(0.08)) input.page = "2";
    // Korean text mostly comes from the Korean pages; some Korean visitors type English product names.
    input.locale = HANGUL.test(q) ? (rng.chance(0.9) ? "ko" : "en") : rng.chance(0.15) ? "ko" : "en";
    queries.push(SearchQuerySchema.parse(input));
  }
  return queries;
}

/** The app's JSON API URL path for a query. */
export function apiPath(query: SearchQuery): string {
  const params = toSearchParams(query);
  if (query.locale !== "en") params.set("locale", query.locale);
  return `/api/v1/search?${params}`;
}

/** The HTML search page URL path for a query (the locale is in the path). */
export function pagePath(query: SearchQuery): string {
  const params = toSearchParams(query).toString();
  const base = query.locale === "ko" ? "/ko/partners" : "/partners";
  return params ? `${base}?${params}` : base;
}

/** One line per query, for the log. */
export function describeQuery(query: SearchQuery): string {
  return `${query.locale} ${pagePath(query)}`;
}
