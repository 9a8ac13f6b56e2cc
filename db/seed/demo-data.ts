// Pure, deterministic demo data: the same `now` always yields the same rows (fixed-seed PRNG, derived UUIDs).
import { programIds, type ProgramId } from "../../src/domain/catalog/vocabulary.ts";
import { OFFER_SERVICES, OFFERS, SERVICES } from "./catalog.ts";
import { generateLeads, type LeadTarget } from "./leads.ts";
import { listingText } from "./listing-text.ts";
import { createRandom, type Random } from "./random.ts";
import {
  asciiWord,
  between,
  DAY,
  HOUR,
  MINUTE,
  plus,
  slugify,
  type DemoData,
  type PartnerProgramRow,
  type UserRow,
} from "./rows.ts";
import { pickThemeFacets } from "./facets.ts";
import { THEMES } from "./templates.ts";
import {
  CITIES,
  ENGLISH_FIRST_NAMES,
  ENGLISH_LAST_NAMES,
  ENGLISH_NAME_STEMS,
  ENGLISH_NAME_SUFFIXES,
  KOREAN_AREAS,
  KOREAN_COMPANIES,
  KOREAN_FAMILY_NAMES,
  KOREAN_GIVEN_NAMES,
  STATUS_REASONS,
  TENANTS,
} from "./word-lists.ts";

export type * from "./rows.ts";

const CONTENT_SEED = 0x5eed2026;
// Ids come from their own stream, so they don't shift when a text template gains a choice.
const ID_SEED = 0x1d5eed01;
const KOREAN_PARTNERS = 24;
const ENGLISH_PARTNERS = 42;
const LEAD_COUNT = 40;

export const OPERATOR_EMAIL = "operator@example.com";

interface PartnerSpec {
  korean: boolean;
  /** Legal/display name: Korean for Korean partners. */
  name: string;
  nameEn: string;
  slug: string;
  cityEn: string;
  areaEn: string;
  areaKo: string;
  homeRegion: string;
  near: readonly string[];
  localLanguages: readonly string[];
}

interface Person {
  display: string;
  local: string;
  locale: "en" | "ko";
}

function partnerSpecs(rng: Random): PartnerSpec[] {
  const korean = rng.sample(KOREAN_COMPANIES, KOREAN_PARTNERS).map((c): PartnerSpec => {
    const area = KOREAN_AREAS[c.area]!;
    return {
      korean: true,
      name: c.ko,
      nameEn: c.en,
      slug: c.slug,
      cityEn: area.city,
      areaEn: area.en,
      areaKo: area.ko,
      homeRegion: "KR",
      near: ["JP", "US", "VN", "SG"],
      localLanguages: ["ko"],
    };
  });
  const english = rng.sample(ENGLISH_NAME_STEMS, ENGLISH_PARTNERS).map((stem): PartnerSpec => {
    const name = `${stem} ${rng.pick(ENGLISH_NAME_SUFFIXES)}`;
    const city = rng.pick(CITIES);
    return {
      korean: false,
      name,
      nameEn: name,
      slug: slugify(name),
      cityEn: city.en,
      areaEn: city.en,
      areaKo: city.ko,
      homeRegion: city.region,
      near: city.near,
      localLanguages: city.languages,
    };
  });
  return rng.shuffle([...korean, ...english]);
}

function people(rng: Random, korean: boolean, count: number): Person[] {
  if (korean) {
    return rng.sample(KOREAN_GIVEN_NAMES, count).map((given) => {
      const family = rng.pick(KOREAN_FAMILY_NAMES);
      return { display: family.ko + given.ko, local: `${given.en}.${family.en}`, locale: "ko" };
    });
  }
  return rng.sample(ENGLISH_FIRST_NAMES, count).map((first) => {
    const last = rng.pick(ENGLISH_LAST_NAMES);
    return { display: `${first} ${last}`, local: `${asciiWord(first)}.${asciiWord(last)}`, locale: "en" };
  });
}

const latest = (...dates: Array<Date | null>): Date =>
  new Date(Math.max(...dates.filter((d): d is Date => d !== null).map((d) => d.getTime())));
const earliest = (a: Date, b: Date): Date => (a < b ? a : b);

export function generateDemoData(now: Date): DemoData {
  const rng = createRandom(CONTENT_SEED);
  const ids = createRandom(ID_SEED);
  const horizon = plus(now, -HOUR);
  const data: DemoData = {
    services: SERVICES.map((s) => ({ ...s })),
    offers: OFFERS.map((o) => ({ ...o })),
    offer_services: OFFER_SERVICES.map((os) => ({ ...os })),
    users: [],
    partners: [],
    partner_members: [],
    partner_programs: [],
    listings: [],
    listing_services: [],
    tenants: [],
    tenant_members: [],
    leads: [],
    lead_events: [],
  };

  const user = (person: Person, email: string, createdAt: Date): UserRow => {
    const row: UserRow = {
      id: ids.uuid(),
      email,
      email_verified_at: earliest(plus(createdAt, rng.int(2, 30) * MINUTE), now),
      display_name: person.display,
      locale: person.locale,
      is_operator: false,
      created_at: createdAt,
      updated_at: createdAt,
    };
    data.users.push(row);
    return row;
  };

  const operatorCreated = plus(now, -1500 * DAY);
  const operator = user({ display: "Marketplace Operator", local: "operator", locale: "en" }, OPERATOR_EMAIL, operatorCreated);
  operator.is_operator = true;

  const targets: LeadTarget[] = [];

  partnerSpecs(rng).forEach((spec, i) => {
    const status = i < 2 ? "suspended" : i === 2 ? "rejected" : i < 7 ? "pending" : "authorized";
    const rank = i - 7; // position among authorized partners
    const everAuthorized = status === "authorized" || status === "suspended";
    const listingStatus =
      status === "authorized"
        ? rank < 3
          ? "draft"
          : rank < 5
            ? "unpublished"
            : "published"
        : // R1: a suspended partner's listing stays "published" in its own row; the public filter must hide it.
          status === "suspended"
          ? "published"
          : "draft";

    const ageDays = everAuthorized ? rng.int(200, 1400) : status === "rejected" ? rng.int(30, 200) : rng.int(5, 60);
    const createdAt = plus(now, -ageDays * DAY - rng.int(0, 1439) * MINUTE);
    const signedAt =
      everAuthorized || status === "rejected" || rng.chance(0.5)
        ? between(rng, plus(createdAt, HOUR), earliest(plus(createdAt, 20 * DAY), horizon))
        : null;
    const authorizedAt = everAuthorized ? plus(signedAt!, rng.int(1, 10) * DAY + rng.int(0, 600) * MINUTE) : null;
    const closedAt = status === "suspended" ? plus(now, -rng.int(3, 40) * DAY) : status === "rejected" ? between(rng, signedAt!, horizon) : null;
    const partnerId = ids.uuid();
    data.partners.push({
      id: partnerId,
      slug: spec.slug,
      name: spec.name,
      status,
      status_reason:
        status === "suspended" ? STATUS_REASONS.suspended[i]! : status === "rejected" ? STATUS_REASONS.rejected : null,
      agreement_signed_at: signedAt,
      authorized_at: authorizedAt,
      authorized_by: everAuthorized ? operator.id : null,
      created_at: createdAt,
      updated_at: latest(createdAt, signedAt, authorizedAt, closedAt),
    });

    // Members: the first is the owner.
    const memberIds = people(rng, spec.korean, rng.int(1, 3)).map((person, m) => {
      const joined = m === 0 ? createdAt : between(rng, createdAt, earliest(plus(createdAt, 60 * DAY), horizon));
      const row = user(person, `${person.local}@${spec.slug}.example.com`, joined);
      data.partner_members.push({ partner_id: partnerId, user_id: row.id, role: ["owner", "admin", "member"][m]!, created_at: joined });
      return row.id;
    });

    // R3: about 40% of authorized partners hold a verified program; a few have one awaiting review.
    const enroll = (program: ProgramId, verified: boolean) => {
      const submittedAt = verified
        ? between(rng, authorizedAt!, plus(authorizedAt!, 60 * DAY))
        : between(rng, plus(now, -20 * DAY), horizon);
      const row: PartnerProgramRow = {
        partner_id: partnerId,
        program,
        status: verified ? "verified" : "submitted",
        submitted_at: submittedAt,
        verified_at: verified ? plus(submittedAt, rng.int(1, 14) * DAY) : null,
        verified_by: verified ? operator.id : null,
      };
      data.partner_programs.push(row);
    };
    if ((status === "authorized" && (rank % 5 === 0 || rank % 5 === 2)) || i === 0) {
      for (const program of rng.sample(programIds, rng.chance(0.3) ? 2 : 1)) enroll(program, true);
    } else if ((status === "authorized" && rank % 10 === 3) || i === 3) {
      enroll(rng.pick(programIds), false);
    }

    // The listing.
    // A name that announces a specialty gets it ("한울보안" does security); the rest rotate through the themes.
    const hinted = /보안|Security/.test(spec.name + spec.nameEn) ? "security" : /데이터|Data/.test(spec.name + spec.nameEn) ? "data" : null;
    const theme = THEMES.find((t) => t.id === hinted) ?? THEMES[i % THEMES.length]!;
    const { services, expertise, industries, featured } = pickThemeFacets(rng, theme);
    const regions = [
      spec.homeRegion,
      ...rng.sample(
        spec.near.filter((r) => r !== spec.homeRegion),
        spec.korean ? (rng.chance(0.5) ? rng.int(1, 2) : 0) : rng.int(0, 3),
      ),
    ].slice(0, 5);
    const writesKorean = spec.korean || regions.includes("KR") || rng.chance(0.12);
    const writesEnglish = !spec.korean || rng.chance(0.8);
    const languages = [
      ...new Set([
        ...(spec.korean ? ["ko"] : ["en"]),
        ...spec.localLanguages,
        ...(writesKorean ? ["ko"] : []),
        ...(writesEnglish ? ["en"] : []),
        ...(regions.includes("JP") && rng.chance(0.4) ? ["ja"] : []),
      ]),
    ].slice(0, 3);
    const text = listingText(
      rng,
      theme,
      { nameEn: spec.nameEn, nameKo: spec.name, cityEn: spec.cityEn, areaEn: spec.areaEn, areaKo: spec.areaKo, industry: featured },
      { en: writesEnglish, ko: writesKorean },
    );

    const listingCreated = between(rng, createdAt, earliest(plus(createdAt, 3 * DAY), horizon));
    const publishedAt = listingStatus === "draft" ? null : between(rng, authorizedAt!, plus(authorizedAt!, 7 * DAY));
    const updatedAt = between(rng, latest(listingCreated, publishedAt, plus(now, -120 * DAY)), now);
    // Brand-new or not yet authorized partners have no reviews.
    const rated = everAuthorized && !rng.chance(0.1);
    const listingId = ids.uuid();
    data.listings.push({
      id: listingId,
      partner_id: partnerId,
      slug: spec.slug,
      status: listingStatus,
      primary_locale: spec.korean ? "ko" : "en",
      name: spec.name,
      ...text,
      expertise,
      industries,
      regions,
      languages,
      contact_email: `${rng.pick(["contact", "sales", "hello", "partners", "info"])}@${spec.slug}.example.com`,
      // 555-0100..0199 numbers are reserved for fiction.
      phone: spec.homeRegion === "US" ? `+1 206 555 01${String(rng.int(0, 99)).padStart(2, "0")}` : null,
      website: `https://www.${spec.slug}.example.com`,
      rating: rated ? rng.int(30, 50) / 10 : null,
      review_count: rated ? rng.int(1, 240) : 0,
      version: rng.int(1, 7),
      published_at: publishedAt,
      created_at: listingCreated,
      updated_at: updatedAt,
    });
    for (const service_id of services) data.listing_services.push({ listing_id: listingId, service_id });

    // R1: only authorized partners with a published listing receive leads.
    if (status === "authorized" && listingStatus === "published") {
      targets.push({ partnerId, listingId, korean: spec.korean, services, regions, memberIds });
    }
  });

  // Customers' tenants, each with one admin. R11: one is in the sovereign cloud.
  for (const tenant of TENANTS) {
    const createdAt = plus(now, -rng.int(20, 300) * DAY - rng.int(0, 1439) * MINUTE);
    const tenantId = ids.uuid();
    data.tenants.push({ id: tenantId, name: tenant.name, country: tenant.country, cloud: tenant.cloud, created_at: createdAt });
    const admin = user(
      { display: tenant.admin.name, local: tenant.admin.local, locale: tenant.admin.locale },
      `${tenant.admin.local}@${tenant.slug}.example.com`,
      createdAt,
    );
    data.tenant_members.push({ tenant_id: tenantId, user_id: admin.id, role: "admin", created_at: createdAt });
  }

  const { leads, lead_events } = generateLeads(rng, ids, now, targets, LEAD_COUNT);
  data.leads = leads;
  data.lead_events = lead_events;
  return data;
}
