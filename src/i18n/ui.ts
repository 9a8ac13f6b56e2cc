// UI message catalogs (en/ko) and locale-aware path helpers; pure TypeScript so it is unit-testable.

import * as auth from "./messages/auth.ts";
import * as common from "./messages/common.ts";
import * as editor from "./messages/editor.ts";
import * as integrations from "./messages/integrations.ts";
import * as leads from "./messages/leads.ts";
import * as notifications from "./messages/notifications.ts";
import * as operator from "./messages/operator.ts";
import * as portal from "./messages/portal.ts";

export const LOCALES = ["en", "ko"] as const;
export type Locale = (typeof LOCALES)[number];
export const DEFAULT_LOCALE: Locale = "en";

/** Each language's name in itself, for the language switch (never translated). */
export const LOCALE_NAMES: Record<Locale, string> = { en: "English", ko: "한국어" };

/** BCP 47 tags for Intl formatters and the Open Graph locale. */
export const LOCALE_TAGS: Record<Locale, string> = { en: "en-US", ko: "ko-KR" };

const baseEn = {
  "site.name": "Partner Marketplace",
  "site.description":
    "Find authorized IT partners who can set up, run and support your cloud office services.",
  "site.footer.about": "Every partner listed here has been reviewed and authorized by the marketplace team.",
  "site.footer.copyright": "© {year} Partner Marketplace",

  "skip.toMain": "Skip to main content",
  "nav.label": "Main",
  "nav.home": "Home",
  "nav.partners": "Find partners",
  "lang.label": "Language",

  "language.en": "English",
  "language.ko": "Korean",

  "home.title": "Find the right IT partner for your cloud services",
  "home.pitch":
    "Browse authorized partners, compare their services and certifications, and ask for a free trial, all in one place.",
  "home.search.label": "Search partners",
  "home.search.placeholder": "e.g. mail migration, Teams, Seoul",
  "home.search.submit": "Search",
  "home.featured.title": "Featured partners",
  "home.featured.empty": "No partners are listed yet. Please check back soon.",
  "home.featured.all": "See all partners",

  "card.services": "Services",
  "card.regions": "Regions",
  "card.moreServices": "+{count} more",
  "card.delegatedAdmin": "Delegated admin ready",

  "rating.label": "Rated {rating} out of 5",
  "rating.none": "No reviews yet",
  "reviews.one": "{count} review",
  "reviews.other": "{count} reviews",

  "listing.breadcrumb": "Breadcrumb",
  "listing.requestTrial": "Request a trial",
  "listing.website": "Visit website",
  "listing.about": "About {name}",
  "listing.noDescription": "This partner hasn't written a description yet.",
  "listing.fallbackNote": "This partner wrote its description in {language} only.",
  "listing.services": "Services",
  "listing.noServices": "No services listed yet.",
  "listing.details": "At a glance",
  "listing.expertise": "Expertise",
  "listing.industries": "Industries",
  "listing.regions": "Regions served",
  "listing.languages": "Languages",
  "listing.notSpecified": "Not specified",
  "listing.programs": "Certifications",
  "listing.programs.intro": "Programs verified by the marketplace team:",
  "listing.programs.delegatedAdmin":
    "Because it holds a verified certification, this partner can be your delegated administrator: with your approval, it can manage users, mailboxes and subscriptions on your behalf, and you see everything it does.",
  "listing.programs.none":
    "This partner has no verified certification yet, so it can't act as your delegated administrator.",
  "listing.rating": "Rating",
  "listing.updated": "Last updated {date}",
  "listing.trial.title": "Request a trial",

  "search.title": "Find a partner",
  "search.title.query": "Partners for “{q}”",
  "search.title.page": "{title} (page {page})",
  "search.description":
    "Search authorized IT partners by service, expertise, industry, country and language, and compare ratings and certifications.",
  "search.intro": "Every partner here is authorized by the marketplace team. Narrow the list with the filters.",
  "search.form.label": "Partners",
  "search.q.label": "Search partners",
  "search.q.placeholder": "e.g. mail migration, Teams, Seoul",
  "search.submit": "Search",
  "search.sovereign":
    "Customers of the sovereign cloud operated in China can browse partners here, but can't request trials or delegated administration.",
  "search.filters.title": "Filters",
  "search.filters.apply": "Apply filters",
  "search.filters.skip": "Skip to the results",
  "search.facet.services": "Services",
  "search.facet.expertise": "Expertise",
  "search.facet.industries": "Industries",
  "search.facet.regions": "Country or region",
  "search.facet.languages": "Languages",
  "search.facet.programs": "Certifications",
  "search.facet.delegatedAdmin": "Administration",
  "search.facet.minRating": "Rating",
  "search.facet.more": "Show {count} more",
  "search.facet.none": "No values for these results.",
  "search.delegatedAdmin.option": "Can administer on your behalf",
  "search.rating.any": "Any rating",
  "search.rating.atLeast": "{rating}+ stars",
  "search.partners.one": "{count} partner",
  "search.partners.other": "{count} partners",
  "search.sort.label": "Sort by",
  "search.sort.relevance": "Best match",
  "search.sort.rating": "Highest rated",
  "search.sort.updated": "Recently updated",
  "search.sort.apply": "Sort",
  "search.chips.label": "Active filters",
  "search.chips.remove": "Remove filter: {label}",
  "search.chips.clearAll": "Clear all filters",
  "search.results.label": "Search results",
  "search.degraded": "Search is running in a simplified mode right now, so results may be less precise than usual.",
  "search.empty.title": "No partners match your search",
  "search.empty.removeFilters": "Try removing a filter:",
  "search.empty.clearQuery": "Search without the words “{q}”",
  "search.empty.tips": "Check the spelling, or try a shorter or more general word.",
  "search.empty.browseAll": "Browse all partners",
  "search.pastEnd": "There are no results on page {page}.",
  "search.pastEnd.first": "Go to the first page",
  "search.pagination.label": "Pages",
  "search.pagination.previous": "Previous",
  "search.pagination.next": "Next",
  "search.pagination.page": "Page {page}",
  "search.hit.delegatedAdmin": "Can administer on your behalf",
  "search.error.title": "Some search settings aren't valid",
  "search.error.intro": "Please change or remove these and search again:",
  "search.error.received": "received “{value}”",
  "search.error.reset": "Start a new search",
  "search.field.q": "Search words",
  "search.field.sort": "Sort order",
  "search.field.page": "Page number",
  "search.field.hitsPerPage": "Results per page",
  "search.error.hint.q": "use at most 200 characters.",
  "search.error.hint.list": "choose from the values offered in the filters (at most 20).",
  "search.error.hint.services": "one or more of these services doesn't exist.",
  "search.error.hint.delegatedAdmin": "use “true”, or leave it out.",
  "search.error.hint.minRating": "use a number from 0 to 5.",
  "search.error.hint.sort": "use relevance, rating or updated.",
  "search.error.hint.page": "use a whole number from 1 to 1,000.",
  "search.error.hint.hitsPerPage": "use a whole number from 1 to 50.",
  "search.error.hint.other": "this value isn't valid.",

  "notFound.title": "Page not found",
  "notFound.body":
    "The page you're looking for doesn't exist or is no longer available. If you followed a link to a partner, it may have taken its listing down.",
  "notFound.home": "Go to the home page",
} as const;

// Feature catalogs live beside this file (src/i18n/messages/*), one per area, so features don't collide here.
const en = { ...baseEn, ...common.en, ...auth.en, ...portal.en, ...editor.en, ...operator.en, ...leads.en, ...integrations.en, ...notifications.en };

export type MessageKey = keyof typeof en;

// Typed against the English keys, so a missing or extra Korean key fails the typecheck.
const baseKo: Record<keyof typeof baseEn, string> = {
  "site.name": "파트너 마켓플레이스",
  "site.description": "클라우드 오피스 서비스의 도입부터 운영, 지원까지 함께할 공인 IT 파트너를 찾아보세요.",
  "site.footer.about": "이곳에 소개된 파트너는 모두 마켓플레이스 운영팀의 검토와 승인을 거쳤습니다.",
  "site.footer.copyright": "© {year} 파트너 마켓플레이스",

  "skip.toMain": "본문 바로가기",
  "nav.label": "주 메뉴",
  "nav.home": "홈",
  "nav.partners": "파트너 찾기",
  "lang.label": "언어 선택",

  "language.en": "영어",
  "language.ko": "한국어",

  "home.title": "우리 회사에 꼭 맞는 클라우드 IT 파트너를 찾아보세요",
  "home.pitch": "공인 파트너를 둘러보고 서비스와 인증 현황을 비교한 뒤, 무료 체험까지 한 번에 신청하세요.",
  "home.search.label": "파트너 검색",
  "home.search.placeholder": "예: 메일 이전, Teams, 서울",
  "home.search.submit": "검색",
  "home.featured.title": "추천 파트너",
  "home.featured.empty": "아직 등록된 파트너가 없습니다. 조만간 다시 들러 주세요.",
  "home.featured.all": "전체 파트너 보기",

  "card.services": "제공 서비스",
  "card.regions": "서비스 지역",
  "card.moreServices": "외 {count}개",
  "card.delegatedAdmin": "위임 관리 가능",

  "rating.label": "5점 만점에 {rating}점",
  "rating.none": "아직 리뷰가 없어요",
  "reviews.one": "리뷰 {count}개",
  "reviews.other": "리뷰 {count}개",

  "listing.breadcrumb": "현재 위치",
  "listing.requestTrial": "체험 신청하기",
  "listing.website": "웹사이트 방문",
  "listing.about": "{name} 소개",
  "listing.noDescription": "아직 소개글을 작성하지 않았습니다.",
  "listing.fallbackNote": "이 파트너는 소개글을 {language}로만 작성했습니다.",
  "listing.services": "제공 서비스",
  "listing.noServices": "아직 등록된 서비스가 없습니다.",
  "listing.details": "한눈에 보기",
  "listing.expertise": "전문 분야",
  "listing.industries": "주요 업종",
  "listing.regions": "서비스 지역",
  "listing.languages": "지원 언어",
  "listing.notSpecified": "정보 없음",
  "listing.programs": "인증 프로그램",
  "listing.programs.intro": "마켓플레이스 운영팀이 확인한 인증입니다.",
  "listing.programs.delegatedAdmin":
    "검증된 인증을 보유한 파트너라 위임 관리자로 지정할 수 있습니다. 고객이 승인하면 사용자, 메일함, 구독을 대신 관리하며, 모든 작업 내역은 고객이 직접 확인할 수 있습니다.",
  "listing.programs.none": "아직 검증된 인증이 없어 위임 관리자로 지정할 수 없습니다.",
  "listing.rating": "평점",
  "listing.updated": "최종 수정일 {date}",
  "listing.trial.title": "체험 신청",

  "search.title": "파트너 찾기",
  "search.title.query": "‘{q}’ 검색 결과",
  "search.title.page": "{title} ({page}페이지)",
  "search.description":
    "서비스, 전문 분야, 업종, 국가, 지원 언어로 공인 IT 파트너를 검색하고 평점과 인증 현황을 비교해 보세요.",
  "search.intro": "이곳의 파트너는 모두 마켓플레이스 운영팀의 승인을 받았습니다. 필터로 원하는 조건을 좁혀 보세요.",
  "search.form.label": "파트너",
  "search.q.label": "파트너 검색",
  "search.q.placeholder": "예: 메일 이전, Teams, 서울",
  "search.submit": "검색",
  "search.sovereign":
    "중국에서 별도로 운영되는 소버린 클라우드 고객은 파트너 정보를 둘러볼 수는 있지만, 체험 신청이나 위임 관리는 이용할 수 없습니다.",
  "search.filters.title": "필터",
  "search.filters.apply": "필터 적용",
  "search.filters.skip": "검색 결과로 바로 가기",
  "search.facet.services": "서비스",
  "search.facet.expertise": "전문 분야",
  "search.facet.industries": "업종",
  "search.facet.regions": "국가/지역",
  "search.facet.languages": "지원 언어",
  "search.facet.programs": "인증 프로그램",
  "search.facet.delegatedAdmin": "관리 대행",
  "search.facet.minRating": "평점",
  "search.facet.more": "{count}개 더 보기",
  "search.facet.none": "현재 결과에 해당하는 항목이 없습니다.",
  "search.delegatedAdmin.option": "고객 대신 관리 가능",
  "search.rating.any": "전체",
  "search.rating.atLeast": "{rating}점 이상",
  "search.partners.one": "파트너 {count}곳",
  "search.partners.other": "파트너 {count}곳",
  "search.sort.label": "정렬",
  "search.sort.relevance": "관련도순",
  "search.sort.rating": "평점 높은순",
  "search.sort.updated": "최근 업데이트순",
  "search.sort.apply": "정렬",
  "search.chips.label": "적용된 필터",
  "search.chips.remove": "필터 해제: {label}",
  "search.chips.clearAll": "필터 모두 해제",
  "search.results.label": "검색 결과",
  "search.degraded": "지금은 검색이 간소화된 방식으로 동작하고 있어, 결과가 평소보다 덜 정확할 수 있습니다.",
  "search.empty.title": "조건에 맞는 파트너가 없습니다",
  "search.empty.removeFilters": "필터를 하나씩 해제해 보세요.",
  "search.empty.clearQuery": "검색어 ‘{q}’ 없이 보기",
  "search.empty.tips": "맞춤법을 확인하거나, 더 짧거나 일반적인 검색어로 다시 찾아보세요.",
  "search.empty.browseAll": "전체 파트너 보기",
  "search.pastEnd": "{page}페이지에는 결과가 없습니다.",
  "search.pastEnd.first": "첫 페이지로 가기",
  "search.pagination.label": "페이지",
  "search.pagination.previous": "이전",
  "search.pagination.next": "다음",
  "search.pagination.page": "{page} 페이지",
  "search.hit.delegatedAdmin": "고객 대신 관리 가능",
  "search.error.title": "검색 조건 중 올바르지 않은 값이 있습니다",
  "search.error.intro": "아래 항목을 고치거나 지운 뒤 다시 검색해 주세요.",
  "search.error.received": "입력값 ‘{value}’",
  "search.error.reset": "새로 검색하기",
  "search.field.q": "검색어",
  "search.field.sort": "정렬 기준",
  "search.field.page": "페이지 번호",
  "search.field.hitsPerPage": "페이지당 결과 수",
  "search.error.hint.q": "200자 이내로 입력해 주세요.",
  "search.error.hint.list": "필터에 있는 값 중에서 골라 주세요(최대 20개).",
  "search.error.hint.services": "존재하지 않는 서비스가 포함되어 있습니다.",
  "search.error.hint.delegatedAdmin": "‘true’를 쓰거나 비워 두세요.",
  "search.error.hint.minRating": "0부터 5 사이의 숫자를 써 주세요.",
  "search.error.hint.sort": "relevance, rating, updated 중 하나를 써 주세요.",
  "search.error.hint.page": "1부터 1,000 사이의 정수를 써 주세요.",
  "search.error.hint.hitsPerPage": "1부터 50 사이의 정수를 써 주세요.",
  "search.error.hint.other": "올바른 값이 아닙니다.",

  "notFound.title": "페이지를 찾을 수 없습니다",
  "notFound.body":
    "찾으시는 페이지가 없거나 더 이상 제공되지 않습니다. 파트너 링크를 따라오셨다면, 해당 파트너가 소개 페이지를 내렸을 수 있습니다.",
  "notFound.home": "홈으로 가기",
};

const ko: Record<MessageKey, string> = { ...baseKo, ...common.ko, ...auth.ko, ...portal.ko, ...editor.ko, ...operator.ko, ...leads.ko, ...integrations.ko, ...notifications.ko };

export const messages: Record<Locale, Record<MessageKey, string>> = { en, ko };

export function isMessageKey(value: string): value is MessageKey {
  return Object.hasOwn(en, value);
}

export type MessageParams = Record<string, string | number>;

export function isLocale(value: unknown): value is Locale {
  return typeof value === "string" && (LOCALES as readonly string[]).includes(value);
}

/** The message for `key` in `locale`, with `{name}` placeholders filled; unknown placeholders stay visible. */
export function t(locale: Locale, key: MessageKey, params?: MessageParams): string {
  const template = messages[locale][key];
  if (!params) return template;
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => {
    const value = params[name];
    return value === undefined ? whole : formatParam(locale, value);
  });
}

/** Keys that come in CLDR plural forms ("reviews.one" / "reviews.other"), named without the suffix. */
export type PluralKey = MessageKey extends infer K ? (K extends `${infer Base}.other` ? Base : never) : never;

// Intl objects are costly to build (they dominated the search page's CPU profile): one per locale, reused.
const perLocale = <T>(make: (tag: string) => T): Record<Locale, T> =>
  Object.fromEntries(LOCALES.map((l) => [l, make(LOCALE_TAGS[l])])) as Record<Locale, T>;
const pluralRules = perLocale((tag) => new Intl.PluralRules(tag));
const numberFormats = perLocale((tag) => new Intl.NumberFormat(tag));
const ratingFormats = perLocale((tag) => new Intl.NumberFormat(tag, { minimumFractionDigits: 1, maximumFractionDigits: 1 }));
const dateFormats = perLocale((tag) => new Intl.DateTimeFormat(tag, { dateStyle: "long", timeZone: "UTC" }));

/** A number as readers of `locale` write it ("1,234"). */
export function formatNumber(locale: Locale, value: number): string {
  return numberFormats[locale].format(value);
}

/** A counted message: picks the plural form for `count` (Korean has one form, English two). */
export function tPlural(locale: Locale, key: PluralKey, count: number, params?: MessageParams): string {
  const form = pluralRules[locale].select(count);
  const candidate = `${key}.${form}`;
  const chosen = (candidate in messages[locale] ? candidate : `${key}.other`) as MessageKey;
  return t(locale, chosen, { count, ...params });
}

function formatParam(locale: Locale, value: string | number): string {
  return typeof value === "number" ? formatNumber(locale, value) : value;
}

/** The path without any locale prefix ("/ko/partners/x" → "/partners/x", "/ko" → "/"). */
export function stripLocale(path: string): string {
  for (const locale of LOCALES) {
    if (locale === DEFAULT_LOCALE) continue;
    const prefix = `/${locale}`;
    if (path === prefix || path === `${prefix}/`) return "/";
    if (path.startsWith(`${prefix}/`)) return path.slice(prefix.length);
  }
  return path;
}

/**
 * The path for `locale`: English has no prefix, Korean lives under /ko.
 * ("ko", "/partners/x") → "/ko/partners/x"; ("en", "/ko/partners/x") → "/partners/x"; ("ko", "/") → "/ko/".
 * A query string or fragment is kept as is.
 */
export function localePath(locale: Locale, path: string): string {
  const cut = path.search(/[?#]/);
  const pathname = cut === -1 ? path : path.slice(0, cut);
  const rest = cut === -1 ? "" : path.slice(cut);
  const bare = stripLocale(pathname.startsWith("/") ? pathname : `/${pathname}`);
  if (locale === DEFAULT_LOCALE) return bare + rest;
  return (bare === "/" ? `/${locale}/` : `/${locale}${bare}`) + rest;
}

/** The locale a URL (or a pathname) is in, from its path prefix. */
export function localeFromUrl(url: URL | string): Locale {
  const pathname = typeof url === "string" ? new URL(url, "http://localhost").pathname : url.pathname;
  const first = pathname.split("/")[1];
  return isLocale(first) && first !== DEFAULT_LOCALE ? first : DEFAULT_LOCALE;
}

/** The same page in `targetLocale`, keeping the query (a search stays a search after switching language). */
export function alternatePath(url: URL | string, targetLocale: Locale): string {
  const u = typeof url === "string" ? new URL(url, "http://localhost") : url;
  return localePath(targetLocale, u.pathname) + u.search;
}

/** A date as readers of `locale` write it (e.g. "March 5, 2026" / "2026년 3월 5일"). */
export function formatDate(locale: Locale, date: Date): string {
  return dateFormats[locale].format(date);
}

/** A rating with one decimal ("4.0", not "4"). */
export function formatRating(locale: Locale, rating: number): string {
  return ratingFormats[locale].format(rating);
}
