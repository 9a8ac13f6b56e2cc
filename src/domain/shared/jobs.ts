// Enqueue background jobs in the caller's transaction (graphile-worker's SQL API): a rollback drops the job too.
import { sql } from "kysely";
import type { Database } from "../../../db/client.ts";

export interface JobPayloads {
  /** Bring these listings' search documents in line with Postgres (idempotent). */
  "search:sync-listings": { listingIds: string[] };
  /** Send one mail of the outbox (idempotent: a sent mail is not sent again). */
  "email:send": { outboxId: number };
  /** Fan a lead_events row out to the organization's webhook endpoints (added by a trigger; idempotent). */
  "webhooks:lead-event": { eventId: number };
  /** POST one webhook delivery (retried with backoff until 2xx or the last attempt). */
  "webhooks:deliver": { deliveryId: number };
}

export type JobName = keyof JobPayloads;

export interface EnqueueOptions {
  /** Jobs with the same key are merged: a newer one replaces a waiting older one. */
  jobKey?: string;
  runAt?: Date;
  maxAttempts?: number;
}

export async function enqueueJob<N extends JobName>(
  db: Database,
  name: N,
  payload: JobPayloads[N],
  options: EnqueueOptions = {},
): Promise<void> {
  await sql`select graphile_worker.add_job(
    identifier => ${name},
    payload => ${JSON.stringify(payload)}::json,
    run_at => ${options.runAt ?? null}::timestamptz,
    max_attempts => ${options.maxAttempts ?? null}::int,
    job_key => ${options.jobKey ?? null}::text
  )`.execute(db);
}

/** Schedules a search sync for each listing (one job per listing, merged while waiting). */
export async function enqueueListingSync(db: Database, listingIds: string[]): Promise<void> {
  for (const id of new Set(listingIds)) {
    await enqueueJob(db, "search:sync-listings", { listingIds: [id] }, { jobKey: `search:listing:${id}`, maxAttempts: 50 });
  }
}
