// Webhook delivery (issue 5): lead_events → one delivery row per matching endpoint (idempotent fan-out), then a signed
// POST per delivery, retried by the job queue with exponential backoff; every attempt is written to the delivery log.
import http from "node:http";
import https from "node:https";
import { sql } from "kysely";
import type { Database } from "../../../db/client.ts";
import { enqueueJob } from "../shared/jobs.ts";
import { getPartnerLead } from "../leads/inbox.ts";
import { toApiLead, toApiLeadEvent, webhookEventTypeOf, type WebhookPayload } from "./lead-payload.ts";
import { signWebhook } from "./signing.ts";
import { checkWebhookUrl, guardedLookup, type UrlPolicy } from "./url-policy.ts";

/** Attempts per delivery: with graphile-worker's exp(n) s backoff, the last one comes about 30 minutes after the first. */
export const DELIVERY_MAX_ATTEMPTS = 8;
export const DELIVERY_TIMEOUT_MS = 10_000;
const EXCERPT_CHARS = 500;
const LOG_ENTRIES = 20;

export async function enqueueDelivery(db: Database, deliveryId: number): Promise<void> {
  // Keyed, so a redelivery replaces a waiting retry instead of adding a second sender.
  await enqueueJob(db, "webhooks:deliver", { deliveryId }, { jobKey: `webhooks:deliver:${deliveryId}`, maxAttempts: DELIVERY_MAX_ATTEMPTS });
}

/**
 * The `webhooks:lead-event` job: one delivery per active endpoint of the lead's partner that wants the event.
 * Safe to run twice: (endpoint, event) is unique, and only newly inserted deliveries get a job.
 */
export async function fanOutLeadEvent(db: Database, eventId: number): Promise<number[]> {
  return db.transaction().execute(async (trx) => {
    const event = await trx.selectFrom("lead_events").select(["id", "lead_id", "type"]).where("id", "=", eventId).executeTakeFirst();
    const type = event ? webhookEventTypeOf(event.type) : null;
    if (!event || !type) return [];
    const owner = await trx
      .selectFrom("leads as l")
      .innerJoin("partners as p", "p.id", "l.partner_id")
      .select(["p.id", "p.status"])
      .where("l.id", "=", event.lead_id)
      .executeTakeFirst();
    // R1: an organization no longer authorized gets nothing pushed, as its API keys get nothing pulled.
    if (!owner || owner.status !== "authorized") return [];
    const endpoints = await trx
      .selectFrom("webhook_endpoints")
      .select("id")
      .where("partner_id", "=", owner.id)
      .where("active", "=", true)
      .where(sql<boolean>`${type} = any(events)`)
      .execute();
    if (endpoints.length === 0) return [];
    // The same representation as GET /api/v1/leads/{id}, read through the inbox core.
    const lead = await getPartnerLead(trx, { partnerId: owner.id, actor: { userId: null } }, event.lead_id);
    const leadEvent = lead.events.find((e) => e.id === Number(event.id));
    if (!leadEvent) return [];
    const webhookId = `evt_${event.id}`;
    const payload: WebhookPayload = {
      id: webhookId,
      type,
      createdAt: leadEvent.createdAt.toISOString(),
      data: { lead: toApiLead(lead), event: toApiLeadEvent(leadEvent) },
    };
    const created: number[] = [];
    for (const endpoint of endpoints) {
      const row = await trx
        .insertInto("webhook_deliveries")
        .values({ endpoint_id: endpoint.id, event_id: webhookId, event_type: type, payload: JSON.stringify(payload), next_attempt_at: sql`now()` })
        .onConflict((oc) => oc.columns(["endpoint_id", "event_id"]).doNothing())
        .returning("id")
        .executeTakeFirst();
      if (row) {
        created.push(Number(row.id));
        await enqueueDelivery(trx, Number(row.id));
      }
    }
    return created;
  });
}

export interface DeliverOptions {
  policy: UrlPolicy;
  /** This attempt's number and the job's limit (graphile-worker's job.attempts / max_attempts). */
  attempt: number;
  maxAttempts: number;
  timeoutMs?: number;
  now?: () => Date;
}

export type DeliveryOutcome = "succeeded" | "retry" | "failed" | "skipped";

export class WebhookDeliveryError extends Error {
  override name = "WebhookDeliveryError";
}

interface AttemptResult {
  code: number | null;
  error: string | null;
  excerpt: string | null;
  durationMs: number;
}

/** POSTs without following redirects (a redirect could point anywhere), reading at most a little of the answer. */
function post(url: URL, body: string, headers: Record<string, string>, policy: UrlPolicy, timeoutMs: number): Promise<AttemptResult> {
  const started = performance.now();
  const client = url.protocol === "https:" ? https : http;
  return new Promise((resolve) => {
    let settled = false;
    const done = (result: Omit<AttemptResult, "durationMs">) => {
      if (settled) return;
      settled = true;
      resolve({ ...result, durationMs: Math.round(performance.now() - started) });
    };
    const request = client.request(
      url,
      {
        method: "POST",
        headers: { ...headers, "content-length": String(Buffer.byteLength(body)) },
        lookup: guardedLookup(policy) as never,
        signal: AbortSignal.timeout(timeoutMs),
        agent: false,
      },
      (response) => {
        const chunks: Buffer[] = [];
        let size = 0;
        const finish = () => {
          const excerpt = Buffer.concat(chunks).toString("utf8").slice(0, EXCERPT_CHARS);
          done({ code: response.statusCode ?? null, error: null, excerpt: excerpt || null });
        };
        response.on("data", (chunk: Buffer) => {
          if (size < 4096) chunks.push(chunk);
          size += chunk.length;
          if (size >= 4096) {
            finish();
            response.destroy();
          }
        });
        response.on("end", finish);
        response.on("error", finish);
        response.on("close", finish);
      },
    );
    request.on("error", (error: NodeJS.ErrnoException) => {
      const message = error.name === "AbortError" || error.name === "TimeoutError" ? `timeout after ${timeoutMs} ms` : `${error.code ? `${error.code}: ` : ""}${error.message}`;
      done({ code: null, error: message.slice(0, 500), excerpt: null });
    });
    request.end(body);
  });
}

/**
 * The `webhooks:deliver` job. 2xx → succeeded; anything else is logged and thrown so the queue retries, the last
 * attempt marking the delivery failed. A disabled endpoint or a refused address (SSRF) fails at once, without retry.
 */
export async function deliverWebhook(db: Database, deliveryId: number, options: DeliverOptions): Promise<DeliveryOutcome> {
  const now = options.now ?? (() => new Date());
  const row = await db
    .selectFrom("webhook_deliveries as d")
    .innerJoin("webhook_endpoints as w", "w.id", "d.endpoint_id")
    .select(["d.id", "d.event_id", "d.event_type", "d.payload", "d.status", "w.url", "w.secret", "w.active", "w.previous_secret", "w.previous_secret_expires_at"])
    .where("d.id", "=", deliveryId)
    .executeTakeFirst();
  if (!row || row.status === "succeeded") return "skipped";

  const record = async (result: AttemptResult, status: "pending" | "succeeded" | "failed") => {
    const entry = { at: now().toISOString(), attempt: options.attempt, code: result.code, error: result.error, durationMs: result.durationMs };
    // graphile-worker's backoff: the next run comes exp(min(attempts, 10)) seconds later.
    const next = status === "pending" ? new Date(now().getTime() + Math.exp(Math.min(options.attempt, 10)) * 1000) : null;
    await db
      .updateTable("webhook_deliveries")
      .set({
        status,
        attempts: sql`attempts + 1`,
        last_status_code: result.code,
        last_error: result.error,
        response_excerpt: result.excerpt,
        duration_ms: result.durationMs,
        attempt_log: sql`(select coalesce(jsonb_agg(e order by n), '[]'::jsonb) from (
            select e, n from jsonb_array_elements(attempt_log || ${JSON.stringify([entry])}::jsonb) with ordinality as t(e, n)
            order by n desc limit ${LOG_ENTRIES}) last)`,
        last_attempt_at: now(),
        next_attempt_at: next,
        delivered_at: status === "succeeded" ? now() : null,
        updated_at: sql`now()`,
      })
      .where("id", "=", deliveryId)
      .execute();
  };

  if (!row.active) {
    await record({ code: null, error: "endpoint disabled", excerpt: null, durationMs: 0 }, "failed");
    return "failed";
  }
  const check = await checkWebhookUrl(row.url, options.policy);
  if (!check.ok) {
    await record({ code: null, error: `refused: ${check.reason === "private" ? "the URL resolves to a non-public address" : check.reason}`, excerpt: null, durationMs: 0 }, "failed");
    return "failed";
  }

  const body = typeof row.payload === "string" ? row.payload : JSON.stringify(row.payload);
  const timestamp = Math.floor(now().getTime() / 1000);
  const result = await post(
    check.url,
    body,
    {
      "content-type": "application/json",
      "user-agent": "PartnerMarketplace-Webhooks/1",
      "webhook-id": row.event_id,
      "webhook-event": row.event_type,
      "webhook-timestamp": String(timestamp),
      // During a rotation's rollover window the old secret signs too: receivers accept any listed signature.
      "webhook-signature": [row.secret, ...(row.previous_secret && row.previous_secret_expires_at && new Date(row.previous_secret_expires_at) > now() ? [row.previous_secret] : [])]
        .map((secret) => signWebhook(secret, timestamp, body))
        .join(" "),
    },
    options.policy,
    options.timeoutMs ?? DELIVERY_TIMEOUT_MS,
  );
  const ok = result.code !== null && result.code >= 200 && result.code < 300;
  if (ok) {
    await record(result, "succeeded");
    return "succeeded";
  }
  const final = options.attempt >= options.maxAttempts;
  await record(result, final ? "failed" : "pending");
  throw new WebhookDeliveryError(`webhook delivery ${deliveryId} failed (${result.code ?? result.error}); attempt ${options.attempt}/${options.maxAttempts}`);
}
