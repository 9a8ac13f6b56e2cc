// The demo data generator: deterministic, and every row respects the catalog, vocabularies and rules it demonstrates.
import { describe, expect, it } from "vitest";
import { OFFER_SERVICES, SERVICE_IDS } from "../../db/seed/catalog.ts";
import { generateDemoData, OPERATOR_EMAIL } from "../../db/seed/demo-data.ts";
import { LEAD_STATUSES } from "../../db/seed/leads.ts";
import {
  companySizeIds,
  expertiseIds,
  industryIds,
  languageIds,
  regionIds,
} from "../../src/domain/catalog/vocabulary.ts";

const NOW = new Date("2026-12-01T09:00:00Z");
const DAY = 86_400_000;
const SLUG = /^[a-z0-9]+(-[a-z0-9]+)*$/;
const UUID_V4 = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

describe("generateDemoData", () => {
  const data = generateDemoData(NOW);
  const partnerById = new Map(data.partners.map((p) => [p.id, p]));
  const listingById = new Map(data.listings.map((l) => [l.id, l]));

  it("is deterministic: the same `now` gives deep-equal data", () => {
    expect(generateDemoData(new Date(NOW))).toEqual(data);
  });

  it("has at least 64 partners, a third of them Korean, each with one listing", () => {
    expect(data.partners.length).toBeGreaterThanOrEqual(64);
    expect(data.listings).toHaveLength(data.partners.length);
    expect(new Set(data.listings.map((l) => l.partner_id)).size).toBe(data.partners.length);
    const korean = data.listings.filter((l) => l.primary_locale === "ko");
    expect(korean.length).toBeGreaterThanOrEqual(22);
    expect(korean.length * 3).toBeGreaterThanOrEqual(data.listings.length);
    for (const l of korean) expect(l.headline_ko && l.description_ko).toBeTruthy();
    expect(korean.filter((l) => l.headline_en).length * 2).toBeGreaterThan(korean.length);
    const english = data.listings.filter((l) => l.primary_locale === "en");
    for (const l of english) expect(l.headline_en && l.description_en).toBeTruthy();
    expect(english.some((l) => l.headline_ko)).toBe(true);
  });

  it("gives unique, valid slugs and v4 UUIDs", () => {
    for (const rows of [data.partners, data.listings]) {
      const slugs = rows.map((r) => r.slug);
      expect(new Set(slugs).size).toBe(slugs.length);
      for (const slug of slugs) expect(slug).toMatch(SLUG);
    }
    const ids = [...data.users, ...data.partners, ...data.listings, ...data.tenants, ...data.leads].map((r) => r.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const id of ids) expect(id).toMatch(UUID_V4);
  });

  it("only uses catalog services and vocabulary ids", () => {
    const services = new Set(SERVICE_IDS);
    for (const ls of data.listing_services) expect(services.has(ls.service_id)).toBe(true);
    for (const os of OFFER_SERVICES) expect(services.has(os.service_id)).toBe(true);
    for (const os of data.offer_services) expect(services.has(os.service_id)).toBe(true);
    const known = (ids: readonly string[]) => new Set<string>(ids);
    const [regions, industries, expertise, languages] = [regionIds, industryIds, expertiseIds, languageIds].map(known);
    for (const l of data.listings) {
      for (const r of l.regions) expect(regions!.has(r), r).toBe(true);
      for (const i of l.industries) expect(industries!.has(i), i).toBe(true);
      for (const e of l.expertise) expect(expertise!.has(e), e).toBe(true);
      for (const g of l.languages) expect(languages!.has(g), g).toBe(true);
    }
  });

  it("keeps listings within the documented shapes", () => {
    const servicesOf = (id: string) => data.listing_services.filter((ls) => ls.listing_id === id);
    for (const l of data.listings) {
      expect(servicesOf(l.id).length).toBeGreaterThanOrEqual(2);
      expect(servicesOf(l.id).length).toBeLessThanOrEqual(6);
      expect(l.expertise.length).toBeGreaterThanOrEqual(2);
      expect(l.expertise.length).toBeLessThanOrEqual(6);
      expect(l.industries.length).toBeGreaterThanOrEqual(1);
      expect(l.industries.length).toBeLessThanOrEqual(4);
      expect(l.regions.length).toBeGreaterThanOrEqual(1);
      expect(l.regions.length).toBeLessThanOrEqual(5);
      expect(l.languages.length).toBeGreaterThanOrEqual(1);
      expect(l.languages.length).toBeLessThanOrEqual(3);
      expect(l.website).toMatch(/^https:\/\/[a-z0-9.-]+\.example\.com$/);
      expect(l.contact_email).toMatch(/@[a-z0-9.-]+\.example\.com$/);
      if (l.rating === null) expect(l.review_count).toBe(0);
      else {
        expect(l.rating).toBeGreaterThanOrEqual(3);
        expect(l.rating).toBeLessThanOrEqual(5);
        expect(Math.round(l.rating * 10)).toBeCloseTo(l.rating * 10, 6);
      }
      expect(l.published_at === null).toBe(l.status === "draft");
      expect(l.updated_at.getTime()).toBeLessThanOrEqual(NOW.getTime());
      expect(l.updated_at.getTime()).toBeGreaterThanOrEqual(NOW.getTime() - 120 * DAY);
      const description = l.description_en ?? l.description_ko ?? "";
      expect(description.split("\n\n")).toHaveLength(3);
      expect(description).toMatch(/\n- .+/);
    }
    expect(data.listings.filter((l) => l.rating === null).length).toBeGreaterThan(0);
  });

  it("R1: has pending, rejected and suspended partners; only authorized ones carry authorization dates", () => {
    const count = (status: string) => data.partners.filter((p) => p.status === status).length;
    expect(count("suspended")).toBe(2);
    expect(count("rejected")).toBe(1);
    expect(count("pending")).toBeGreaterThanOrEqual(1);
    for (const p of data.partners.filter((p) => p.status === "authorized")) {
      expect(p.agreement_signed_at).not.toBeNull();
      expect(p.authorized_at).not.toBeNull();
    }
    for (const p of data.partners.filter((p) => p.status === "pending")) expect(p.authorized_at).toBeNull();
    const publicListings = data.listings.filter(
      (l) => l.status === "published" && partnerById.get(l.partner_id)?.status === "authorized",
    );
    expect(publicListings.length).toBeGreaterThanOrEqual(40);
  });

  it("R3: about 40% of authorized partners hold a verified program; some are awaiting review", () => {
    const authorized = data.partners.filter((p) => p.status === "authorized");
    const verified = new Set(data.partner_programs.filter((pp) => pp.status === "verified").map((pp) => pp.partner_id));
    const share = authorized.filter((p) => verified.has(p.id)).length / authorized.length;
    expect(share).toBeGreaterThan(0.3);
    expect(share).toBeLessThan(0.5);
    expect(data.partner_programs.some((pp) => pp.status === "submitted")).toBe(true);
    for (const pp of data.partner_programs) expect(pp.verified_at === null).toBe(pp.status !== "verified");
  });

  it("gives every partner 1–3 members, the first an owner, and one operator", () => {
    const users = new Map(data.users.map((u) => [u.id, u]));
    for (const p of data.partners) {
      const members = data.partner_members.filter((m) => m.partner_id === p.id);
      expect(members.length).toBeGreaterThanOrEqual(1);
      expect(members.length).toBeLessThanOrEqual(3);
      expect(members[0]!.role).toBe("owner");
    }
    for (const u of data.users) expect(u.email_verified_at).not.toBeNull();
    const emails = data.users.map((u) => u.email.toLowerCase());
    expect(new Set(emails).size).toBe(emails.length);
    const operators = data.users.filter((u) => u.is_operator);
    expect(operators).toHaveLength(1);
    expect(operators[0]).toMatchObject({ email: OPERATOR_EMAIL, display_name: "Marketplace Operator" });
    for (const m of data.tenant_members) expect(users.get(m.user_id)?.is_operator).toBe(false);
  });

  it("R11: has a sovereign-cloud tenant in CN, and no lead comes from CN", () => {
    expect(data.tenants.length).toBeGreaterThanOrEqual(5);
    expect(data.tenants.some((t) => t.country === "CN" && t.cloud === "sovereign")).toBe(true);
    for (const t of data.tenants) expect(data.tenant_members.filter((m) => m.tenant_id === t.id)).toHaveLength(1);
    for (const lead of data.leads) expect(lead.country).not.toBe("CN");
  });

  it("has leads in every pipeline status, only for authorized partners' published listings", () => {
    expect(data.leads.length).toBeGreaterThanOrEqual(35);
    expect(new Set(data.leads.map((l) => l.status))).toEqual(new Set(LEAD_STATUSES));
    for (const lead of data.leads) {
      expect(LEAD_STATUSES).toContain(lead.status);
      const listing = listingById.get(lead.listing_id!)!;
      expect(listing.partner_id).toBe(lead.partner_id);
      expect(listing.status).toBe("published");
      expect(partnerById.get(lead.partner_id)!.status).toBe("authorized");
      const offered = new Set(data.listing_services.filter((ls) => ls.listing_id === listing.id).map((ls) => ls.service_id));
      expect(lead.services.length).toBeGreaterThan(0);
      for (const s of lead.services) expect(offered.has(s)).toBe(true);
      expect(companySizeIds).toContain(lead.company_size);
      expect(lead.seats).toBeGreaterThanOrEqual(5);
      expect(lead.seats).toBeLessThanOrEqual(500);
      expect(lead.confirmed_at).not.toBeNull();
      expect(lead.first_response_at === null).toBe(lead.status === "new");
      expect(lead.lost_reason === null).toBe(lead.status !== "lost");
      expect(lead.created_at.getTime()).toBeGreaterThanOrEqual(NOW.getTime() - 90 * DAY);
      expect(lead.updated_at.getTime()).toBeLessThanOrEqual(NOW.getTime());
    }
  });

  it("gives each lead a timeline that ends in its status", () => {
    for (const lead of data.leads) {
      const events = data.lead_events.filter((e) => e.lead_id === lead.id);
      expect(events.map((e) => e.type).slice(0, 2)).toEqual(["created", "confirmed"]);
      const changes = events.filter((e) => e.type === "status_changed").map((e) => e.data as { from: string; to: string });
      let current = "new";
      for (const change of changes) {
        expect(change.from).toBe(current);
        current = change.to;
      }
      expect(current).toBe(lead.status);
      const times = events.map((e) => e.created_at.getTime());
      expect([...times].sort((a, b) => a - b)).toEqual(times);
      expect(times.at(-1)).toBe(lead.updated_at.getTime());
    }
  });
});
