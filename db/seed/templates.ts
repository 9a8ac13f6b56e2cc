// Listing text templates for demo data: per-focus themes with parallel English/Korean headlines, paragraphs and bullets.
// Pairs share an index so a bilingual listing says the same thing in both languages.

export interface TextPair {
  en: string;
  ko: string;
}

export interface Theme {
  id: string;
  focus: TextPair;
  /** Catalog service ids this kind of partner usually offers, most typical first. */
  services: readonly string[];
  expertise: readonly string[];
  industries: readonly string[];
  /** Placeholders: {area}, {industry}. */
  headlines: readonly TextPair[];
  /** Second description paragraph. Placeholder: {mailboxes}. */
  approaches: readonly TextPair[];
  bullets: readonly TextPair[];
}

/** First description paragraph. Placeholders: {name}, {은는}, {city}, {area}, {industry}, {focus}, {year}, {team}, {projects}. */
export const INTROS: readonly TextPair[] = [
  {
    en: "**{name}** is a {city}-based cloud partner that has helped {industry} organizations with {focus} since {year}. Our {team} certified engineers deliver projects from 20 to 5,000 seats.",
    ko: "**{name}**{은는} {year}년부터 {area} 지역 {industry} 고객의 {focus} 프로젝트를 수행해 온 클라우드 파트너입니다. 인증 엔지니어 {team}명이 20명 규모부터 5,000명 규모까지 구축을 책임집니다.",
  },
  {
    en: "Founded in {year}, **{name}** works with {industry} companies in {area} on {focus} and has completed more than {projects} projects.",
    ko: "{year}년에 설립된 **{name}**{은는} {area} 지역 {industry} 기업을 중심으로 {focus} 서비스를 제공하며, 지금까지 {projects}건 이상의 프로젝트를 완료했습니다.",
  },
  {
    en: "**{name}** specializes in {focus}. From our office in {city}, {team} engineers support more than {projects} {industry} customers.",
    ko: "{area} 지역을 기반으로 한 **{name}**{은는} {focus} 전문 기업으로, 엔지니어 {team}명이 {industry} 고객 {projects}곳 이상을 지원하고 있습니다.",
  },
];

export const THEMES: readonly Theme[] = [
  {
    id: "migration",
    focus: { en: "mail and data migration", ko: "메일·데이터 마이그레이션" },
    services: ["migration", "mail", "file-sharing", "backup"],
    expertise: ["mail-migration", "tenant-to-tenant-migration", "hybrid-exchange", "backup-recovery"],
    industries: ["manufacturing", "finance", "legal", "construction"],
    headlines: [
      { en: "Zero-downtime mail migration for {industry} teams", ko: "{industry} 기업을 위한 무중단 메일 마이그레이션" },
      { en: "Move your mail and files to the cloud in weeks, not months", ko: "메일·파일 서버의 클라우드 전환, 몇 달이 아닌 몇 주 만에" },
      { en: "Tenant-to-tenant migrations after mergers and acquisitions", ko: "인수합병 후 테넌트 간 마이그레이션 전문" },
      { en: "Mail migration specialists in {area}", ko: "{area} 지역 메일 마이그레이션 전문 파트너" },
    ],
    approaches: [
      {
        en: "We start with a two-week assessment of your mailboxes, archives and shared drives, then migrate in waves over weekends so nobody loses a day of work. Every project ends with a signed-off data reconciliation report.",
        ko: "2주간 메일함·보관 메일·공유 드라이브를 사전 진단한 뒤, 주말마다 단계적으로 이전해 업무 중단이 없도록 합니다. 모든 프로젝트는 데이터 검증 보고서로 마무리합니다.",
      },
      {
        en: "Our migration team has moved over {mailboxes} mailboxes from on-premises servers, hosted IMAP providers and other cloud tenants. Users keep their calendars, contacts and shared mailboxes.",
        ko: "온프레미스 메일 서버, IMAP 호스팅, 다른 클라우드 테넌트에서 지금까지 {mailboxes}개 이상의 메일함을 이전했습니다. 일정, 연락처, 공유 메일함까지 그대로 옮겨 드립니다.",
      },
    ],
    bullets: [
      { en: "Pre-migration assessment and cutover plan", ko: "사전 진단 및 전환 계획 수립" },
      { en: "Staged mailbox and archive migration", ko: "메일함·보관 메일 단계별 이전" },
      { en: "File server and shared drive moves to cloud storage", ko: "파일 서버·공유 드라이브의 클라우드 저장소 이전" },
      { en: "Hybrid coexistence during the transition", ko: "전환 기간 중 하이브리드 공존 구성" },
      { en: "Post-migration help desk for the first 30 days", ko: "전환 후 30일간 헬프데스크 지원" },
    ],
  },
  {
    id: "security",
    focus: { en: "identity and security", ko: "ID 관리와 보안" },
    services: ["security", "identity", "device-management", "compliance"],
    expertise: ["zero-trust", "identity-sso", "security-operations", "endpoint-management"],
    industries: ["finance", "healthcare", "public-sector", "it-services"],
    headlines: [
      { en: "Zero Trust security for {industry} organizations", ko: "{industry} 기관을 위한 제로 트러스트 보안" },
      { en: "Security consulting: MFA, conditional access and phishing protection", ko: "보안 컨설팅: MFA, 조건부 액세스, 피싱 방어" },
      { en: "24x7 security monitoring from our {area} SOC", ko: "{area} 보안관제센터의 24시간 보안 모니터링" },
      { en: "Stop account takeover before it starts", ko: "계정 탈취를 사전에 차단하는 보안 구축" },
    ],
    approaches: [
      {
        en: "We begin with a security posture review of your sign-in logs and mail flow, then roll out multi-factor authentication and conditional access to pilot groups first. Nothing is enforced until your help desk is ready.",
        ko: "현재 로그인 기록과 메일 흐름을 기준으로 보안 수준을 진단한 뒤, 시범 그룹부터 다단계 인증과 조건부 액세스를 적용합니다. 헬프데스크 준비가 끝나기 전에는 정책을 강제하지 않습니다.",
      },
      {
        en: "Our analysts watch alerts around the clock and contain incidents within agreed response times. Monthly reports show what was blocked and what to fix next.",
        ko: "보안 분석가가 24시간 경보를 모니터링하고 합의된 시간 내에 사고를 차단합니다. 매월 차단 내역과 개선 과제를 보고서로 제공합니다.",
      },
    ],
    bullets: [
      { en: "Multi-factor authentication rollout", ko: "다단계 인증(MFA) 도입" },
      { en: "Conditional access and single sign-on design", ko: "조건부 액세스 및 SSO 설계" },
      { en: "Phishing and malware protection tuning", ko: "피싱·악성코드 방어 정책 최적화" },
      { en: "Compliance policies for laptops and phones", ko: "노트북·휴대폰 디바이스 규정 준수 정책" },
      { en: "Incident response retainer", ko: "침해 사고 대응 계약" },
    ],
  },
  {
    id: "intranet",
    focus: { en: "intranets and team collaboration", ko: "인트라넷과 협업 환경 구축" },
    services: ["intranet", "file-sharing", "chat-meetings", "automation"],
    expertise: ["intranet-sharepoint", "power-automation", "records-management", "training-adoption"],
    industries: ["manufacturing", "education", "nonprofit", "media"],
    headlines: [
      { en: "SharePoint intranets your people actually use", ko: "직원이 실제로 쓰는 셰어포인트 인트라넷" },
      { en: "From shared drives to team sites: collaboration for {industry} teams", ko: "공유 드라이브에서 팀 사이트로: {industry} 업계 협업 환경" },
      { en: "Intranet, document management and approvals in one place", ko: "인트라넷·문서 관리·전자결재를 한 곳에서" },
      { en: "Modern workplace consulting in {area}", ko: "{area} 지역 스마트워크 컨설팅" },
    ],
    approaches: [
      {
        en: "We design the intranet with your communications team: news, policies, a people directory and department sites, all searchable and readable on phones. Templates keep new sites consistent.",
        ko: "홍보팀과 함께 사내 소식, 규정, 임직원 검색, 부서 사이트로 구성된 인트라넷을 설계합니다. 모바일에서도 잘 보이며, 템플릿으로 새 사이트도 일관되게 만들 수 있습니다.",
      },
      {
        en: "Approvals, leave requests and purchase orders move from paper and email into simple automated workflows, built with your staff so they can maintain them.",
        ko: "종이와 메일로 처리하던 결재, 휴가 신청, 구매 요청을 간단한 자동화 워크플로로 옮기고, 직원이 직접 유지보수할 수 있도록 함께 만듭니다.",
      },
    ],
    bullets: [
      { en: "Intranet home, news and department sites", ko: "인트라넷 홈, 사내 소식, 부서 사이트 구축" },
      { en: "Document libraries with versioning and retention", ko: "버전 관리·보존 정책이 적용된 문서 라이브러리" },
      { en: "Approval and request workflows", ko: "결재 및 신청 워크플로 자동화" },
      { en: "Teams and channels structure for projects", ko: "프로젝트별 팀·채널 구조 설계" },
      { en: "Site owner training", ko: "사이트 관리자 교육" },
    ],
  },
  {
    id: "voice",
    focus: { en: "cloud calling and meeting rooms", ko: "클라우드 전화와 회의실 구축" },
    services: ["voice", "chat-meetings", "device-management", "training"],
    expertise: ["teams-voice", "meeting-rooms", "frontline-workers", "training-adoption"],
    industries: ["retail", "logistics", "healthcare", "education"],
    headlines: [
      { en: "Replace your phone system with cloud calling", ko: "구내 교환기를 클라우드 전화로 전환" },
      { en: "Teams rollout and meeting rooms across {area}", ko: "{area} 지역 Teams 도입 및 회의실 구축" },
      { en: "Meeting rooms that just work, from huddle spaces to boardrooms", ko: "소회의실부터 대회의실까지, 바로 쓰는 화상회의실" },
      { en: "Calling and chat for frontline {industry} staff", ko: "{industry} 현장 직원을 위한 전화·채팅 환경" },
    ],
    approaches: [
      {
        en: "We port your numbers, build call queues and auto attendants, and train receptionists before cutover day. Most offices move in a single weekend.",
        ko: "기존 번호 이전, 통화 대기열과 자동 안내 구성, 안내 데스크 교육까지 전환일 이전에 마칩니다. 대부분의 사무실은 주말 하루 만에 전환됩니다.",
      },
      {
        en: "Our room specialists survey each space, recommend certified devices and install them, so a meeting starts with one touch.",
        ko: "회의실 전문가가 공간별로 현장 조사를 하고 인증 장비를 추천·설치하여, 터치 한 번으로 회의를 시작할 수 있게 합니다.",
      },
    ],
    bullets: [
      { en: "Number porting and call routing", ko: "번호 이전 및 착신 라우팅 설계" },
      { en: "Call queues and auto attendants", ko: "통화 대기열 및 자동 안내(ARS) 구성" },
      { en: "Meeting room design and installation", ko: "화상회의실 설계 및 장비 설치" },
      { en: "Headsets and desk phones provisioning", ko: "헤드셋·탁상 전화기 보급" },
      { en: "Training for receptionists and team leads", ko: "안내 데스크·팀장 대상 교육" },
    ],
  },
  {
    id: "managed",
    focus: { en: "managed IT services", ko: "IT 운영 대행(매니지드 서비스)" },
    services: ["mail", "identity", "device-management", "backup", "security"],
    expertise: ["managed-services-24x7", "endpoint-management", "licensing-optimization", "backup-recovery"],
    industries: ["it-services", "retail", "construction", "logistics", "nonprofit"],
    headlines: [
      { en: "Your outsourced IT team, 24x7", ko: "24시간 함께하는 IT 운영 대행" },
      { en: "Managed cloud services for growing {industry} businesses", ko: "성장하는 {industry} 기업을 위한 클라우드 관리 서비스" },
      { en: "One monthly fee: users, devices, backup and support", ko: "월 정액으로 사용자·디바이스·백업·지원까지" },
      { en: "Help desk and cloud administration from {area}", ko: "{area} 지역 헬프데스크 및 클라우드 관리" },
    ],
    approaches: [
      {
        en: "As your delegated administrator we handle new starters and leavers, mailbox changes, licenses and vendor support cases, and every change we make is visible to you in the activity log.",
        ko: "위임된 관리자로서 입·퇴사자 계정 처리, 메일함 변경, 라이선스 관리, 제조사 지원 요청을 대신 처리하며, 모든 작업 내역은 활동 로그에서 확인하실 수 있습니다.",
      },
      {
        en: "Our help desk picks up within 15 minutes during business hours, and an on-call engineer covers nights and weekends. Quarterly reviews keep licenses matched to real usage.",
        ko: "업무 시간에는 15분 이내에 헬프데스크가 응답하고, 야간과 주말에는 당직 엔지니어가 대응합니다. 분기별 점검으로 실제 사용량에 맞게 라이선스를 조정합니다.",
      },
    ],
    bullets: [
      { en: "Joiner, mover and leaver account handling", ko: "입·퇴사 및 인사이동 계정 처리" },
      { en: "Device enrollment and patching", ko: "디바이스 등록 및 보안 업데이트 관리" },
      { en: "Daily backup with tested restores", ko: "일일 백업 및 정기 복구 테스트" },
      { en: "License reviews to cut unused seats", ko: "미사용 라이선스 정리로 비용 절감" },
      { en: "Vendor support cases opened on your behalf", ko: "제조사 기술지원 요청 대행" },
    ],
  },
  {
    id: "compliance",
    focus: { en: "compliance and records management", ko: "규정 준수와 기록 관리" },
    services: ["compliance", "backup", "security", "mail"],
    expertise: ["compliance-ediscovery", "records-management", "security-operations"],
    industries: ["finance", "legal", "healthcare", "public-sector", "energy"],
    headlines: [
      { en: "Retention, eDiscovery and audit readiness for {industry} teams", ko: "{industry} 분야 보존 정책·eDiscovery·감사 대응" },
      { en: "Data loss prevention without slowing people down", ko: "업무를 멈추지 않는 데이터 유출 방지(DLP)" },
      { en: "Records management consulting for regulated industries", ko: "규제 산업을 위한 기록 관리 컨설팅" },
      { en: "Privacy and personal data compliance, done properly", ko: "개인정보보호 규정 대응 컨설팅" },
    ],
    approaches: [
      {
        en: "We map your regulatory obligations to retention labels, legal holds and data loss prevention policies, test them with your legal team, and document everything for your auditors.",
        ko: "규제 요건을 보존 레이블, 소송 보존, 데이터 유출 방지 정책으로 정리하고 법무팀과 함께 검증한 뒤, 감사 대응 문서까지 작성해 드립니다.",
      },
      {
        en: "When a request or investigation comes in, our eDiscovery team runs the searches, reviews results with your counsel and exports evidence in the format required.",
        ko: "조사나 자료 제출 요청이 들어오면 eDiscovery 전담팀이 검색과 검토를 수행하고 요구 형식에 맞게 증거 자료를 추출합니다.",
      },
    ],
    bullets: [
      { en: "Retention and deletion policies", ko: "보존 및 삭제 정책 수립" },
      { en: "Legal hold and eDiscovery searches", ko: "소송 보존 및 eDiscovery 검색" },
      { en: "Sensitivity labels and data loss prevention", ko: "민감도 레이블 및 데이터 유출 방지" },
      { en: "Audit log review and reporting", ko: "감사 로그 검토 및 보고" },
      { en: "Policy documentation for auditors", ko: "감사 대응 정책 문서화" },
    ],
  },
  {
    id: "data",
    focus: { en: "reporting and workflow automation", ko: "데이터 분석과 업무 자동화" },
    services: ["analytics", "automation", "intranet", "ai-assistant"],
    expertise: ["data-analytics", "power-automation", "copilot-ai-adoption"],
    industries: ["manufacturing", "retail", "finance", "energy", "gaming"],
    headlines: [
      { en: "Dashboards your managers check every morning", ko: "경영진이 매일 아침 확인하는 대시보드" },
      { en: "Low-code automation for {industry} operations", ko: "{industry} 현장 업무를 위한 로우코드 자동화" },
      { en: "Turn spreadsheets into reports and approvals into workflows", ko: "엑셀 보고서는 대시보드로, 결재는 자동화 워크플로로" },
      { en: "Data and automation consulting in {area}", ko: "{area} 지역 데이터 분석·업무 자동화 컨설팅" },
    ],
    approaches: [
      {
        en: "We connect your ERP, sales and production data into one model and build dashboards with the people who use them, so the numbers match the ones finance reports.",
        ko: "ERP, 영업, 생산 데이터를 하나의 모델로 연결하고 실제 사용자와 함께 대시보드를 만들어, 재무 보고 수치와 일치하도록 합니다.",
      },
      {
        en: "Repetitive tasks such as purchase requests, inspection checklists and weekly reports become automated flows, with a citizen-developer program so your teams can build the next ones.",
        ko: "구매 요청, 점검 체크리스트, 주간 보고 같은 반복 업무를 자동화하고, 현업 개발자 프로그램으로 다음 자동화는 직접 만들 수 있게 돕습니다.",
      },
    ],
    bullets: [
      { en: "Data model and dashboard design", ko: "데이터 모델 및 대시보드 설계" },
      { en: "Automated approvals and notifications", ko: "결재·알림 자동화" },
      { en: "Forms and mobile apps for field staff", ko: "현장 직원용 양식 및 모바일 앱" },
      { en: "Citizen-developer training", ko: "현업 개발자 교육" },
      { en: "Governance for apps and flows", ko: "앱·워크플로 거버넌스 수립" },
    ],
  },
  {
    id: "ai-adoption",
    focus: { en: "AI assistant adoption and user training", ko: "AI 어시스턴트 도입과 사용자 교육" },
    services: ["ai-assistant", "training", "chat-meetings", "compliance"],
    expertise: ["copilot-ai-adoption", "training-adoption", "licensing-optimization", "compliance-ediscovery"],
    industries: ["finance", "legal", "media", "education", "it-services"],
    headlines: [
      { en: "AI assistant pilots that prove value in 6 weeks", ko: "6주 만에 효과를 검증하는 AI 어시스턴트 시범 도입" },
      { en: "Getting your data ready for AI, safely", ko: "AI 도입을 위한 안전한 데이터 준비" },
      { en: "Adoption and training programs for {industry} teams", ko: "{industry} 고객을 위한 활용 교육 프로그램" },
      { en: "Hands-on AI workshops for every team", ko: "부서별 실습형 AI 워크숍" },
    ],
    approaches: [
      {
        en: "Before any license is assigned we review permissions and oversharing, so the assistant only surfaces what each person should see. Then a pilot group of 20–50 users measures time saved on real tasks.",
        ko: "라이선스를 배정하기 전에 권한과 과다 공유 여부를 점검해, 각 사용자가 볼 수 있는 정보만 AI가 활용하도록 합니다. 이후 20~50명 시범 그룹으로 실제 업무 시간 절감 효과를 측정합니다.",
      },
      {
        en: "Our trainers run short, role-based sessions and a champions network, and we track usage so the rollout keeps going after launch day.",
        ko: "직무별 짧은 교육과 챔피언 네트워크를 운영하고, 사용 현황을 추적해 오픈 이후에도 활용이 꾸준히 늘도록 지원합니다.",
      },
    ],
    bullets: [
      { en: "Oversharing and permissions review", ko: "과다 공유 및 권한 점검" },
      { en: "Pilot design with measurable goals", ko: "측정 가능한 목표를 둔 시범 운영 설계" },
      { en: "Role-based prompt workshops", ko: "직무별 프롬프트 실습 워크숍" },
      { en: "Champions network and adoption reporting", ko: "챔피언 네트워크 및 활용 현황 보고" },
      { en: "Usage-based license planning", ko: "사용량 기반 라이선스 계획" },
    ],
  },
  {
    id: "small-business",
    focus: { en: "cloud setup for small businesses", ko: "중소기업 클라우드 도입" },
    services: ["mail", "file-sharing", "chat-meetings", "identity", "backup"],
    expertise: ["mail-migration", "licensing-optimization", "training-adoption", "managed-services-24x7"],
    industries: ["retail", "nonprofit", "legal", "construction", "healthcare"],
    headlines: [
      { en: "Business email and file sharing, set up in a day", ko: "비즈니스 메일과 파일 공유, 하루 만에 구축" },
      { en: "The cloud office for small {industry} businesses", ko: "소규모 {industry} 사업장을 위한 클라우드 오피스" },
      { en: "Friendly local IT support for small offices in {area}", ko: "{area} 지역 소규모 사무실 IT 지원" },
      { en: "Start small: 5 to 50 users, no servers", ko: "서버 없이 5명부터 50명까지 시작하는 클라우드" },
    ],
    approaches: [
      {
        en: "We connect your domain, create mailboxes, move your old mail and files, and set up phones and laptops so everyone is working the next morning.",
        ko: "도메인 연결, 메일 계정 생성, 기존 메일·파일 이전, 휴대폰·노트북 설정까지 마쳐 다음 날 아침부터 바로 업무를 시작할 수 있습니다.",
      },
      {
        en: "After go-live you get a named contact, a simple monthly invoice and help by phone or chat whenever something breaks.",
        ko: "도입 후에는 전담 담당자가 배정되며, 간단한 월 정액 청구와 함께 문제가 생기면 전화나 채팅으로 바로 도와드립니다.",
      },
    ],
    bullets: [
      { en: "Domain and mailbox setup", ko: "도메인 연결 및 메일 계정 설정" },
      { en: "Old mail and files moved for you", ko: "기존 메일·파일 이전 대행" },
      { en: "Shared calendars and team chat", ko: "공유 일정 및 팀 채팅 설정" },
      { en: "MFA for every account", ko: "모든 계정에 다단계 인증 적용" },
      { en: "Phone and chat support", ko: "전화·채팅 기술 지원" },
    ],
  },
];

/** The Korean topic particle for `word`: 은 after a final consonant, 는 after a vowel (Latin names by their last letter). */
export function topicParticle(word: string): "은" | "는" {
  const last = word.trim().slice(-1);
  const code = last.charCodeAt(0);
  if (code >= 0xac00 && code <= 0xd7a3) return (code - 0xac00) % 28 === 0 ? "는" : "은";
  // An all-caps tail is read letter by letter ("IT" → 아이티), which mostly ends in a vowel.
  if (/[A-Z]{2,}$/.test(word.trim())) return "는";
  return /[lmnkpbgcdt]/i.test(last) ? "은" : "는";
}

/** Replaces each {key} in `template` with vars[key]; unknown keys are left as they are. */
export function fill(template: string, vars: Readonly<Record<string, string>>): string {
  return template.replace(/\{([^{}]+)\}/g, (whole, key: string) => vars[key] ?? whole);
}
