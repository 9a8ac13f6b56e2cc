// Every mail the product sends, in English and Korean, as plain text and simple accessible HTML from one description.
import { escapeHtml } from "../shared/html.ts";
import { PROGRAMS } from "../catalog/vocabulary.ts";

export type EmailLocale = "en" | "ko";

export type PartnerRole = "owner" | "admin" | "member";

/** What each template needs. `url` is absolute (http/https); links that spend a token open a confirmation page. */
export interface EmailParams {
  "email-verification": { name: string; url: string };
  "password-reset": { name: string; url: string };
  "email-change": { name: string; url: string; newEmail: string };
  "partner-invitation": { inviterName: string; partnerName: string; role: PartnerRole; url: string };
  "partner-decision": {
    partnerName: string;
    decision: "approved" | "rejected" | "suspended" | "reinstated";
    reason?: string;
    url: string;
  };
  /** `program` is a program id (cloud_essentials…) or an already readable name. */
  "program-decision": { partnerName: string; program: string; decision: "verified" | "rejected"; reason?: string; url: string };
  "listing-moderated": { partnerName: string; reason: string; url: string };
  /** To the customer: confirm the address before the request reaches the partner. */
  "trial-request-confirm": { name: string; partnerName: string; url: string };
  /** To each partner member. `services` are readable names in the member's language. */
  "lead-new": { partnerName: string; company: string; services: string[]; url: string };
  /**
   * The daily digest to a member: leads still "new" more than 48 hours after confirmation. `leads` is the first few
   * (oldest first), `total` all of them; `url` opens the inbox's "new" tab.
   */
  "lead-digest": {
    partnerName: string;
    total: number;
    leads: Array<{ company: string; services: string[]; waitingDays: number; url: string }>;
    url: string;
  };
}

export type EmailTemplate = keyof EmailParams;

export const EMAIL_TEMPLATES = [
  "email-verification",
  "password-reset",
  "email-change",
  "partner-invitation",
  "partner-decision",
  "program-decision",
  "listing-moderated",
  "trial-request-confirm",
  "lead-new",
  "lead-digest",
] as const satisfies readonly EmailTemplate[];

export interface RenderedEmail {
  subject: string;
  text: string;
  html: string;
}

/** One mail's words; text and HTML are both made from it, so they can't drift apart. */
interface Content {
  subject: string;
  greeting: string;
  paragraphs: string[];
  /** A reason given by an operator, shown set apart and verbatim. */
  note?: { label: string; text: string };
  /** A list of linked items (the digest's leads), after the paragraphs. */
  items?: Array<{ text: string; url: string }>;
  action: { label: string; url: string };
  /** Smaller print after the button: expiry, "ignore this if…". */
  after: string[];
}

interface Chrome {
  siteName: string;
  fallback: string;
  footer: string;
}

const CHROME: Record<EmailLocale, Chrome> = {
  en: {
    siteName: "Partner Marketplace",
    fallback: "If the button doesn't work, copy this address into your browser:",
    footer: "This is an automated message from Partner Marketplace.",
  },
  ko: {
    siteName: "파트너 마켓플레이스",
    fallback: "버튼이 작동하지 않으면 아래 주소를 복사해 브라우저에 붙여 넣어 주세요.",
    footer: "파트너 마켓플레이스에서 자동으로 발송된 메일입니다.",
  },
};

const ROLE_AS: Record<EmailLocale, Record<PartnerRole, string>> = {
  en: { owner: "an owner", admin: "an admin", member: "a member" },
  // The particle follows the noun: 소유자로 / 관리자로 / 구성원으로.
  ko: { owner: "소유자로", admin: "관리자로", member: "구성원으로" },
};

const REASON: Record<EmailLocale, string> = { en: "Reason", ko: "사유" };
const PORTAL: Record<EmailLocale, string> = { en: "Open your partner portal", ko: "파트너 포털 열기" };

function programName(program: string, locale: EmailLocale): string {
  return PROGRAMS.find((p) => p.id === program)?.[locale] ?? program;
}

function noteOf(locale: EmailLocale, reason: string | undefined): Content["note"] {
  const text = reason?.trim();
  return text ? { label: REASON[locale], text } : undefined;
}

type Builders = { [T in EmailTemplate]: (locale: EmailLocale, p: EmailParams[T]) => Content };

const BUILDERS: Builders = {
  "email-verification": (locale, p) =>
    locale === "ko"
      ? {
          subject: "이메일 주소를 확인해 주세요",
          greeting: `${p.name}님, 안녕하세요.`,
          paragraphs: ["파트너 마켓플레이스 계정 설정을 마치려면 이 이메일 주소가 본인의 주소인지 확인해 주세요."],
          action: { label: "이메일 주소 확인", url: p.url },
          after: ["이 링크는 한 번만 사용할 수 있으며 일정 시간이 지나면 만료됩니다. 계정을 만든 적이 없다면 이 메일을 무시하셔도 됩니다."],
        }
      : {
          subject: "Confirm your email address",
          greeting: `Hello ${p.name},`,
          paragraphs: ["Please confirm that this is your email address to finish setting up your Partner Marketplace account."],
          action: { label: "Confirm email address", url: p.url },
          after: ["The link works once and expires after a while. If you didn't create an account, you can ignore this email."],
        },

  "password-reset": (locale, p) =>
    locale === "ko"
      ? {
          subject: "비밀번호 재설정 안내",
          greeting: `${p.name}님, 안녕하세요.`,
          paragraphs: ["파트너 마켓플레이스 계정의 비밀번호 재설정 요청을 받았습니다. 아래 버튼을 눌러 새 비밀번호를 설정해 주세요."],
          action: { label: "새 비밀번호 설정", url: p.url },
          after: [
            "요청하지 않으셨다면 이 메일을 무시하셔도 됩니다. 비밀번호는 바뀌지 않습니다.",
            "이 링크는 한 번만 사용할 수 있으며 일정 시간이 지나면 만료됩니다. 비밀번호를 바꾸면 로그인된 모든 기기에서 로그아웃됩니다.",
          ],
        }
      : {
          subject: "Reset your password",
          greeting: `Hello ${p.name},`,
          paragraphs: [
            "We received a request to reset the password of your Partner Marketplace account. Choose a new password with the button below.",
          ],
          action: { label: "Choose a new password", url: p.url },
          after: [
            "If you didn't ask for this, ignore this email: your password stays as it is.",
            "The link works once and expires after a while. Changing your password signs you out on every device.",
          ],
        },

  "email-change": (locale, p) =>
    locale === "ko"
      ? {
          subject: "새 이메일 주소를 확인해 주세요",
          greeting: `${p.name}님, 안녕하세요.`,
          paragraphs: [
            `파트너 마켓플레이스 계정의 이메일 주소를 ${p.newEmail} 주소로 변경해 달라는 요청을 받았습니다. 아래 버튼을 눌러 변경을 확인해 주세요.`,
          ],
          action: { label: "새 이메일 주소 확인", url: p.url },
          after: [
            "확인하기 전까지는 기존 이메일 주소가 그대로 유지됩니다. 요청하지 않으셨다면 이 메일을 무시하셔도 됩니다.",
          ],
        }
      : {
          subject: "Confirm your new email address",
          greeting: `Hello ${p.name},`,
          paragraphs: [
            `You asked to change the email address of your Partner Marketplace account to ${p.newEmail}. Confirm the change with the button below.`,
          ],
          action: { label: "Confirm new address", url: p.url },
          after: ["Until you confirm, your account keeps its current address. If you didn't ask for this, ignore this email."],
        },

  "partner-invitation": (locale, p) =>
    locale === "ko"
      ? {
          subject: `${p.inviterName}님이 ${p.partnerName} 조직에 초대했습니다`,
          greeting: "안녕하세요.",
          paragraphs: [
            `${p.inviterName}님이 파트너 마켓플레이스의 ${p.partnerName} 조직에 ${ROLE_AS.ko[p.role]} 초대했습니다.`,
            "초대를 수락하면 조직의 소개 페이지와 리드를 함께 관리할 수 있습니다.",
          ],
          action: { label: "초대 확인하기", url: p.url },
          after: ["이 초대 링크는 한 번만 사용할 수 있으며 일정 시간이 지나면 만료됩니다. 예상하지 못한 초대라면 이 메일을 무시하셔도 됩니다."],
        }
      : {
          subject: `${p.inviterName} invited you to join ${p.partnerName}`,
          greeting: "Hello,",
          paragraphs: [
            `${p.inviterName} invited you to join ${p.partnerName} on Partner Marketplace as ${ROLE_AS.en[p.role]}.`,
            "Once you accept, you can work on the organization's listing and leads together.",
          ],
          action: { label: "Review the invitation", url: p.url },
          after: ["The invitation works once and expires after a while. If you weren't expecting it, you can ignore this email."],
        },

  "partner-decision": (locale, p) => {
    const note = noteOf(locale, p.reason);
    const action = { label: PORTAL[locale], url: p.url };
    if (locale === "ko") {
      const greeting = `안녕하세요, ${p.partnerName} 담당자님.`;
      switch (p.decision) {
        case "approved":
          return {
            subject: `${p.partnerName} 조직이 승인되었습니다`,
            greeting,
            paragraphs: [
              `마켓플레이스 운영팀이 ${p.partnerName} 조직을 승인했습니다. 이제 소개 페이지를 게시하고, 리드를 받고, 체험 초대를 보낼 수 있습니다.`,
            ],
            note,
            action,
            after: [],
          };
        case "rejected":
          return {
            subject: `${p.partnerName} 조직의 승인 요청이 반려되었습니다`,
            greeting,
            paragraphs: [`마켓플레이스 운영팀이 ${p.partnerName} 조직을 검토했지만 아직 승인할 수 없습니다.`],
            note,
            action,
            after: ["조직 정보를 확인하고 보완한 뒤 파트너 포털에서 다시 제출해 주세요."],
          };
        case "suspended":
          return {
            subject: `${p.partnerName} 조직이 일시 정지되었습니다`,
            greeting,
            paragraphs: [
              `마켓플레이스 운영팀이 ${p.partnerName} 조직을 일시 정지했습니다. 다시 활성화될 때까지 소개 페이지가 마켓플레이스에 표시되지 않으며, 새 리드를 받거나 초대를 보낼 수 없습니다.`,
            ],
            note,
            action,
            after: [],
          };
        case "reinstated":
          return {
            subject: `${p.partnerName} 조직이 다시 활성화되었습니다`,
            greeting,
            paragraphs: [
              `마켓플레이스 운영팀이 ${p.partnerName} 조직을 다시 활성화했습니다. 게시된 소개 페이지가 다시 마켓플레이스에 표시되며, 리드를 받고 초대를 보낼 수 있습니다.`,
            ],
            note,
            action,
            after: [],
          };
      }
    }
    const greeting = `Hello ${p.partnerName} team,`;
    switch (p.decision) {
      case "approved":
        return {
          subject: `${p.partnerName} is now authorized`,
          greeting,
          paragraphs: [
            `Good news: the marketplace team has authorized ${p.partnerName}. You can now publish your listing, receive leads and send trial invitations.`,
          ],
          note,
          action,
          after: [],
        };
      case "rejected":
        return {
          subject: `${p.partnerName} was not authorized`,
          greeting,
          paragraphs: [`The marketplace team reviewed ${p.partnerName} and could not authorize it yet.`],
          note,
          action,
          after: ["Please review your organization's details and submit again from your partner portal."],
        };
      case "suspended":
        return {
          subject: `${p.partnerName} has been suspended`,
          greeting,
          paragraphs: [
            `The marketplace team has suspended ${p.partnerName}. Until it is reinstated, your listing is not shown in the marketplace and you can't receive new leads or send invitations.`,
          ],
          note,
          action,
          after: [],
        };
      case "reinstated":
        return {
          subject: `${p.partnerName} has been reinstated`,
          greeting,
          paragraphs: [
            `The marketplace team has reinstated ${p.partnerName}. Your published listing is shown in the marketplace again, and you can receive leads and send invitations.`,
          ],
          note,
          action,
          after: [],
        };
    }
  },

  "program-decision": (locale, p) => {
    const program = programName(p.program, locale);
    const note = noteOf(locale, p.reason);
    const action = { label: PORTAL[locale], url: p.url };
    if (locale === "ko") {
      const greeting = `안녕하세요, ${p.partnerName} 담당자님.`;
      return p.decision === "verified"
        ? {
            subject: `${p.partnerName}의 ${program} 프로그램 등록이 확인되었습니다`,
            greeting,
            paragraphs: [
              `마켓플레이스 운영팀이 ${p.partnerName} 조직의 ${program} 프로그램 등록을 확인했습니다. 승인된 조직은 이제 체험 초대와 구매 제안에 위임 관리 요청을 포함할 수 있습니다.`,
            ],
            note,
            action,
            after: [],
          }
        : {
            subject: `${p.partnerName}의 ${program} 프로그램 등록을 확인하지 못했습니다`,
            greeting,
            paragraphs: [`마켓플레이스 운영팀이 ${p.partnerName} 조직의 ${program} 프로그램 등록을 확인하지 못했습니다.`],
            note,
            action,
            after: ["등록 정보를 수정한 뒤 파트너 포털에서 다시 제출해 주세요."],
          };
    }
    const greeting = `Hello ${p.partnerName} team,`;
    return p.decision === "verified"
      ? {
          subject: `${program} enrollment verified for ${p.partnerName}`,
          greeting,
          paragraphs: [
            `The marketplace team verified the ${program} enrollment of ${p.partnerName}. As an authorized partner, you can now ask for delegated administration in trial invitations and purchase offers.`,
          ],
          note,
          action,
          after: [],
        }
      : {
          subject: `${program} enrollment for ${p.partnerName} was not verified`,
          greeting,
          paragraphs: [`The marketplace team could not verify the ${program} enrollment of ${p.partnerName}.`],
          note,
          action,
          after: ["Please update your enrollment details and submit them again from your partner portal."],
        };
  },

  "listing-moderated": (locale, p) =>
    locale === "ko"
      ? {
          subject: `${p.partnerName} 소개 페이지가 게시 중단되었습니다`,
          greeting: `안녕하세요, ${p.partnerName} 담당자님.`,
          paragraphs: [
            `마켓플레이스 운영팀이 ${p.partnerName}의 소개 페이지를 게시 중단했습니다. 지금은 마켓플레이스와 검색 결과에 표시되지 않습니다.`,
          ],
          note: noteOf(locale, p.reason),
          action: { label: "소개 페이지 편집", url: p.url },
          after: ["안내된 내용을 반영해 소개 페이지를 수정한 뒤 다시 게시해 주세요."],
        }
      : {
          subject: `The listing of ${p.partnerName} was unpublished`,
          greeting: `Hello ${p.partnerName} team,`,
          paragraphs: [
            `The marketplace team unpublished the listing of ${p.partnerName}, so it no longer appears in the marketplace or in search results.`,
          ],
          note: noteOf(locale, p.reason),
          action: { label: "Edit your listing", url: p.url },
          after: ["Please edit the listing to address this, then publish it again."],
        },

  "trial-request-confirm": (locale, p) =>
    locale === "ko"
      ? {
          subject: `${p.partnerName}에 보낸 체험 요청을 확인해 주세요`,
          greeting: `${p.name}님, 안녕하세요.`,
          paragraphs: [
            `파트너 마켓플레이스에서 ${p.partnerName}에 체험 요청을 보내셨습니다. 아래 버튼을 눌러 이메일 주소를 확인하시면 요청이 ${p.partnerName}에 전달됩니다.`,
          ],
          action: { label: "체험 요청 확인", url: p.url },
          after: [
            "이 링크는 한 번만 사용할 수 있으며 48시간 후에 만료됩니다. 요청하지 않으셨다면 이 메일을 무시하셔도 됩니다. 아무것도 전달되지 않습니다.",
          ],
        }
      : {
          subject: `Confirm your trial request to ${p.partnerName}`,
          greeting: `Hello ${p.name},`,
          paragraphs: [
            `You asked ${p.partnerName} for a trial on Partner Marketplace. Confirm your email address with the button below and we'll pass your request on to ${p.partnerName}.`,
          ],
          action: { label: "Confirm trial request", url: p.url },
          after: [
            "The link works once and expires after 48 hours. If you didn't ask for this, ignore this email: nothing will be sent.",
          ],
        },

  "lead-new": (locale, p) =>
    locale === "ko"
      ? {
          subject: `${p.partnerName}에 새 리드가 도착했습니다: ${p.company}`,
          greeting: `안녕하세요, ${p.partnerName} 담당자님.`,
          paragraphs: [
            `${p.company}에서 체험을 요청하고 이메일 주소를 확인했습니다.`,
            `요청한 서비스: ${p.services.join(", ")}`,
            "빠르게 응답할수록 고객이 체험을 시작할 가능성이 높아집니다.",
          ],
          action: { label: "리드 보기", url: p.url },
          after: [],
        }
      : {
          subject: `New lead for ${p.partnerName}: ${p.company}`,
          greeting: `Hello ${p.partnerName} team,`,
          paragraphs: [
            `${p.company} asked for a trial and confirmed their email address.`,
            `Services requested: ${p.services.join(", ")}`,
            "The sooner you answer, the likelier the customer starts a trial with you.",
          ],
          action: { label: "Open the lead", url: p.url },
          after: [],
        },

  "lead-digest": (locale, p) => {
    const more = p.total - p.leads.length;
    if (locale === "ko") {
      return {
        subject: `${p.partnerName}: 48시간 넘게 응답을 기다리는 리드 ${p.total}건`,
        greeting: `안녕하세요, ${p.partnerName} 담당자님.`,
        paragraphs: [
          `이메일 확인 후 48시간이 넘도록 '신규' 상태로 남아 있는 리드가 ${p.total}건 있습니다. 고객은 빠른 응답을 기대하며, 응답 시간은 소개 페이지에 표시됩니다.`,
        ],
        items: p.leads.map((l) => ({
          text: `${l.company} (${l.services.join(", ")}), ${l.waitingDays}일째 대기 중`,
          url: l.url,
        })),
        action: { label: "신규 리드 보기", url: p.url },
        after: [
          ...(more > 0 ? [`이 밖에도 ${more}건이 더 있습니다.`] : []),
          "이 요약 메일은 하루에 한 번, 기다리는 리드가 있을 때만 발송됩니다. 파트너 포털의 알림 설정에서 수신을 끌 수 있습니다.",
        ],
      };
    }
    return {
      subject: `${p.partnerName}: ${p.total === 1 ? "1 lead has" : `${p.total} leads have`} waited more than 48 hours`,
      greeting: `Hello ${p.partnerName} team,`,
      paragraphs: [
        `${p.total === 1 ? "1 lead is" : `${p.total} leads are`} still "new" more than 48 hours after the customer confirmed. Customers expect a quick answer, and your listing shows how fast you respond.`,
      ],
      items: p.leads.map((l) => ({
        text: `${l.company} (${l.services.join(", ")}), waiting ${l.waitingDays === 1 ? "1 day" : `${l.waitingDays} days`}`,
        url: l.url,
      })),
      action: { label: "Open new leads", url: p.url },
      after: [
        ...(more > 0 ? [`…and ${more} more.`] : []),
        "This summary is sent once a day, only when leads are waiting. You can turn it off in the notification settings of your partner portal.",
      ],
    };
  },
};

/** Renders a template; throws on a link that is not an absolute http(s) URL (a bug, never user input). */
export function renderEmail<T extends EmailTemplate>(template: T, locale: EmailLocale, params: EmailParams[T]): RenderedEmail {
  const build = BUILDERS[template] as (locale: EmailLocale, p: EmailParams[T]) => Content;
  if (!build) throw new Error(`Unknown email template: ${String(template)}`);
  const content = build(locale, params);
  assertLink(content.action.url);
  for (const item of content.items ?? []) assertLink(item.url);
  // A name with a line break must not turn into a second header line or a ragged subject.
  const subject = content.subject.replace(/\s+/g, " ").trim();
  return { subject, text: renderText(content, CHROME[locale]), html: renderHtml({ ...content, subject }, CHROME[locale], locale) };
}

function assertLink(url: string): void {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new Error(`Email link must be an absolute URL: ${url}`);
  }
  if (parsed.protocol !== "https:" && parsed.protocol !== "http:") throw new Error(`Email link must be http(s): ${url}`);
}


function renderText(c: Content, chrome: Chrome): string {
  const blocks = [c.greeting, ...c.paragraphs];
  if (c.items?.length) blocks.push(c.items.map((i) => `- ${i.text}\n  ${i.url}`).join("\n"));
  if (c.note) blocks.push(`${c.note.label}:\n${c.note.text}`);
  // The raw URL on a line of its own: mail clients make it clickable, and nothing wraps it.
  blocks.push(`${c.action.label}:\n${c.action.url}`);
  blocks.push(...c.after);
  blocks.push(`— ${chrome.siteName}\n${chrome.footer}`);
  return `${blocks.join("\n\n")}\n`;
}

const FONT =
  "-apple-system, BlinkMacSystemFont, 'Segoe UI', Roboto, 'Apple SD Gothic Neo', 'Malgun Gothic', 'Noto Sans KR', Arial, sans-serif";

function renderHtml(c: Content, chrome: Chrome, locale: EmailLocale): string {
  const e = escapeHtml;
  const p = (text: string, style = "margin:0 0 16px;") => `<p style="${style}">${e(text)}</p>`;
  const url = e(c.action.url);
  const note = c.note
    ? `<div style="margin:0 0 16px;padding:12px 16px;background:#f3f4f6;border-left:4px solid #6b7280;border-radius:4px;">` +
      `<p style="margin:0 0 4px;font-weight:700;">${e(c.note.label)}</p>` +
      `<p style="margin:0;white-space:pre-line;">${e(c.note.text)}</p></div>`
    : "";
  const small = "margin:0 0 12px;font-size:14px;line-height:1.5;color:#4b5563;";
  const items = c.items?.length
    ? `<ul style="margin:0 0 16px;padding-left:20px;">${c.items
        .map((i) => `<li style="margin:0 0 8px;"><a href="${e(i.url)}" style="color:#1d4ed8;">${e(i.text)}</a></li>`)
        .join("")}</ul>`
    : "";
  return `<!doctype html>
<html lang="${locale}" dir="ltr">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="color-scheme" content="light">
<title>${e(c.subject)}</title>
</head>
<body style="margin:0;padding:0;background:#f3f4f6;">
<table role="presentation" width="100%" cellpadding="0" cellspacing="0" border="0" style="background:#f3f4f6;">
<tr><td align="center" style="padding:24px 12px;">
<table role="presentation" width="100%" cellpadding="0" cellspacing="0" border="0" style="max-width:560px;background:#ffffff;border:1px solid #e5e7eb;border-radius:8px;">
<tr><td style="padding:32px 28px;font-family:${FONT};font-size:16px;line-height:1.6;color:#111827;word-break:${locale === "ko" ? "keep-all" : "normal"};">
<p style="margin:0 0 24px;font-size:14px;font-weight:700;color:#1d4ed8;">${e(chrome.siteName)}</p>
<h1 style="margin:0 0 20px;font-size:22px;line-height:1.3;color:#111827;">${e(c.subject)}</h1>
${p(c.greeting)}
${c.paragraphs.map((text) => p(text)).join("\n")}
${items}
${note}
<p style="margin:28px 0;"><a href="${url}" style="display:inline-block;padding:12px 24px;background:#1d4ed8;color:#ffffff;font-weight:700;text-decoration:none;border-radius:6px;">${e(c.action.label)}</a></p>
<p style="${small}">${e(chrome.fallback)}<br><a href="${url}" style="color:#1d4ed8;word-break:break-all;">${url}</a></p>
${c.after.map((text) => p(text, small)).join("\n")}
</td></tr>
</table>
<p style="margin:16px 0 0;font-family:${FONT};font-size:12px;line-height:1.5;color:#6b7280;">${e(chrome.footer)}</p>
</td></tr>
</table>
</body>
</html>
`;
}
