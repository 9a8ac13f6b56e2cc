// CSV export and funnel of the lead inbox (issue 5): RFC 4180 + BOM, formula injection neutralized (OWASP), Korean text,
// the list's filters, tenant isolation (R10); funnel numbers for a known dataset.
import { randomBytes } from "node:crypto";
import { describe, expect, it } from "vitest";
import type { Database } from "../../db/client.ts";
import { CSV_MAX_ROWS, exportLeadsCsv } from "../../src/domain/leads/csv.ts";
import { getFunnel, partnerFunnel } from "../../src/domain/leads/funnel.ts";
import { createLead, createService } from "../factories.ts";
import { useTestDatabase } from "../setup/db.ts";
import { createTeam, expectCode } from "./portal-helpers.ts";

/** A small RFC 4180 reader (quoted fields, doubled quotes, CRLF records), enough to check what a spreadsheet will see. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = "";
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"' && field === "") quoted = true;
    else if (c === ",") {
      row.push(field);
      field = "";
    } else if (c === "\r" && text[i + 1] === "\n") {
      row.push(field);
      rows.push(row);
      row = [];
      field = "";
      i++;
    } else field += c;
  }
  if (field !== "" || row.length) rows.push([...row, field]);
  return rows;
}

describe("lead inbox CSV export (issue 5)", () => {
  const t = useTestDatabase();

  it("is RFC 4180 with a UTF-8 BOM, keeps Korean text and line breaks, and neutralizes formulas (OWASP CSV injection)", async () => {
    await createService(t.db, "mail", { en: "Mail", ko: "메일" });
    const a = await createTeam(t.db);
    const evil = await createLead(t.db, a.partner.id, {
      company: '=HYPERLINK("http://evil.example","click")',
      name: "김민준",
      email: "+82@evil.example",
      message: 'line one\r\nline two, with "quotes"',
      services: ["mail"],
      confirmedAt: new Date("2026-03-01T00:00:00Z"),
    });
    const cases = ["@SUM(A1)", "-2+3", "\tTabbed", "\rCarriage", "＝FULLWIDTH", "plain, comma"];
    for (const [i, company] of cases.entries()) await createLead(t.db, a.partner.id, { company, confirmedAt: new Date(Date.UTC(2026, 1, i + 1)) });

    const csv = await exportLeadsCsv(t.db, { userId: a.member.id }, a.partner.slug, { sort: "oldest" }, "ko");
    expect(csv.body.startsWith("\uFEFF")).toBe(true);
    expect(csv.body.endsWith("\r\n")).toBe(true);
    expect(csv.rows).toBe(7);
    expect(csv.truncated).toBe(false);
    const rows = parseCsv(csv.body.slice(1));
    expect(rows).toHaveLength(8);
    const header = rows[0]!;
    expect(header[0]).toBe("리드 ID");
    const col = (name: string) => header.indexOf(name);
    const byId = new Map(rows.slice(1).map((r) => [r[0], r]));
    const row = byId.get(evil)!;
    expect(row[col("회사")]).toBe(`'=HYPERLINK("http://evil.example","click")`);
    expect(row[col("담당자 이름")]).toBe("김민준");
    expect(row[col("담당자 이메일")]).toBe("'+82@evil.example");
    expect(row[col("메시지")]).toBe('line one\r\nline two, with "quotes"');
    expect(row[col("서비스")]).toBe("메일");
    expect(row[col("국가")]).toBe("대한민국");
    expect(row[col("상태")]).toBe("신규");
    expect(row[col("접수 일시(UTC)")]).toBe("2026-03-01T00:00:00.000Z");
    const companies = rows.slice(1, 7).map((r) => r[col("회사")]);
    expect(companies).toEqual(["'@SUM(A1)", "'-2+3", "'\tTabbed", "'\rCarriage", "'＝FULLWIDTH", "plain, comma"]);
    // No cell a spreadsheet would evaluate.
    for (const r of rows.slice(1)) for (const cell of r) expect(cell).not.toMatch(/^[=+\-@\t\r＝＋－＠]/);
  });

  it("exports exactly the filtered list (status, service, country, dates, assignee, q), in English too", async () => {
    await createService(t.db, "teams", { en: "Teams", ko: "팀즈" });
    const a = await createTeam(t.db);
    const kr = await createLead(t.db, a.partner.id, { company: "Seoul Co", country: "KR", services: ["teams"], confirmedAt: new Date("2026-04-02T03:00:00Z") });
    await createLead(t.db, a.partner.id, { company: "Austin Co", country: "US", confirmedAt: new Date("2026-04-03T03:00:00Z") });
    await createLead(t.db, a.partner.id, { company: "Old Seoul", country: "KR", confirmedAt: new Date("2025-01-01T00:00:00Z") });
    const actor = { userId: a.owner.id };
    const ids = async (filter: Record<string, string>) =>
      parseCsv((await exportLeadsCsv(t.db, actor, a.partner.slug, filter, "en")).body.slice(1))
        .slice(1)
        .map((r) => r[0]);
    expect(await ids({ country: "KR", createdFrom: "2026-01-01" })).toEqual([kr]);
    expect(await ids({ serviceId: "teams" })).toEqual([kr]);
    expect(await ids({ q: "seoul", assignee: "unassigned", status: "new" })).toHaveLength(2);
    expect(await ids({ status: "won" })).toEqual([]);
    const en = parseCsv((await exportLeadsCsv(t.db, actor, a.partner.slug, { serviceId: "teams" }, "en")).body.slice(1));
    expect(en[0]).toContain("Contact email");
    expect(en[1]).toContain("Teams");
    expect(en[1]).toContain("South Korea");
    await expectCode(exportLeadsCsv(t.db, actor, a.partner.slug, { createdFrom: "soon" }, "en"), "VALIDATION_FAILED");
    expect(CSV_MAX_ROWS).toBe(50_000);
  });

  it("R10: another organization's member gets NOT_FOUND, and their own export has none of A's leads", async () => {
    const a = await createTeam(t.db);
    const b = await createTeam(t.db);
    await createLead(t.db, a.partner.id, { company: "A's secret customer" });
    await expectCode(exportLeadsCsv(t.db, { userId: b.owner.id }, a.partner.slug, {}, "en"), "NOT_FOUND");
    const own = await exportLeadsCsv(t.db, { userId: b.owner.id }, b.partner.slug, {}, "en");
    expect(own.rows).toBe(0);
    expect(own.body).not.toContain("secret");
    expect(parseCsv(own.body.slice(1))).toHaveLength(1);
  });
});

describe("lead funnel (issue 5)", () => {
  const t = useTestDatabase();

  async function request(db: Database, partnerId: string, spec: { createdAt: Date; status?: string; confirmedAt?: Date; leadId?: string }) {
    await db
      .insertInto("trial_requests")
      .values({
        partner_id: partnerId,
        contact_name: "Customer",
        contact_email: `c-${randomBytes(4).toString("hex")}@example.com`,
        company: "Customer Co",
        company_size: "10-49",
        country: "KR",
        services: ["mail"],
        seats: 5,
        token_hash: randomBytes(32),
        idempotency_key: randomBytes(16).toString("hex"),
        expires_at: new Date(spec.createdAt.getTime() + 48 * 3600_000),
        created_at: spec.createdAt,
        status: spec.status ?? "pending",
        confirmed_at: spec.confirmedAt ?? null,
        lead_id: spec.leadId ?? null,
      })
      .execute();
  }
  async function history(db: Database, leadId: string, steps: string[]) {
    for (let i = 1; i < steps.length; i++) {
      await db.insertInto("lead_events").values({ lead_id: leadId, type: "status_changed", data: JSON.stringify({ from: steps[i - 1], to: steps[i] }) }).execute();
    }
  }

  it("counts requests → confirmed → invited → trial → won by month over the last 12 months, from history and current status", async () => {
    await createService(t.db, "mail", { en: "Mail", ko: "메일" });
    const a = await createTeam(t.db);
    const b = await createTeam(t.db);
    const now = new Date("2026-11-15T10:00:00Z");
    const oct = (d: number) => new Date(Date.UTC(2026, 9, d, 9));

    // October: four requests, two confirmed; one lead went all the way, one was invited then lost.
    const l1 = await createLead(t.db, a.partner.id, { status: "won", confirmedAt: oct(3) });
    await history(t.db, l1, ["new", "contacted", "trial_invited", "trial_active", "offer_sent", "won"]);
    await request(t.db, a.partner.id, { createdAt: oct(2), status: "confirmed", confirmedAt: oct(3), leadId: l1 });
    const l2 = await createLead(t.db, a.partner.id, { status: "lost", lostReason: "budget", confirmedAt: oct(5) });
    await history(t.db, l2, ["new", "contacted", "trial_invited", "lost"]);
    await request(t.db, a.partner.id, { createdAt: oct(5), status: "confirmed", confirmedAt: oct(5), leadId: l2 });
    await request(t.db, a.partner.id, { createdAt: oct(20) });
    await request(t.db, a.partner.id, { createdAt: oct(21), status: "expired" });
    // Requested on 31 October (UTC), confirmed in November: the request counts in October, the lead in November.
    const l4 = await createLead(t.db, a.partner.id, { status: "spam", confirmedAt: new Date("2026-11-01T00:30:00Z") });
    await history(t.db, l4, ["new", "spam"]);
    await request(t.db, a.partner.id, { createdAt: new Date("2026-10-31T23:30:00Z"), status: "confirmed", confirmedAt: new Date("2026-11-01T00:30:00Z"), leadId: l4 });
    // November: an imported lead (no request row) already in trial, with no history.
    await createLead(t.db, a.partner.id, { status: "trial_active", confirmedAt: new Date("2026-11-10T00:00:00Z") });
    // Out of range, and another partner's: not counted.
    await createLead(t.db, a.partner.id, { status: "won", confirmedAt: new Date("2025-11-30T23:59:00Z") });
    await createLead(t.db, b.partner.id, { status: "won", confirmedAt: oct(4) });
    await request(t.db, b.partner.id, { createdAt: oct(4) });

    const funnel = await partnerFunnel(t.db, a.partner.id, now);
    expect(funnel.months).toHaveLength(12);
    expect(funnel.months[0]?.month).toBe("2025-12");
    expect(funnel.months.at(-1)?.month).toBe("2026-11");
    const byMonth = Object.fromEntries(funnel.months.map(({ month, ...rest }) => [month, rest]));
    expect(byMonth["2026-10"]).toEqual({ requests: 5, confirmed: 2, invited: 2, trial: 1, won: 1 });
    expect(byMonth["2026-11"]).toEqual({ requests: 1, confirmed: 2, invited: 1, trial: 1, won: 0 });
    expect(byMonth["2025-12"]).toEqual({ requests: 0, confirmed: 0, invited: 0, trial: 0, won: 0 });
    expect(funnel.totals).toEqual({ requests: 6, confirmed: 4, invited: 3, trial: 2, won: 1 });

    // R10: only members see it.
    await expectCode(getFunnel(t.db, { userId: b.owner.id }, a.partner.slug, now), "NOT_FOUND");
    const own = await getFunnel(t.db, { userId: b.member.id }, b.partner.slug, now);
    expect(own.funnel.totals).toEqual({ requests: 2, confirmed: 1, invited: 1, trial: 1, won: 1 });
  });
});
