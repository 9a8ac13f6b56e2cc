// Demo service catalog and trial offers (R2), as rows of the services, offers and offer_services tables.
import type { Selectable } from "kysely";
import type { OfferServices, Offers, Services } from "../types.ts";

export type ServiceRow = Selectable<Services>;
export type OfferRow = Selectable<Offers>;
export type OfferServiceRow = Selectable<OfferServices>;

type ServiceSpec = Omit<ServiceRow, "sort_order" | "active">;

const SERVICE_SPECS: readonly ServiceSpec[] = [
  {
    id: "mail",
    category: "communication",
    name_en: "Business email",
    name_ko: "비즈니스 메일",
    description_en: "Hosted business email with shared calendars and contacts on your own domain.",
    description_ko: "자체 도메인으로 사용하는 호스팅 비즈니스 메일과 공유 일정·연락처.",
  },
  {
    id: "file-sharing",
    category: "collaboration",
    name_en: "File storage & sharing",
    name_ko: "파일 저장 및 공유",
    description_en: "Cloud storage for every user, with secure sharing inside and outside the company.",
    description_ko: "사용자별 클라우드 저장소와 사내외 보안 파일 공유.",
  },
  {
    id: "intranet",
    category: "collaboration",
    name_en: "Intranet & team sites",
    name_ko: "인트라넷 및 팀 사이트",
    description_en: "Company news, team sites and document libraries in one intranet.",
    description_ko: "사내 소식, 팀 사이트, 문서 라이브러리를 하나로 모은 인트라넷.",
  },
  {
    id: "chat-meetings",
    category: "communication",
    name_en: "Chat & online meetings",
    name_ko: "채팅 및 온라인 회의",
    description_en: "Team chat, channels and video meetings with screen sharing and recording.",
    description_ko: "팀 채팅과 채널, 화면 공유·녹화가 되는 화상 회의.",
  },
  {
    id: "voice",
    category: "communication",
    name_en: "Cloud calling",
    name_ko: "클라우드 전화",
    description_en: "Phone numbers, call queues and auto attendants without on-site phone systems.",
    description_ko: "구내 교환기 없이 쓰는 전화번호, 통화 대기열, 자동 안내.",
  },
  {
    id: "device-management",
    category: "management",
    name_en: "Device management",
    name_ko: "디바이스 관리",
    description_en: "Enroll, configure and secure laptops and phones from the cloud.",
    description_ko: "노트북과 휴대폰을 클라우드에서 등록·구성하고 보호합니다.",
  },
  {
    id: "identity",
    category: "security",
    name_en: "Identity & access",
    name_ko: "ID 및 액세스 관리",
    description_en: "Single sign-on, multi-factor authentication and conditional access.",
    description_ko: "통합 인증(SSO), 다단계 인증(MFA), 조건부 액세스.",
  },
  {
    id: "security",
    category: "security",
    name_en: "Threat protection",
    name_ko: "위협 방지",
    description_en: "Protection against phishing, malware and account takeover across mail and devices.",
    description_ko: "메일과 디바이스 전반의 피싱·악성코드·계정 탈취 방어.",
  },
  {
    id: "compliance",
    category: "security",
    name_en: "Compliance & information protection",
    name_ko: "규정 준수 및 정보 보호",
    description_en: "Retention, legal hold, eDiscovery and data loss prevention.",
    description_ko: "보존 정책, 소송 보존, eDiscovery, 데이터 유출 방지.",
  },
  {
    id: "backup",
    category: "management",
    name_en: "Cloud backup",
    name_ko: "클라우드 백업",
    description_en: "Point-in-time backup and restore of mailboxes, files and sites.",
    description_ko: "메일함, 파일, 사이트의 시점 백업 및 복원.",
  },
  {
    id: "analytics",
    category: "data",
    name_en: "Reports & analytics",
    name_ko: "보고서 및 분석",
    description_en: "Self-service dashboards and reports over your business data.",
    description_ko: "업무 데이터를 대상으로 한 셀프서비스 대시보드와 보고서.",
  },
  {
    id: "automation",
    category: "data",
    name_en: "Workflow automation",
    name_ko: "업무 자동화",
    description_en: "Low-code approvals, forms and workflows connecting your apps.",
    description_ko: "앱을 연결하는 로우코드 결재, 양식, 워크플로.",
  },
  {
    id: "ai-assistant",
    category: "data",
    name_en: "AI assistant",
    name_ko: "AI 어시스턴트",
    description_en: "An AI assistant in mail, documents and meetings, grounded in your company's data.",
    description_ko: "회사 데이터를 바탕으로 메일·문서·회의에서 돕는 AI 어시스턴트.",
  },
  {
    id: "migration",
    category: "professional-services",
    name_en: "Migration services",
    name_ko: "마이그레이션 서비스",
    description_en: "Moving mail, files and accounts from other systems, with no lost data.",
    description_ko: "다른 시스템의 메일·파일·계정을 데이터 손실 없이 이전합니다.",
  },
  {
    id: "training",
    category: "professional-services",
    name_en: "Training & adoption",
    name_ko: "교육 및 활용 지원",
    description_en: "End-user and admin training, champions programs and adoption campaigns.",
    description_ko: "사용자·관리자 교육, 챔피언 프로그램, 활용 촉진 캠페인.",
  },
];

export const SERVICES: readonly ServiceRow[] = SERVICE_SPECS.map((spec, index) => ({
  ...spec,
  sort_order: (index + 1) * 10,
  active: true,
}));

export const SERVICE_IDS: readonly string[] = SERVICES.map((s) => s.id);

interface OfferSpec extends Omit<OfferRow, "active"> {
  services: readonly string[];
}

// R2: what a trial invitation may contain is decided by the offer's bundle, length and seat cap.
const OFFER_SPECS: readonly OfferSpec[] = [
  {
    id: "business-basic-trial",
    name_en: "Business Basic trial",
    name_ko: "Business Basic 평가판",
    trial_days: 30,
    seat_cap: 25,
    services: ["mail", "file-sharing", "chat-meetings"],
  },
  {
    id: "business-standard-trial",
    name_en: "Business Standard trial",
    name_ko: "Business Standard 평가판",
    trial_days: 30,
    seat_cap: 300,
    services: ["mail", "file-sharing", "chat-meetings", "intranet", "automation"],
  },
  {
    id: "business-premium-trial",
    name_en: "Business Premium trial",
    name_ko: "Business Premium 평가판",
    trial_days: 30,
    seat_cap: 300,
    services: ["mail", "file-sharing", "chat-meetings", "intranet", "identity", "device-management", "security"],
  },
  {
    id: "enterprise-trial",
    name_en: "Enterprise trial",
    name_ko: "Enterprise 평가판",
    trial_days: 90,
    seat_cap: 1000,
    services: [
      "mail",
      "file-sharing",
      "chat-meetings",
      "intranet",
      "voice",
      "identity",
      "security",
      "compliance",
      "analytics",
      "ai-assistant",
    ],
  },
  {
    id: "frontline-trial",
    name_en: "Frontline workers trial",
    name_ko: "현장 근무자 평가판",
    trial_days: 60,
    seat_cap: 100,
    services: ["chat-meetings", "file-sharing", "device-management", "identity"],
  },
];

export const OFFERS: readonly OfferRow[] = OFFER_SPECS.map(({ services: _services, ...offer }) => ({
  ...offer,
  active: true,
}));

export const OFFER_SERVICES: readonly OfferServiceRow[] = OFFER_SPECS.flatMap((offer) =>
  offer.services.map((service_id) => ({ offer_id: offer.id, service_id })),
);
