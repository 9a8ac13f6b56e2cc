// The organization's lead funnel by month (issue 5): requests → confirmed → invited → trial → won, last 12 months.
import { sql } from "kysely";
import type { Database } from "../../../db/client.ts";
import { requirePartnerPermission, type PartnerAccess } from "../partners/membership.ts";
import type { Actor } from "./inbox.ts";

export const FUNNEL_STAGES = ["requests", "confirmed", "invited", "trial", "won"] as const;
export type FunnelStage = (typeof FUNNEL_STAGES)[number];

export interface FunnelMonth extends Record<FunnelStage, number> {
  /** "YYYY-MM" (UTC). */
  month: string;
}

export interface Funnel {
  months: FunnelMonth[];
  totals: Record<FunnelStage, number>;
}

/**
 * Per month, oldest first, the 12 months up to `now`'s (UTC):
 * - requests: trial requests created that month (any outcome), plus leads of that month that came without one
 *   (imported or seeded), so every lead was first a request;
 * - confirmed: leads whose request was confirmed that month (created_at when confirmed_at is missing);
 * - invited / trial / won: of those confirmed leads (a cohort, so each stage ≤ the one before), the ones that ever
 *   reached trial_invited / trial_active / won, from their status_changed history or their current status (a lead
 *   lost after its trial still counts as having had one).
 */
export async function partnerFunnel(db: Database, partnerId: string, now: Date = new Date()): Promise<Funnel> {
  const rows = await sql<{ month: string; requests: number; confirmed: number; invited: number; trial: number; won: number }>`
    with months as (
      select generate_series(
        date_trunc('month', ${now}::timestamptz at time zone 'UTC') - interval '11 months',
        date_trunc('month', ${now}::timestamptz at time zone 'UTC'),
        interval '1 month'
      ) as m
    ),
    bounds as (select min(m) as lo, max(m) + interval '1 month' as hi from months),
    req as (
      select date_trunc('month', r.created_at at time zone 'UTC') as m, count(*)::int as n
      from trial_requests r, bounds b
      where r.partner_id = ${partnerId} and r.created_at at time zone 'UTC' >= b.lo and r.created_at at time zone 'UTC' < b.hi
      group by 1
    ),
    cohort as (
      select
        date_trunc('month', coalesce(l.confirmed_at, l.created_at) at time zone 'UTC') as m,
        not exists (select 1 from trial_requests r where r.lead_id = l.id) as without_request,
        greatest(
          coalesce(array_position(array['new','contacted','trial_invited','trial_active','offer_sent','won']::text[], l.status), 0),
          coalesce((
            select max(array_position(array['new','contacted','trial_invited','trial_active','offer_sent','won']::text[], e.data->>'to'))
            from lead_events e where e.lead_id = l.id and e.type = 'status_changed'
          ), 0)
        ) as reached
      from leads l, bounds b
      where l.partner_id = ${partnerId}
        and coalesce(l.confirmed_at, l.created_at) at time zone 'UTC' >= b.lo
        and coalesce(l.confirmed_at, l.created_at) at time zone 'UTC' < b.hi
    ),
    agg as (
      select m,
        count(*) filter (where without_request)::int as imported,
        count(*)::int as confirmed,
        count(*) filter (where reached >= 3)::int as invited,
        count(*) filter (where reached >= 4)::int as trial,
        count(*) filter (where reached >= 6)::int as won
      from cohort group by m
    )
    select to_char(months.m, 'YYYY-MM') as month,
      (coalesce(req.n, 0) + coalesce(agg.imported, 0))::int as requests,
      coalesce(agg.confirmed, 0)::int as confirmed,
      coalesce(agg.invited, 0)::int as invited,
      coalesce(agg.trial, 0)::int as trial,
      coalesce(agg.won, 0)::int as won
    from months left join req on req.m = months.m left join agg on agg.m = months.m
    order by months.m
  `.execute(db);
  const months = rows.rows.map((r) => ({
    month: r.month,
    requests: Number(r.requests),
    confirmed: Number(r.confirmed),
    invited: Number(r.invited),
    trial: Number(r.trial),
    won: Number(r.won),
  }));
  const totals = Object.fromEntries(FUNNEL_STAGES.map((s) => [s, months.reduce((a, m) => a + m[s], 0)])) as Record<FunnelStage, number>;
  return { months, totals };
}

/** The member path: members of the organization (leads.view) only; anyone else → NOT_FOUND. */
export async function getFunnel(db: Database, actor: Actor, partnerSlug: string, now?: Date): Promise<{ partner: PartnerAccess; funnel: Funnel }> {
  const partner = await requirePartnerPermission(db, actor.userId, partnerSlug, "leads.view");
  return { partner, funnel: await partnerFunnel(db, partner.partnerId, now) };
}
