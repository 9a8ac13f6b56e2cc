// CSV export of the filtered lead list (issue 5): RFC 4180, UTF-8 with BOM for Excel, formula injection neutralized.
import { stringify } from "csv-stringify/sync";
import type { Database } from "../../../db/client.ts";
import { t, type Locale } from "../../i18n/ui.ts";
import { requirePartnerPermission } from "../partners/membership.ts";
import { DomainError } from "../shared/errors.ts";
import type { Actor, PartnerScope } from "./inbox.ts";
import { selectFilteredLeads } from "./inbox.ts";
import { leadFilterSchema, LEAD_SORTS, type LeadFilterInput, type LeadSort, type LeadStatus } from "./inbox-schema.ts";
import { COMPANY_SIZES, label, REGIONS } from "../catalog/vocabulary.ts";

/** A bounded export: enough for any real inbox, and a cap on memory for a single request. */
export const CSV_MAX_ROWS = 50_000;

export interface LeadCsv {
  /** The whole file, BOM included. */
  body: string;
  rows: number;
  /** True when more leads matched than CSV_MAX_ROWS (the file holds the first ones in the chosen order). */
  truncated: boolean;
}

const COLUMNS = [
  "id",
  "received",
  "status",
  "company",
  "contactName",
  "contactEmail",
  "country",
  "companySize",
  "services",
  "seats",
  "delegatedAdmin",
  "assignee",
  "firstResponse",
  "lostReason",
  "message",
] as const;

/**
 * The CSV of every lead matching the filters (no pagination), headers and labels in `locale`.
 * Cells starting with = + - @ tab or CR get a leading apostrophe (OWASP CSV injection), done by csv-stringify's
 * `escape_formulas`, which also covers the full-width variants some spreadsheets normalize.
 */
export async function exportPartnerLeadsCsv(
  db: Database,
  scope: PartnerScope,
  input: LeadFilterInput & { sort?: LeadSort | undefined },
  locale: Locale,
): Promise<LeadCsv> {
  const parsed = leadFilterSchema.safeParse(input);
  if (!parsed.success) {
    const fields: Record<string, string[]> = {};
    for (const issue of parsed.error.issues) (fields[String(issue.path[0] ?? "_form")] ??= []).push(issue.message);
    throw new DomainError("VALIDATION_FAILED", undefined, { fields });
  }
  const sort: LeadSort = input.sort && LEAD_SORTS.includes(input.sort) ? input.sort : "newest";
  const rows = await selectFilteredLeads(db, scope.partnerId, parsed.data, sort)
    .select(["l.company_size", "l.wants_delegated_admin", "l.first_response_at", "l.lost_reason", "l.message"])
    .limit(CSV_MAX_ROWS + 1)
    .execute();
  const truncated = rows.length > CSV_MAX_ROWS;
  const kept = truncated ? rows.slice(0, CSV_MAX_ROWS) : rows;

  const serviceIds = [...new Set(kept.flatMap((r) => r.services))];
  const services = new Map(
    serviceIds.length
      ? (await db.selectFrom("services").select(["id", "name_en", "name_ko"]).where("id", "in", serviceIds).execute()).map((s) => [
          s.id,
          locale === "ko" ? s.name_ko : s.name_en,
        ])
      : [],
  );
  const countries = new Map<string, string>(REGIONS.map((r) => [r.id, r[locale]]));
  const iso = (d: Date | string | null) => (d ? new Date(d).toISOString() : "");

  const records = kept.map((r) => [
    r.id,
    iso(r.created_at),
    t(locale, `leads.status.${r.status as LeadStatus}`),
    r.company,
    r.contact_name,
    r.contact_email,
    countries.get(r.country) ?? r.country,
    // Labels, not ids: a spreadsheet would read "10-49" as a date.
    label(COMPANY_SIZES, r.company_size, locale),
    r.services.map((id) => services.get(id) ?? id).join("; "),
    r.seats,
    t(locale, r.wants_delegated_admin ? "leads.lead.yes" : "leads.lead.no"),
    r.assignee_name ?? "",
    iso(r.first_response_at),
    r.lost_reason ?? "",
    r.message,
  ]);
  const body = stringify([COLUMNS.map((c) => t(locale, `leads.inbox.csv.${c}`)), ...records], {
    bom: true,
    record_delimiter: "windows",
    escape_formulas: true,
  });
  return { body, rows: kept.length, truncated };
}

/** The member path: the organization's members (leads.view) only; another organization's → NOT_FOUND. */
export async function exportLeadsCsv(
  db: Database,
  actor: Actor,
  partnerSlug: string,
  input: LeadFilterInput & { sort?: LeadSort | undefined },
  locale: Locale,
): Promise<LeadCsv & { partnerSlug: string }> {
  const partner = await requirePartnerPermission(db, actor.userId, partnerSlug, "leads.view");
  const csv = await exportPartnerLeadsCsv(db, { partnerId: partner.partnerId, actor: { userId: actor.userId } }, input, locale);
  return { ...csv, partnerSlug: partner.slug };
}
