// Fixed marketplace vocabularies (programs, expertise, industries, regions, languages, sizes) with en/ko labels.
import { z } from "zod";

export type Locale = "en" | "ko";

export interface VocabularyEntry {
  readonly id: string;
  readonly en: string;
  readonly ko: string;
}

/** The ids of a vocabulary as a literal-typed array, so zod enums keep the exact union. */
function idsOf<const T extends readonly VocabularyEntry[]>(list: T): Array<T[number]["id"]> {
  return list.map((entry) => entry.id);
}

// R3: a verified enrollment in any of these programs enables delegated admin.
export const PROGRAMS = [
  {
    id: "cloud_essentials",
    en: "Cloud Essentials",
    ko: "Cloud Essentials",
    meaning: {
      en: "Certified: can be your delegated administrator for everyday cloud services.",
      ko: "인증됨: 일상적인 클라우드 서비스의 위임된 관리자가 될 수 있습니다.",
    },
  },
  {
    id: "cloud_accelerate",
    en: "Cloud Accelerate",
    ko: "Cloud Accelerate",
    meaning: {
      en: "Certified: can be your delegated administrator and help you adopt services at scale.",
      ko: "인증됨: 위임된 관리자로서 대규모 서비스 도입을 지원할 수 있습니다.",
    },
  },
  {
    id: "cloud_deployment",
    en: "Cloud Deployment",
    ko: "Cloud Deployment",
    meaning: {
      en: "Certified: can be your delegated administrator and run complex deployments and migrations.",
      ko: "인증됨: 위임된 관리자로서 복잡한 배포와 마이그레이션을 수행할 수 있습니다.",
    },
  },
] as const;

export const EXPERTISE = [
  { id: "mail-migration", en: "Mail migration", ko: "메일 마이그레이션" },
  { id: "tenant-to-tenant-migration", en: "Tenant-to-tenant migration", ko: "테넌트 간 마이그레이션" },
  { id: "hybrid-exchange", en: "Hybrid mail deployment", ko: "하이브리드 메일 구축" },
  { id: "identity-sso", en: "Identity & single sign-on", ko: "ID 관리 및 SSO" },
  { id: "zero-trust", en: "Zero Trust security", ko: "제로 트러스트 보안" },
  { id: "security-operations", en: "Security operations", ko: "보안 운영(SOC)" },
  { id: "compliance-ediscovery", en: "Compliance & eDiscovery", ko: "규정 준수 및 eDiscovery" },
  { id: "records-management", en: "Records management", ko: "기록 관리" },
  { id: "intranet-sharepoint", en: "Intranet & SharePoint", ko: "인트라넷 및 셰어포인트" },
  { id: "teams-voice", en: "Teams calling & voice", ko: "Teams 통화 및 음성" },
  { id: "meeting-rooms", en: "Meeting rooms", ko: "회의실 구축" },
  { id: "endpoint-management", en: "Endpoint management", ko: "엔드포인트 관리" },
  { id: "backup-recovery", en: "Backup & recovery", ko: "백업 및 복구" },
  { id: "power-automation", en: "Workflow automation", ko: "업무 자동화" },
  { id: "data-analytics", en: "Data & analytics", ko: "데이터 분석" },
  { id: "copilot-ai-adoption", en: "AI assistant adoption", ko: "AI 어시스턴트 도입" },
  { id: "licensing-optimization", en: "Licensing optimization", ko: "라이선스 최적화" },
  { id: "training-adoption", en: "Training & adoption", ko: "교육 및 활용 촉진" },
  { id: "managed-services-24x7", en: "24x7 managed services", ko: "24시간 관리 서비스" },
  { id: "frontline-workers", en: "Frontline workers", ko: "현장 근무자 솔루션" },
] as const;

export const INDUSTRIES = [
  { id: "manufacturing", en: "Manufacturing", ko: "제조" },
  { id: "finance", en: "Financial services", ko: "금융" },
  { id: "public-sector", en: "Public sector", ko: "공공" },
  { id: "healthcare", en: "Healthcare", ko: "의료" },
  { id: "education", en: "Education", ko: "교육" },
  { id: "retail", en: "Retail", ko: "유통·소매" },
  { id: "logistics", en: "Logistics", ko: "물류" },
  { id: "media", en: "Media & entertainment", ko: "미디어·엔터테인먼트" },
  { id: "legal", en: "Legal", ko: "법률" },
  { id: "construction", en: "Construction", ko: "건설" },
  { id: "energy", en: "Energy & utilities", ko: "에너지" },
  { id: "nonprofit", en: "Nonprofit", ko: "비영리" },
  { id: "it-services", en: "IT services", ko: "IT 서비스" },
  { id: "gaming", en: "Gaming", ko: "게임" },
] as const;

// R11: CN is served through a separately operated sovereign cloud.
export const REGIONS = [
  { id: "KR", en: "South Korea", ko: "대한민국", sovereignCloud: false },
  { id: "US", en: "United States", ko: "미국", sovereignCloud: false },
  { id: "JP", en: "Japan", ko: "일본", sovereignCloud: false },
  { id: "CN", en: "China", ko: "중국", sovereignCloud: true },
  { id: "SG", en: "Singapore", ko: "싱가포르", sovereignCloud: false },
  { id: "GB", en: "United Kingdom", ko: "영국", sovereignCloud: false },
  { id: "DE", en: "Germany", ko: "독일", sovereignCloud: false },
  { id: "FR", en: "France", ko: "프랑스", sovereignCloud: false },
  { id: "AU", en: "Australia", ko: "호주", sovereignCloud: false },
  { id: "CA", en: "Canada", ko: "캐나다", sovereignCloud: false },
  { id: "IN", en: "India", ko: "인도", sovereignCloud: false },
  { id: "VN", en: "Vietnam", ko: "베트남", sovereignCloud: false },
  { id: "TW", en: "Taiwan", ko: "대만", sovereignCloud: false },
  { id: "HK", en: "Hong Kong", ko: "홍콩", sovereignCloud: false },
  { id: "ID", en: "Indonesia", ko: "인도네시아", sovereignCloud: false },
  { id: "TH", en: "Thailand", ko: "태국", sovereignCloud: false },
  { id: "MY", en: "Malaysia", ko: "말레이시아", sovereignCloud: false },
  { id: "PH", en: "Philippines", ko: "필리핀", sovereignCloud: false },
  { id: "NL", en: "Netherlands", ko: "네덜란드", sovereignCloud: false },
  { id: "AE", en: "United Arab Emirates", ko: "아랍에미리트", sovereignCloud: false },
] as const;

export const LANGUAGES = [
  { id: "en", en: "English", ko: "영어" },
  { id: "ko", en: "Korean", ko: "한국어" },
  { id: "ja", en: "Japanese", ko: "일본어" },
  { id: "zh", en: "Chinese", ko: "중국어" },
  { id: "de", en: "German", ko: "독일어" },
  { id: "fr", en: "French", ko: "프랑스어" },
  { id: "es", en: "Spanish", ko: "스페인어" },
  { id: "vi", en: "Vietnamese", ko: "베트남어" },
  { id: "id", en: "Indonesian", ko: "인도네시아어" },
  { id: "th", en: "Thai", ko: "태국어" },
  { id: "nl", en: "Dutch", ko: "네덜란드어" },
  { id: "ar", en: "Arabic", ko: "아랍어" },
] as const;

export const COMPANY_SIZES = [
  { id: "1-9", en: "1–9 employees", ko: "1–9명" },
  { id: "10-49", en: "10–49 employees", ko: "10–49명" },
  { id: "50-249", en: "50–249 employees", ko: "50–249명" },
  { id: "250-999", en: "250–999 employees", ko: "250–999명" },
  { id: "1000+", en: "1,000+ employees", ko: "1,000명 이상" },
] as const;

export const programIds = idsOf(PROGRAMS);
export const expertiseIds = idsOf(EXPERTISE);
export const industryIds = idsOf(INDUSTRIES);
export const regionIds = idsOf(REGIONS);
export const languageIds = idsOf(LANGUAGES);
export const companySizeIds = idsOf(COMPANY_SIZES);

export const ProgramSchema = z.enum(programIds);
export const ExpertiseSchema = z.enum(expertiseIds);
export const IndustrySchema = z.enum(industryIds);
export const RegionSchema = z.enum(regionIds);
export const LanguageSchema = z.enum(languageIds);
export const CompanySizeSchema = z.enum(companySizeIds);

export type ProgramId = z.infer<typeof ProgramSchema>;
export type ExpertiseId = z.infer<typeof ExpertiseSchema>;
export type IndustryId = z.infer<typeof IndustrySchema>;
export type RegionId = z.infer<typeof RegionSchema>;
export type LanguageId = z.infer<typeof LanguageSchema>;
export type CompanySizeId = z.infer<typeof CompanySizeSchema>;

/** R11: true when customers in that country are served by the sovereign cloud (no partner features). */
export function isSovereignCloudCountry(code: string): boolean {
  const upper = code.trim().toUpperCase();
  return REGIONS.some((region) => region.id === upper && region.sovereignCloud);
}

/** The label of `id` in `list` for the locale; unknown ids fall back to the id itself. */
export function label(list: readonly VocabularyEntry[], id: string, locale: Locale): string {
  const entry = list.find((e) => e.id === id);
  return entry ? entry[locale] : id;
}

/** R3: the one-sentence meaning of a program for the locale (the id when unknown). */
export function programMeaning(id: string, locale: Locale): string {
  const program = PROGRAMS.find((p) => p.id === id);
  return program ? program.meaning[locale] : id;
}
