// Data retention: rows that only served a moment (sent mail, finished webhook deliveries, digest markers) are deleted
// after a while, so tables stay small; trial requests that never became leads lose the customer's details but keep
// what the funnel counts. A daily job runs this; rows still in use (queued mail, pending deliveries) are never touched.
import { sql } from "kysely";
import type { Database } from "../../../db/client.ts";

export const RETENTION_DAYS = {
  /** Sent, kept (no SMTP: /dev/mail) and failed mail. The lead's timeline keeps that it was sent. */
  outbox: 30,
  /** Finished webhook deliveries; the delivery log shows recent ones. */
  webhookDeliveries: 30,
  /** "Digest already sent today" markers. */
  leadDigests: 14,
  /** Requests never confirmed (expired) or refused: the customer's contact details go; month, country, services stay. */
  unconfirmedTrialRequests: 30,
} as const;

export type PruneCounts = Record<keyof typeof RETENTION_DAYS, number>;

const before = (now: Date, days: number) => new Date(now.getTime() - days * 24 * 60 * 60 * 1000);

export async function pruneExpiredRecords(db: Database, now = new Date()): Promise<PruneCounts> {
  const outbox = await db
    .deleteFrom("email_outbox")
    .where("status", "in", ["sent", "kept", "failed"])
    .where("created_at", "<", before(now, RETENTION_DAYS.outbox))
    .executeTakeFirst();
  const webhookDeliveries = await db
    .deleteFrom("webhook_deliveries")
    .where("status", "in", ["succeeded", "failed"])
    .where("created_at", "<", before(now, RETENTION_DAYS.webhookDeliveries))
    .executeTakeFirst();
  const leadDigests = await db
    .deleteFrom("lead_digests")
    .where("day", "<", sql<Date>`${before(now, RETENTION_DAYS.leadDigests)}::date`)
    .executeTakeFirst();
  const unconfirmedTrialRequests = await db
    .updateTable("trial_requests")
    .set({ contact_name: "", contact_email: "", company: "", message: "", client_key: null })
    .where("status", "in", ["expired", "rejected"])
    .where("created_at", "<", before(now, RETENTION_DAYS.unconfirmedTrialRequests))
    .where("contact_email", "<>", "")
    .executeTakeFirst();
  return {
    outbox: Number(outbox.numDeletedRows),
    webhookDeliveries: Number(webhookDeliveries.numDeletedRows),
    leadDigests: Number(leadDigests.numDeletedRows),
    unconfirmedTrialRequests: Number(unconfirmedTrialRequests.numUpdatedRows),
  };
}
