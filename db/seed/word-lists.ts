// Raw material for demo data: company, place and person names (English and Korean), lead texts.
// Domains are all under example.com (RFC 2606), so demo mail can never reach a real mailbox.

/** A Korean partner: its Korean name, romanized slug, English name and home area (index into KOREAN_AREAS). */
export interface KoreanCompany {
  ko: string;
  slug: string;
  en: string;
  area: number;
}

export const KOREAN_AREAS = [
  { ko: "서울", en: "Seoul", city: "Seoul" },
  { ko: "서울·경기", en: "Seoul and Gyeonggi", city: "Seoul" },
  { ko: "부산·경남", en: "Busan and Gyeongnam", city: "Busan" },
  { ko: "대구·경북", en: "Daegu and Gyeongbuk", city: "Daegu" },
  { ko: "광주·전남", en: "Gwangju and Jeonnam", city: "Gwangju" },
  { ko: "대전·충청", en: "Daejeon and Chungcheong", city: "Daejeon" },
  { ko: "인천", en: "Incheon", city: "Incheon" },
  { ko: "판교", en: "Pangyo", city: "Seongnam" },
  { ko: "제주", en: "Jeju", city: "Jeju" },
] as const;

export const KOREAN_COMPANIES: readonly KoreanCompany[] = [
  { ko: "한빛클라우드", slug: "hanbit-cloud", en: "Hanbit Cloud", area: 1 },
  { ko: "누리정보기술", slug: "nuri-it", en: "Nuri IT", area: 0 },
  { ko: "다온시스템", slug: "daon-systems", en: "Daon Systems", area: 7 },
  { ko: "세움아이티", slug: "seum-it", en: "Seum IT", area: 0 },
  { ko: "온새미로테크", slug: "onsaemiro-tech", en: "Onsaemiro Tech", area: 1 },
  { ko: "가온소프트", slug: "gaon-soft", en: "Gaon Soft", area: 5 },
  { ko: "미리내솔루션", slug: "mirinae-solutions", en: "Mirinae Solutions", area: 0 },
  { ko: "한결정보통신", slug: "hangyeol-ict", en: "Hangyeol ICT", area: 3 },
  { ko: "바른클라우드", slug: "bareun-cloud", en: "Bareun Cloud", area: 7 },
  { ko: "새솔데이터", slug: "saesol-data", en: "Saesol Data", area: 0 },
  { ko: "이음네트웍스", slug: "ieum-networks", en: "Ieum Networks", area: 6 },
  { ko: "하늘정보", slug: "haneul-info", en: "Haneul Information", area: 2 },
  { ko: "해오름정보기술", slug: "haeoreum-it", en: "Haeoreum IT", area: 2 },
  { ko: "부산클라우드랩", slug: "busan-cloud-lab", en: "Busan Cloud Lab", area: 2 },
  { ko: "동해시스템즈", slug: "donghae-systems", en: "Donghae Systems", area: 3 },
  { ko: "빛고을정보기술", slug: "bitgoeul-it", en: "Bitgoeul IT", area: 4 },
  { ko: "대전스마트워크", slug: "daejeon-smartwork", en: "Daejeon Smartwork", area: 5 },
  { ko: "라온클라우드", slug: "raon-cloud", en: "Raon Cloud", area: 1 },
  { ko: "아름드리소프트", slug: "areumdri-soft", en: "Areumdri Soft", area: 0 },
  { ko: "큐브온", slug: "cubeon", en: "CubeOn", area: 7 },
  { ko: "에이원시스템", slug: "aone-system", en: "A-One System", area: 1 },
  { ko: "제이앤씨테크", slug: "jnc-tech", en: "J&C Tech", area: 0 },
  { ko: "모아정보시스템", slug: "moa-infosystems", en: "Moa Infosystems", area: 6 },
  { ko: "씨앗컨설팅", slug: "ssiat-consulting", en: "Ssiat Consulting", area: 0 },
  { ko: "한울보안", slug: "hanul-security", en: "Hanul Security", area: 0 },
  { ko: "늘봄디지털", slug: "neulbom-digital", en: "Neulbom Digital", area: 8 },
  { ko: "청솔아이앤씨", slug: "cheongsol-inc", en: "Cheongsol I&C", area: 4 },
  { ko: "으뜸클라우드서비스", slug: "eutteum-cloud", en: "Eutteum Cloud Services", area: 5 },
];

/** First halves of English partner names; each is used once, so slugs stay unique. */
export const ENGLISH_NAME_STEMS: readonly string[] = [
  "Northwind", "Bluepeak", "Cedar Ridge", "Harborview", "Ironbridge", "Lakeside", "Meridian", "Summit Line",
  "Brightwater", "Copperleaf", "Redwood", "Silverline", "Stonegate", "Tidewater", "Westbrook", "Oakhurst",
  "Pinecrest", "Riverbend", "Clearpath", "Keystone", "Lighthouse", "Granite", "Evergreen", "Foxglove",
  "Skyward", "Nimbus", "Cobalt", "Parallax", "Quartz", "Kestrel", "Aurora", "Beacon Hill",
  "Fjordline", "Halcyon", "Juniper", "Larkspur", "Mosaic", "Orbital", "Pioneer", "Sterling",
  "Trident", "Vantage", "Wayfarer", "Zephyr", "Albion", "Bramble", "Crestview", "Driftwood",
  "Elmstead", "Fairhaven", "Glacier Bay", "Helix", "Indigo",
];

export const ENGLISH_NAME_SUFFIXES: readonly string[] = [
  "Cloud Partners", "IT Solutions", "Consulting", "Technologies", "Systems", "Digital", "Managed Services",
  "Networks", "Tech Group", "Workplace", "IT", "Cloud Services", "Advisory", "Labs", "Integration",
];

/** Home cities of English-language partners: region id and the languages spoken there besides English. */
export interface City {
  en: string;
  ko: string;
  region: string;
  languages: readonly string[];
  /** Neighbouring regions a partner there often also serves. */
  near: readonly string[];
}

export const CITIES: readonly City[] = [
  { en: "Seattle", ko: "시애틀", region: "US", languages: ["es"], near: ["CA"] },
  { en: "Austin", ko: "오스틴", region: "US", languages: ["es"], near: ["CA"] },
  { en: "Toronto", ko: "토론토", region: "CA", languages: ["fr"], near: ["US"] },
  { en: "London", ko: "런던", region: "GB", languages: [], near: ["NL", "DE", "FR"] },
  { en: "Manchester", ko: "맨체스터", region: "GB", languages: [], near: ["NL"] },
  { en: "Berlin", ko: "베를린", region: "DE", languages: ["de"], near: ["NL", "FR"] },
  { en: "Paris", ko: "파리", region: "FR", languages: ["fr"], near: ["DE", "GB"] },
  { en: "Amsterdam", ko: "암스테르담", region: "NL", languages: ["nl"], near: ["DE", "GB"] },
  { en: "Sydney", ko: "시드니", region: "AU", languages: [], near: ["SG"] },
  { en: "Singapore", ko: "싱가포르", region: "SG", languages: ["zh"], near: ["MY", "ID", "TH", "PH"] },
  { en: "Tokyo", ko: "도쿄", region: "JP", languages: ["ja"], near: ["KR"] },
  { en: "Bengaluru", ko: "벵갈루루", region: "IN", languages: [], near: ["SG", "AE"] },
  { en: "Dubai", ko: "두바이", region: "AE", languages: ["ar"], near: ["IN"] },
  { en: "Ho Chi Minh City", ko: "호찌민", region: "VN", languages: ["vi"], near: ["SG", "KR"] },
  { en: "Taipei", ko: "타이베이", region: "TW", languages: ["zh"], near: ["HK", "JP"] },
  { en: "Seoul", ko: "서울", region: "KR", languages: ["ko"], near: ["JP", "US"] },
];

export interface PersonName {
  ko: string;
  en: string;
}

export const KOREAN_FAMILY_NAMES: readonly PersonName[] = [
  { ko: "김", en: "kim" }, { ko: "이", en: "lee" }, { ko: "박", en: "park" }, { ko: "최", en: "choi" },
  { ko: "정", en: "jung" }, { ko: "강", en: "kang" }, { ko: "조", en: "cho" }, { ko: "윤", en: "yoon" },
  { ko: "장", en: "jang" }, { ko: "임", en: "lim" }, { ko: "한", en: "han" }, { ko: "오", en: "oh" },
  { ko: "서", en: "seo" }, { ko: "신", en: "shin" }, { ko: "권", en: "kwon" }, { ko: "황", en: "hwang" },
];

export const KOREAN_GIVEN_NAMES: readonly PersonName[] = [
  { ko: "민준", en: "minjun" }, { ko: "서연", en: "seoyeon" }, { ko: "지훈", en: "jihoon" },
  { ko: "지우", en: "jiwoo" }, { ko: "하은", en: "haeun" }, { ko: "도윤", en: "doyun" },
  { ko: "수빈", en: "subin" }, { ko: "예린", en: "yerin" }, { ko: "현우", en: "hyunwoo" },
  { ko: "유진", en: "yujin" }, { ko: "성민", en: "seongmin" }, { ko: "은지", en: "eunji" },
  { ko: "태희", en: "taehee" }, { ko: "준호", en: "junho" }, { ko: "다은", en: "daeun" },
  { ko: "승현", en: "seunghyun" }, { ko: "혜진", en: "hyejin" }, { ko: "동현", en: "donghyun" },
  { ko: "소영", en: "soyoung" }, { ko: "재원", en: "jaewon" },
];

export const ENGLISH_FIRST_NAMES: readonly string[] = [
  "Olivia", "Liam", "Emma", "Noah", "Amelia", "Oliver", "Sophia", "Elijah", "Isabella", "James",
  "Mia", "Lucas", "Charlotte", "Mateo", "Harper", "Ethan", "Priya", "Arjun", "Chloe", "Daniel",
  "Fatima", "Omar", "Hannah", "Jonas", "Léa", "Hugo", "Mei", "Kenji", "Grace", "Samuel",
];

export const ENGLISH_LAST_NAMES: readonly string[] = [
  "Smith", "Johnson", "Williams", "Brown", "Garcia", "Miller", "Davis", "Martinez", "Wilson", "Anderson",
  "Taylor", "Thomas", "Moore", "Jackson", "Martin", "Thompson", "White", "Clark", "Lewis", "Walker",
  "Patel", "Nguyen", "Müller", "Dubois", "Tanaka", "O'Brien", "Fischer", "Rossi", "Khan", "Evans",
];

/** Customer organizations (R11: one of them is in the sovereign cloud). */
export interface DemoTenant {
  name: string;
  slug: string;
  country: string;
  cloud: "global" | "sovereign";
  admin: { name: string; local: string; locale: "en" | "ko" };
}

export const TENANTS: readonly DemoTenant[] = [
  { name: "대한정밀공업", slug: "daehan-precision", country: "KR", cloud: "global", admin: { name: "박정훈", local: "junghoon.park", locale: "ko" } },
  { name: "Lindenwood Architects", slug: "lindenwood-architects", country: "US", cloud: "global", admin: { name: "Rachel Moore", local: "rachel.moore", locale: "en" } },
  { name: "Crescent Logistics Ltd", slug: "crescent-logistics", country: "GB", cloud: "global", admin: { name: "Tom Evans", local: "tom.evans", locale: "en" } },
  // R11: served by the separately operated national cloud: no partner features.
  { name: "Shanghai Lianhe Trading Co., Ltd.", slug: "shanghai-lianhe", country: "CN", cloud: "sovereign", admin: { name: "Zhang Wei", local: "wei.zhang", locale: "en" } },
  { name: "다올교육재단", slug: "daol-education", country: "KR", cloud: "global", admin: { name: "이수정", local: "soojung.lee", locale: "ko" } },
  { name: "Sakura Retail KK", slug: "sakura-retail", country: "JP", cloud: "global", admin: { name: "Yuki Sato", local: "yuki.sato", locale: "en" } },
];

/** Companies that send trial requests. */
export const KOREAN_LEAD_COMPANIES: readonly { ko: string; slug: string }[] = [
  { ko: "한마음병원", slug: "hanmaum-hospital" }, { ko: "태평양물류", slug: "taepyeong-logistics" },
  { ko: "청운건설", slug: "cheongwoon-construction" }, { ko: "새빛회계법인", slug: "saebit-accounting" },
  { ko: "성림제약", slug: "seonglim-pharm" }, { ko: "푸른바다수산", slug: "pureunbada-fisheries" },
  { ko: "가람출판사", slug: "garam-publishing" }, { ko: "온누리여행사", slug: "onnuri-travel" },
  { ko: "동그라미디자인", slug: "donggeurami-design" }, { ko: "해솔에너지", slug: "haesol-energy" },
  { ko: "우리동네마트", slug: "uridongne-mart" }, { ko: "미래정밀", slug: "mirae-precision" },
  { ko: "서해물산", slug: "seohae-trading" }, { ko: "대성푸드", slug: "daesung-food" },
];

export const ENGLISH_LEAD_COMPANIES: readonly string[] = [
  "Crescent Logistics", "Riverside Veterinary Clinic", "Bluebird Learning Trust", "Oak & Iron Manufacturing",
  "Sunfield Organics", "Pebble Creek Accounting", "Greyhawk Engineering", "Saffron Hospitality",
  "Northgate Clinic", "Tallpine Credit Union", "Mirror Lake Media", "Kettle & Fern Retail",
  "Ashford Construction", "Brightfield Charity", "Halden Legal", "Copper Kettle Foods",
];

export const LEAD_MESSAGES_EN: readonly string[] = [
  "We are moving off our on-premises mail server this quarter and need help planning the cutover.",
  "Our team of {seats} needs chat, meetings and shared files. Could you set up a trial?",
  "We were hit by a phishing campaign last month and want MFA and better mail filtering.",
  "Looking for a partner to run our IT day to day; we have no in-house admin.",
  "We need retention and eDiscovery for an upcoming audit. What would a trial look like?",
  "Please contact me about replacing our phone system with cloud calling for two offices.",
  "We'd like to try the AI assistant with a pilot group before rolling it out.",
  "",
];

export const LEAD_MESSAGES_KO: readonly string[] = [
  "이번 분기에 사내 메일 서버를 클라우드로 이전하려고 합니다. 일정과 절차를 상담받고 싶습니다.",
  "직원 {seats}명이 함께 쓸 채팅·화상회의·파일 공유 환경이 필요합니다. 평가판을 신청합니다.",
  "최근 피싱 메일 피해가 있어 다단계 인증과 메일 보안을 강화하고 싶습니다.",
  "전담 IT 관리자가 없어 계정과 디바이스 관리를 맡아 주실 파트너를 찾고 있습니다.",
  "감사 대응을 위해 메일 보존 정책과 eDiscovery 구축을 검토 중입니다.",
  "본사와 지사 두 곳의 전화 시스템을 클라우드 전화로 바꾸고 싶습니다.",
  "AI 어시스턴트를 일부 부서에서 먼저 시범 운영해 보고 싶습니다.",
  "",
];

export const LOST_REASONS_EN: readonly string[] = [
  "Chose another partner",
  "Budget postponed to next fiscal year",
  "No response after the trial ended",
  "Decided to keep the current on-premises system",
  "Price above the customer's budget",
];

export const LOST_REASONS_KO: readonly string[] = [
  "다른 파트너사 선택",
  "예산 미확보로 내년으로 연기",
  "평가판 종료 후 연락 두절",
  "기존 온프레미스 시스템 유지 결정",
  "고객 예산 대비 견적 초과",
];

export const STATUS_REASONS = {
  suspended: [
    "Suspended after repeated customer complaints about changes made without approval.",
    "Suspended: the partner agreement lapsed and was not renewed.",
  ],
  rejected: "Rejected: the company registration could not be verified.",
} as const;
