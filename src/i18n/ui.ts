// UI message catalogs (en/ko) and locale-aware path helpers; pure TypeScript so it is unit-testable.

export const LOCALES = ["en", "ko"] as const;
export type Locale = (typeof LOCALES)[number];
export const DEFAULT_LOCALE: Locale = "en";

/** Each language's name in itself, for the language switch (never translated). */
export const LOCALE_NAMES: Record<Locale, string> = { en: "English", ko: "한국어" };

/** BCP 47 tags for Intl formatters and the Open Graph locale. */
export const LOCALE_TAGS: Record<Locale, string> = { en: "en-US", ko: "ko-KR" };

const en = {
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
  "listing.trial.soon": "Online trial requests are coming soon.",
  "listing.trial.website": "Until then, you can reach {name} through its website.",

  "notFound.title": "Page not found",
  "notFound.body":
    "The page you're looking for doesn't exist or is no longer available. If you followed a link to a partner, it may have taken its listing down.",
  "notFound.home": "Go to the home page",
} as const;

export type MessageKey = keyof typeof en;

// Typed against the English keys, so a missing or extra Korean key fails the typecheck.
const ko: Record<MessageKey, string> = {
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
  "listing.trial.soon": "온라인 체험 신청은 곧 열릴 예정입니다.",
  "listing.trial.website": "그전까지는 {name} 웹사이트를 통해 문의해 주세요.",

  "notFound.title": "페이지를 찾을 수 없습니다",
  "notFound.body":
    "찾으시는 페이지가 없거나 더 이상 제공되지 않습니다. 파트너 링크를 따라오셨다면, 해당 파트너가 소개 페이지를 내렸을 수 있습니다.",
  "notFound.home": "홈으로 가기",
};

export const messages: Record<Locale, Record<MessageKey, string>> = { en, ko };

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

/** A counted message: picks the plural form for `count` (Korean has one form, English two). */
export function tPlural(locale: Locale, key: PluralKey, count: number, params?: MessageParams): string {
  const form = new Intl.PluralRules(LOCALE_TAGS[locale]).select(count);
  const candidate = `${key}.${form}`;
  const chosen = (candidate in messages[locale] ? candidate : `${key}.other`) as MessageKey;
  return t(locale, chosen, { count, ...params });
}

function formatParam(locale: Locale, value: string | number): string {
  return typeof value === "number" ? new Intl.NumberFormat(LOCALE_TAGS[locale]).format(value) : value;
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
  return new Intl.DateTimeFormat(LOCALE_TAGS[locale], { dateStyle: "long", timeZone: "UTC" }).format(date);
}

/** A rating with one decimal ("4.0", not "4"). */
export function formatRating(locale: Locale, rating: number): string {
  return new Intl.NumberFormat(LOCALE_TAGS[locale], { minimumFractionDigits: 1, maximumFractionDigits: 1 }).format(
    rating,
  );
}
