// Mail templates: every template in both languages, text and HTML, with every parameter escaped in the HTML.
import { describe, expect, it } from "vitest";
import {
  EMAIL_TEMPLATES,
  renderEmail,
  type EmailLocale,
  type EmailParams,
  type EmailTemplate,
} from "../../src/domain/mail/templates.ts";
import { escapeHtml } from "../../src/domain/shared/html.ts";

// Hostile on purpose: every kind of character HTML cares about, and a line break for the subject.
const EVIL = `<script>alert("x")</script> & 'Kim'`;
const URL_ = "https://partners.example.com/verify-email?token=abc123&next=%2Fportal";

/** One sample per template; the mapped type makes a new template fail to compile until it has one. */
const SAMPLES: { [T in EmailTemplate]: EmailParams[T][] } = {
  "email-verification": [{ name: EVIL, url: URL_ }],
  "password-reset": [{ name: EVIL, url: URL_ }],
  "email-change": [{ name: EVIL, url: URL_, newEmail: `new+<b>@example.com` }],
  "partner-invitation": (["owner", "admin", "member"] as const).map((role) => ({
    inviterName: EVIL,
    partnerName: `Contoso\n<Cloud>`,
    role,
    url: URL_,
  })),
  "partner-decision": (["approved", "rejected", "suspended", "reinstated"] as const).map((decision) => ({
    partnerName: `Contoso <Cloud>`,
    decision,
    reason: EVIL,
    url: URL_,
  })),
  "program-decision": (["verified", "rejected"] as const).map((decision) => ({
    partnerName: `Contoso <Cloud>`,
    program: "cloud_essentials",
    decision,
    reason: EVIL,
    url: URL_,
  })),
  "listing-moderated": [{ partnerName: `Contoso <Cloud>`, reason: EVIL, url: URL_ }],
  "trial-request-confirm": [{ name: EVIL, partnerName: `Contoso <Cloud>`, url: URL_ }],
  "lead-new": [{ partnerName: `Contoso <Cloud>`, company: EVIL, services: ["Mail & <Calendar>", "Teams"], url: URL_ }],
  "lead-digest": [1, 3].map((total) => ({
    partnerName: `Contoso <Cloud>`,
    total,
    leads: [{ company: EVIL, services: ["Mail & <Calendar>"], waitingDays: 3, url: `${URL_}&lead=1` }],
    url: URL_,
  })),
};

const LOCALES: EmailLocale[] = ["en", "ko"];
const cases = EMAIL_TEMPLATES.flatMap((template) =>
  LOCALES.flatMap((locale) => (SAMPLES[template] as EmailParams[EmailTemplate][]).map((params) => ({ template, locale, params }))),
);

/** Every string value a template was given. */
const stringsOf = (params: object) => Object.values(params).filter((v): v is string => typeof v === "string");

describe("renderEmail", () => {
  it("has a sample for every template", () => {
    expect(Object.keys(SAMPLES).sort()).toEqual([...EMAIL_TEMPLATES].sort());
  });

  it.each(cases)("$template ($locale) renders text and HTML with the link and every parameter", ({ template, locale, params }) => {
    const mail = renderEmail(template, locale, params);
    expect(mail.subject.length).toBeGreaterThan(5);
    expect(mail.subject).not.toMatch(/[\r\n]/);
    expect(mail.text).toContain(URL_);
    expect(mail.html).toContain(`href="${escapeHtml(URL_)}"`);
    // The raw address is also printed for clients that don't show buttons.
    expect(mail.html).toContain(`>${escapeHtml(URL_)}</a>`);
    expect(mail.html).toMatch(new RegExp(`<html lang="${locale}"`));
    expect(mail.html).toContain(`<title>${escapeHtml(mail.subject)}</title>`);

    for (const value of stringsOf(params).filter((v) => v !== URL_ && !/^[a-z_]+$/.test(v))) {
      expect(mail.text).toContain(value.includes("\n") ? value.split("\n")[0] : value);
      expect(mail.html).toContain(escapeHtml(value));
      if (/[<>&"']/.test(value)) expect(mail.html).not.toContain(value);
    }
    expect(mail.html).not.toContain("<script");
    expect(mail.html).not.toContain("<b>");

    if (locale === "ko") {
      expect(mail.subject + mail.text).toMatch(/[\uac00-\ud7a3]/);
    } else {
      expect(mail.subject + mail.text).not.toMatch(/[\uac00-\ud7a3]/);
    }
  });

  it("gives each decision its own subject", () => {
    for (const locale of LOCALES) {
      const partner = SAMPLES["partner-decision"].map((p) => renderEmail("partner-decision", locale, p).subject);
      expect(new Set(partner).size).toBe(4);
      const program = SAMPLES["program-decision"].map((p) => renderEmail("program-decision", locale, p).subject);
      expect(new Set(program).size).toBe(2);
    }
  });

  it("names programs by their readable name and shows a reason only when there is one", () => {
    const base = { partnerName: "Contoso", program: "cloud_accelerate", decision: "verified" as const, url: URL_ };
    const without = renderEmail("program-decision", "en", base);
    expect(without.subject).toContain("Cloud Accelerate");
    expect(without.text).not.toContain("Reason");
    const withReason = renderEmail("program-decision", "ko", { ...base, decision: "rejected", reason: "서명이 누락되었습니다." });
    expect(withReason.text).toContain("사유:\n서명이 누락되었습니다.");
    expect(withReason.html).toContain("서명이 누락되었습니다.");
  });

  it("puts the role into the invitation", () => {
    const mail = (role: "owner" | "member", locale: EmailLocale) =>
      renderEmail("partner-invitation", locale, { inviterName: "Ana", partnerName: "Contoso", role, url: URL_ }).text;
    expect(mail("owner", "en")).toContain("as an owner");
    expect(mail("member", "en")).toContain("as a member");
    expect(mail("member", "ko")).toContain("구성원으로 초대했습니다");
  });

  it("refuses links that are not absolute http(s) URLs", () => {
    for (const url of ["javascript:alert(1)", "/verify-email?token=x", "data:text/html,hi"]) {
      expect(() => renderEmail("email-verification", "en", { name: "Ana", url })).toThrow(/Email link/);
    }
  });
});

describe("escapeHtml", () => {
  it("escapes the five characters that matter in text and attributes", () => {
    expect(escapeHtml(`<a href="x" title='y'>&</a>`)).toBe("&lt;a href=&quot;x&quot; title=&#39;y&#39;&gt;&amp;&lt;/a&gt;");
  });
});
