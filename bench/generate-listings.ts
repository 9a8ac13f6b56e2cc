// Deterministic bulk listings for the benchmark: partners, listings, services and programs, inserted in big batches.
import { sql } from "kysely";
import type { Database } from "../db/client.ts";
import { SERVICES } from "../db/seed/catalog.ts";
import { pickThemeFacets } from "../db/seed/facets.ts";
import { listingText } from "../db/seed/listing-text.ts";
import { createRandom, type Random } from "../db/seed/random.ts";
import { between, DAY, MINUTE, plus, slugify } from "../db/seed/rows.ts";
import { THEMES } from "../db/seed/templates.ts";
import {
  CITIES,
  ENGLISH_NAME_STEMS,
  ENGLISH_NAME_SUFFIXES,
  KOREAN_AREAS,
  KOREAN_COMPANIES,
  STATUS_REASONS,
} from "../db/seed/word-lists.ts";
import { programIds } from "../src/domain/catalog/vocabulary.ts";

const CONTENT_SEED = 0xbe7c4001;
// Ids from their own stream, so they stay put when the text generation changes.
const ID_SEED = 0xbe7c4002;
/** Timestamps are relative to a fixed moment, not "now", so two runs insert identical rows. */
const EPOCH = new Date(Date.UTC(2026, 10, 1));

const KOREAN_SUFFIXES = [
  { ko: "", en: "" },
  { ko: "솔루션", en: "Solutions" },
  { ko: "파트너스", en: "Partners" },
  { ko: "테크", en: "Tech" },
  { ko: "컨설팅", en: "Consulting" },
  { ko: "시스템즈", en: "Systems" },
  { ko: "네트웍스", en: "Networks" },
  { ko: "클라우드", en: "Cloud" },
] as const;

type Row = Record<string, unknown>;

export interface Batch {
  partners: Row[];
  listings: Row[];
  listing_services: Row[];
  partner_programs: Row[];
}

export type TableName = keyof Batch;
const TABLES: readonly TableName[] = ["partners", "listings", "listing_services", "partner_programs"];

/** Creates listing number `n` (0-based) and its partner, appending rows to `batch`. */
function generateOne(rng: Random, ids: Random, n: number, batch: Batch): void {
  const korean = rng.chance(0.35);
  let name: string;
  let nameEn: string;
  let cityEn: string;
  let areaEn: string;
  let areaKo: string;
  let homeRegion: string;
  let near: readonly string[];
  let localLanguages: readonly string[];
  if (korean) {
    const company = rng.pick(KOREAN_COMPANIES);
    const suffix = rng.pick(KOREAN_SUFFIXES);
    const area = rng.chance(0.6) ? KOREAN_AREAS[company.area]! : rng.pick(KOREAN_AREAS);
    name = `${company.ko}${suffix.ko}`;
    nameEn = `${company.en} ${suffix.en}`.trim();
    cityEn = area.city;
    areaEn = area.en;
    areaKo = area.ko;
    homeRegion = "KR";
    near = ["JP", "US", "VN", "SG"];
    localLanguages = ["ko"];
  } else {
    const city = rng.pick(CITIES);
    name = `${rng.pick(ENGLISH_NAME_STEMS)} ${rng.pick(ENGLISH_NAME_SUFFIXES)}`;
    nameEn = name;
    cityEn = city.en;
    areaEn = city.en;
    areaKo = city.ko;
    homeRegion = city.region;
    near = city.near;
    localLanguages = city.languages;
  }
  const slug = `${slugify(nameEn)}-${n + 1}`;

  // R1 kept realistic: a few partners are not (or no longer) authorized, a few listings are still drafts.
  const roll = rng.next();
  const status = roll < 0.015 ? "suspended" : roll < 0.03 ? "pending" : "authorized";
  const everAuthorized = status !== "pending";
  const listingStatus = status === "pending" || rng.chance(0.03) ? "draft" : "published";

  const createdAt = plus(EPOCH, -rng.int(30, 1500) * DAY - rng.int(0, 1439) * MINUTE);
  const signedAt = everAuthorized ? plus(createdAt, rng.int(1, 20) * DAY) : null;
  const authorizedAt = signedAt ? plus(signedAt, rng.int(1, 10) * DAY) : null;
  const partnerId = ids.uuid();
  batch.partners.push({
    id: partnerId,
    slug,
    name,
    status,
    status_reason: status === "suspended" ? rng.pick(STATUS_REASONS.suspended) : null,
    agreement_signed_at: signedAt,
    authorized_at: authorizedAt,
    authorized_by: null,
    created_at: createdAt,
    updated_at: authorizedAt ?? createdAt,
  });

  // R3: about 40% of authorized partners hold a verified program; a few more await review.
  if (status === "authorized" && rng.chance(0.4)) {
    for (const program of rng.sample(programIds, rng.chance(0.25) ? 2 : 1)) {
      const submittedAt = plus(authorizedAt!, rng.int(1, 60) * DAY);
      batch.partner_programs.push({
        partner_id: partnerId,
        program,
        status: "verified",
        submitted_at: submittedAt,
        verified_at: plus(submittedAt, rng.int(1, 14) * DAY),
        verified_by: null,
      });
    }
  } else if (rng.chance(0.05)) {
    batch.partner_programs.push({
      partner_id: partnerId,
      program: rng.pick(programIds),
      status: "submitted",
      submitted_at: plus(createdAt, rng.int(1, 25) * DAY),
      verified_at: null,
      verified_by: null,
    });
  }

  const theme = rng.pick(THEMES);
  const { services, expertise, industries, featured } = pickThemeFacets(rng, theme);
  const regions = [
    homeRegion,
    ...rng.sample(near.filter((r) => r !== homeRegion), korean ? (rng.chance(0.5) ? rng.int(1, 2) : 0) : rng.int(0, 3)),
  ];
  const writesKorean = korean || regions.includes("KR") || rng.chance(0.12);
  const writesEnglish = !korean || rng.chance(0.8);
  const languages = [
    ...new Set([
      ...(korean ? ["ko"] : ["en"]),
      ...localLanguages,
      ...(writesKorean ? ["ko"] : []),
      ...(writesEnglish ? ["en"] : []),
      ...(regions.includes("JP") && rng.chance(0.4) ? ["ja"] : []),
    ]),
  ].slice(0, 3);
  const text = listingText(
    rng,
    theme,
    { nameEn, nameKo: name, cityEn, areaEn, areaKo, industry: featured },
    { en: writesEnglish, ko: writesKorean },
  );
  const listingCreated = plus(createdAt, rng.int(0, 3) * DAY);
  const publishedAt = listingStatus === "published" ? plus(authorizedAt ?? listingCreated, rng.int(0, 7) * DAY) : null;
  const updatedAt = between(rng, publishedAt ?? listingCreated, EPOCH);
  const rated = everAuthorized && rng.chance(0.85);
  const listingId = ids.uuid();
  batch.listings.push({
    id: listingId,
    partner_id: partnerId,
    slug,
    status: listingStatus,
    primary_locale: korean ? "ko" : "en",
    name,
    ...text,
    expertise,
    industries,
    regions,
    languages,
    contact_email: `${rng.pick(["contact", "sales", "hello", "partners", "info"])}@${slug}.example.com`,
    phone: null,
    website: `https://www.${slug}.example.com`,
    // Skewed towards good ratings and few reviews, like real marketplaces.
    rating: rated ? Math.min(50, rng.int(28, 50) + rng.int(0, 4)) / 10 : null,
    review_count: rated ? Math.floor(1 + 400 * rng.next() ** 3) : 0,
    version: rng.int(1, 9),
    published_at: publishedAt,
    created_at: listingCreated,
    updated_at: updatedAt,
  });
  for (const service_id of services) batch.listing_services.push({ listing_id: listingId, service_id });
}

/** Batches of `batchSize` listings (with their partners), the same ones on every run. */
export function* generateBatches(total: number, batchSize = 1000): Generator<Batch> {
  const rng = createRandom(CONTENT_SEED);
  const ids = createRandom(ID_SEED);
  for (let start = 0; start < total; start += batchSize) {
    const batch: Batch = { partners: [], listings: [], listing_services: [], partner_programs: [] };
    for (let n = start; n < Math.min(total, start + batchSize); n++) generateOne(rng, ids, n, batch);
    yield batch;
  }
}

/**
 * One statement per table and batch: the rows travel as a single JSON parameter that
 * jsonb_populate_recordset turns into typed rows (arrays included), far faster than row-by-row inserts.
 */
async function insertRows(db: Database, table: TableName, rows: Row[]): Promise<void> {
  if (rows.length === 0) return;
  const columns = Object.keys(rows[0]!).map((c) => sql.ref(c));
  await sql`insert into ${sql.table(table)} (${sql.join(columns)})
    select ${sql.join(columns)} from jsonb_populate_recordset(null::${sql.table(table)}, ${JSON.stringify(rows)}::jsonb)`.execute(db);
}

export async function insertCatalog(db: Database): Promise<number> {
  await db.insertInto("services").values(SERVICES.map((s) => ({ ...s }))).onConflict((oc) => oc.doNothing()).execute();
  return SERVICES.length;
}

export interface InsertStats {
  rows: Record<TableName, number>;
  seconds: number;
  /** Characters of listing text (headlines and descriptions, both languages). */
  textChars: number;
}

/** Generates and inserts `total` listings; generating the next batch overlaps inserting the current one. */
export async function insertListings(
  db: Database,
  total: number,
  onProgress?: (done: number, stats: InsertStats) => void,
): Promise<InsertStats> {
  const started = performance.now();
  const stats: InsertStats = {
    rows: { partners: 0, listings: 0, listing_services: 0, partner_programs: 0 },
    seconds: 0,
    textChars: 0,
  };
  const insertBatch = async (batch: Batch) => {
    for (const table of TABLES) await insertRows(db, table, batch[table]);
  };
  let pending: Promise<void> | undefined;
  let lastReport = 0;
  for (const batch of generateBatches(total)) {
    if (pending) await pending;
    for (const table of TABLES) stats.rows[table] += batch[table].length;
    for (const l of batch.listings) {
      for (const key of ["headline_en", "headline_ko", "description_en", "description_ko"]) {
        stats.textChars += String(l[key] ?? "").length;
      }
    }
    pending = insertBatch(batch);
    // Let the first statement go out before the generator takes the thread for the next batch.
    await new Promise((resolve) => setImmediate(resolve));
    if (onProgress && stats.rows.listings - lastReport >= 10_000) {
      lastReport = stats.rows.listings;
      stats.seconds = (performance.now() - started) / 1000;
      onProgress(stats.rows.listings, stats);
    }
  }
  if (pending) await pending;
  await sql`analyze`.execute(db);
  stats.seconds = (performance.now() - started) / 1000;
  return stats;
}
