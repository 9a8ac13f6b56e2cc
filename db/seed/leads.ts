// Demo leads and their timelines: every pipeline status, each lead's events consistent with where it stands.
import { companySizeIds, type CompanySizeId } from "../../src/domain/catalog/vocabulary.ts";
import { SERVICE_IDS } from "./catalog.ts";
import type { Random } from "./random.ts";
import { asciiWord, DAY, HOUR, MINUTE, plus, slugify, type LeadEventRow, type LeadRow } from "./rows.ts";
import {
  ENGLISH_FIRST_NAMES,
  ENGLISH_LAST_NAMES,
  ENGLISH_LEAD_COMPANIES,
  KOREAN_FAMILY_NAMES,
  KOREAN_GIVEN_NAMES,
  KOREAN_LEAD_COMPANIES,
  LEAD_MESSAGES_EN,
  LEAD_MESSAGES_KO,
  LOST_REASONS_EN,
  LOST_REASONS_KO,
} from "./word-lists.ts";
import { fill } from "./templates.ts";

export const LEAD_STATUSES = [
  "new",
  "contacted",
  "trial_invited",
  "trial_active",
  "offer_sent",
  "won",
  "lost",
  "spam",
] as const;
export type LeadStatus = (typeof LEAD_STATUSES)[number];

/** The forward pipeline; lost and spam branch off it. */
const PROGRESSION: readonly LeadStatus[] = ["new", "contacted", "trial_invited", "trial_active", "offer_sent", "won"];

const STATUS_WEIGHTS: ReadonlyArray<readonly [LeadStatus, number]> = [
  ["new", 6],
  ["contacted", 5],
  ["trial_invited", 4],
  ["trial_active", 4],
  ["offer_sent", 3],
  ["won", 4],
  ["lost", 4],
  ["spam", 2],
];

/** A partner that may receive leads (R1: authorized, with a published listing). */
export interface LeadTarget {
  partnerId: string;
  listingId: string;
  korean: boolean;
  services: readonly string[];
  regions: readonly string[];
  memberIds: readonly string[];
}

const SEAT_RANGES: Record<CompanySizeId, readonly [number, number]> = {
  "1-9": [5, 9],
  "10-49": [10, 49],
  "50-249": [50, 249],
  "250-999": [250, 500],
  "1000+": [300, 500],
};

function weightedStatus(rng: Random): LeadStatus {
  const total = STATUS_WEIGHTS.reduce((sum, [, w]) => sum + w, 0);
  let roll = rng.next() * total;
  for (const [status, weight] of STATUS_WEIGHTS) {
    roll -= weight;
    if (roll < 0) return status;
  }
  return "new";
}

/** The status changes that lead from "new" to `status`. */
function pathTo(rng: Random, status: LeadStatus): LeadStatus[] {
  if (status === "spam") return ["spam"];
  if (status === "lost") return [...PROGRESSION.slice(1, rng.int(1, 5)), "lost"];
  return PROGRESSION.slice(1, PROGRESSION.indexOf(status) + 1);
}

export function generateLeads(
  rng: Random,
  ids: Random,
  now: Date,
  targets: readonly LeadTarget[],
  count: number,
): { leads: LeadRow[]; lead_events: LeadEventRow[] } {
  if (targets.length === 0) throw new Error("generateLeads: no partner can receive leads");
  const leads: LeadRow[] = [];
  const events: LeadEventRow[] = [];
  // Every status at least once, then a realistic mix.
  const statuses: LeadStatus[] = [...LEAD_STATUSES];
  while (statuses.length < count) statuses.push(weightedStatus(rng));
  // A few busy partners get a good share, so a demo inbox has something to work.
  const busy = targets.slice(0, 3);

  for (const status of rng.shuffle(statuses)) {
    const target = rng.chance(0.35) ? rng.pick(busy) : rng.pick(targets);
    const korean = target.korean || (target.regions.includes("KR") && rng.chance(0.3));
    const size = rng.pick(companySizeIds);
    const [minSeats, maxSeats] = SEAT_RANGES[size];
    const seats = rng.int(minSeats, maxSeats);

    let company: string;
    let companySlug: string;
    let contactName: string;
    let local: string;
    if (korean) {
      const c = rng.pick(KOREAN_LEAD_COMPANIES);
      const family = rng.pick(KOREAN_FAMILY_NAMES);
      const given = rng.pick(KOREAN_GIVEN_NAMES);
      [company, companySlug, contactName, local] = [c.ko, c.slug, family.ko + given.ko, `${given.en}.${family.en}`];
    } else {
      const c = rng.pick(ENGLISH_LEAD_COMPANIES);
      const first = rng.pick(ENGLISH_FIRST_NAMES);
      const last = rng.pick(ENGLISH_LAST_NAMES);
      [company, companySlug, contactName, local] = [c, slugify(c), `${first} ${last}`, `${asciiWord(first)}.${asciiWord(last)}`];
    }
    // R11: sovereign-cloud customers cannot request trials, so no lead comes from there.
    const countries = target.regions.filter((r) => r !== "CN");
    const country = korean ? "KR" : countries.length ? rng.pick(countries) : "US";
    const wanted = rng.sample(target.services, rng.int(1, Math.min(3, target.services.length)));
    const services = SERVICE_IDS.filter((id) => wanted.includes(id));

    const path = pathTo(rng, status);
    const assignee = status === "new" && rng.chance(0.6) ? null : rng.pick(target.memberIds);
    // Room for every step (≤ 2 days each) before `now`, within the last 90 days.
    const earliest = 90 * DAY;
    const latest = path.length * 2 * DAY + 2 * HOUR;
    const createdAt = plus(now, -rng.int(latest / MINUTE, earliest / MINUTE) * MINUTE);
    const confirmedAt = plus(createdAt, rng.int(1, 30) * MINUTE);
    const id = ids.uuid();

    events.push({ lead_id: id, type: "created", actor_user_id: null, data: {}, created_at: createdAt });
    events.push({ lead_id: id, type: "confirmed", actor_user_id: null, data: {}, created_at: confirmedAt });
    let at = confirmedAt;
    let from: LeadStatus = "new";
    let firstResponseAt: Date | null = null;
    for (const to of path) {
      at = plus(at, rng.int(60, 2 * 24 * 60) * MINUTE);
      firstResponseAt ??= at;
      events.push({ lead_id: id, type: "status_changed", actor_user_id: assignee, data: { from, to }, created_at: at });
      from = to;
    }

    const messages = korean ? LEAD_MESSAGES_KO : LEAD_MESSAGES_EN;
    leads.push({
      id,
      partner_id: target.partnerId,
      listing_id: target.listingId,
      status,
      contact_name: contactName,
      contact_email: `${local}@${companySlug}.example.com`,
      company,
      company_size: size,
      country,
      services,
      seats,
      message: fill(rng.pick(messages), { seats: String(seats) }),
      wants_delegated_admin: rng.chance(0.4),
      lost_reason: status === "lost" ? rng.pick(korean ? LOST_REASONS_KO : LOST_REASONS_EN) : null,
      assignee_user_id: assignee,
      confirmed_at: confirmedAt,
      first_response_at: firstResponseAt,
      created_at: createdAt,
      updated_at: at,
    });
  }
  return { leads, lead_events: events };
}
