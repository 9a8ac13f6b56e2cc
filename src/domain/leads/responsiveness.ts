// Responsiveness customers can see (issue 5): a partner's typical time from a confirmed request to its first
// response (contacted, invited or declined), recomputed periodically; listings and search show it (R10).
import { sql } from "kysely";
import type { Database } from "../../../db/client.ts";
import { enqueueListingSync } from "../shared/jobs.ts";

/** Only leads confirmed this recently count: a partner that got faster (or slower) shows it within months. */
export const RESPONSE_WINDOW_DAYS = 180;
/** Below this many answered leads the figure says more about luck than about the partner: "not enough data". */
export const MIN_RESPONSE_SAMPLES = 5;
/** The "Responds within 24 hours" search filter. */
export const FAST_RESPONSE_MINUTES = 24 * 60;

export interface ResponseTime {
  /** Median minutes, rounded; null when there are fewer than MIN_RESPONSE_SAMPLES answered leads. */
  minutes: number | null;
  samples: number;
}

const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * Per partner: how many leads in the window count, and their median response time in minutes. A lead still
 * unanswered after a day counts too, with the time it has waited so far: ignoring leads must not make a partner
 * look fast (its figure only grows while the lead waits, and "within 24 hours" is out of reach).
 */
function statsSince(db: Database, now: Date) {
  const since = new Date(now.getTime() - RESPONSE_WINDOW_DAYS * DAY_MS);
  const waitingLongEnough = new Date(now.getTime() - FAST_RESPONSE_MINUTES * 60_000);
  return db
    .selectFrom("leads")
    .select([
      "partner_id",
      sql<number>`count(*)::int`.as("samples"),
      // percentile_cont: the mean of the two middle values for an even count, as a median should be.
      sql<number>`percentile_cont(0.5) within group (order by greatest(0, extract(epoch from (coalesce(first_response_at, ${now}::timestamptz) - confirmed_at)) / 60))`.as(
        "median",
      ),
    ])
    .where((eb) => eb.or([eb("first_response_at", "is not", null), eb("confirmed_at", "<=", waitingLongEnough)]))
    .where("confirmed_at", ">=", since)
    .where("confirmed_at", "<=", now)
    .groupBy("partner_id");
}

function toResponseTime(samples: number, median: number | null): ResponseTime {
  return { samples, minutes: samples >= MIN_RESPONSE_SAMPLES && median !== null ? Math.round(median) : null };
}

/** The current figure of one partner, from its own leads only. */
export async function computeResponseTime(db: Database, partnerId: string, now = new Date()): Promise<ResponseTime> {
  const row = await statsSince(db, now).where("partner_id", "=", partnerId).executeTakeFirst();
  return row ? toResponseTime(Number(row.samples), row.median === null ? null : Number(row.median)) : { minutes: null, samples: 0 };
}

/**
 * Writes every partner's current figure and returns the ids of partners whose shown figure (minutes) changed. Only
 * rows that change are written, so an unchanged hour touches nothing. The seeder calls it directly (no index yet).
 */
export async function updateResponseTimes(db: Database, now = new Date()): Promise<string[]> {
  const { rows } = await sql<{ id: string; minutes_changed: boolean }>`
    with stats as (${statsSince(db, now)}),
    next as (
      select p.id, p.response_time_minutes as old_minutes, coalesce(s.samples, 0) as samples,
        case when coalesce(s.samples, 0) >= ${MIN_RESPONSE_SAMPLES} then round(s.median)::int end as minutes
      from partners p left join stats s on s.partner_id = p.id
    )
    update partners p
    set response_time_minutes = n.minutes,
        response_samples = n.samples,
        response_time_computed_at = ${now},
        updated_at = case when n.old_minutes is distinct from n.minutes then ${now}::timestamptz else p.updated_at end
    from next n
    where n.id = p.id and (p.response_time_minutes is distinct from n.minutes or p.response_samples <> n.samples)
    returning p.id, (n.old_minutes is distinct from n.minutes) as minutes_changed`.execute(db);
  return rows.filter((r) => r.minutes_changed).map((r) => r.id);
}

/**
 * The hourly job: recomputes every partner's figure; partners whose shown figure changed get their listing's search
 * document refreshed in the same transaction. Returns the ids of partners whose figure changed.
 */
export async function recomputeResponseTimes(db: Database, now = new Date()): Promise<string[]> {
  return db.transaction().execute(async (trx) => {
    const changed = await updateResponseTimes(trx, now);
    if (changed.length > 0) {
      const listings = await trx.selectFrom("listings").select("id").where("partner_id", "in", changed).execute();
      await enqueueListingSync(trx, listings.map((l) => l.id));
    }
    return changed;
  });
}

/** "Within N hours" up to two days, then "within N days"; always rounded up (a promise, not a boast). */
export function responseTimeDisplay(minutes: number): { unit: "hours" | "days"; count: number } {
  if (minutes < 48 * 60) return { unit: "hours", count: Math.max(1, Math.ceil(minutes / 60)) };
  return { unit: "days", count: Math.ceil(minutes / (24 * 60)) };
}
