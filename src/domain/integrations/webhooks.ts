// Webhook endpoints of an organization (issue 5): create (secret shown once), list, disable, delete, rotate the secret,
// read the delivery log and redeliver. Owners and admins only (apiKeys.manage).
import { sql } from "kysely";
import type { Database } from "../../../db/client.ts";
import { generateToken } from "../auth/tokens.ts";
import { requirePartnerPermission, type PartnerAccess } from "../partners/membership.ts";
import { audit } from "../shared/audit.ts";
import { DomainError } from "../shared/errors.ts";
import { isUuid } from "../shared/ids.ts";
import { enqueueDelivery } from "./deliveries.ts";
import type { WebhookEventType } from "./lead-payload.ts";
import { createEndpointSchema, fieldErrors, type CreateEndpointInput } from "./schemas.ts";
import { checkWebhookUrl, type UrlPolicy } from "./url-policy.ts";

/** How long a rotated-out secret still signs deliveries (a second signature in the header). */
export const SECRET_ROLLOVER_HOURS = 24;

export interface EndpointSummary {
  id: string;
  url: string;
  description: string;
  events: WebhookEventType[];
  active: boolean;
  createdAt: Date;
  disabledAt: Date | null;
  secretRotatedAt: Date | null;
}

export interface DeliverySummary {
  id: number;
  eventId: string;
  eventType: string;
  status: "pending" | "succeeded" | "failed";
  attempts: number;
  lastStatusCode: number | null;
  lastError: string | null;
  createdAt: Date;
  lastAttemptAt: Date | null;
  nextAttemptAt: Date | null;
}

export const DELIVERY_LOG_SIZE = 50;

const newSecret = () => `whsec_${generateToken()}`;

const URL_MESSAGES = {
  invalid: "integrations.error.urlInvalid",
  https: "integrations.error.urlHttps",
  private: "integrations.error.urlPrivate",
  unresolvable: "integrations.error.urlUnresolvable",
} as const;

export async function createEndpoint(
  db: Database,
  ctx: { userId: string; policy: UrlPolicy },
  partnerSlug: string,
  input: CreateEndpointInput,
): Promise<{ id: string; secret: string }> {
  const partner = await requirePartnerPermission(db, ctx.userId, partnerSlug, "apiKeys.manage");
  const parsed = createEndpointSchema.safeParse(input);
  if (!parsed.success) throw new DomainError("VALIDATION_FAILED", undefined, { fields: fieldErrors(parsed.error) });
  // SSRF: checked here and again at every delivery (the host's DNS may change in between).
  const check = await checkWebhookUrl(parsed.data.url, ctx.policy);
  if (!check.ok) throw new DomainError("VALIDATION_FAILED", `webhook URL refused: ${check.reason}`, { fields: { url: [URL_MESSAGES[check.reason]] } });
  const secret = newSecret();
  const events = [...new Set(parsed.data.events)].sort();
  return db.transaction().execute(async (trx) => {
    // The unique (partner, url) index decides under a double submit: the second insert finds the first and stops.
    const row = await trx
      .insertInto("webhook_endpoints")
      .values({ partner_id: partner.partnerId, url: check.url.href, description: parsed.data.description, secret, events, created_by: ctx.userId })
      .onConflict((oc) => oc.columns(["partner_id", "url"]).doNothing())
      .returning("id")
      .executeTakeFirst();
    if (!row) {
      throw new DomainError("VALIDATION_FAILED", "an endpoint with this URL exists", { fields: { url: ["integrations.error.urlTaken"] } });
    }
    await audit(trx, { actorUserId: ctx.userId, action: "webhook.created", subjectType: "partner", subjectId: partner.partnerId, data: { endpointId: row.id, url: check.url.href, events } });
    return { id: row.id, secret };
  });
}

export async function listEndpoints(db: Database, userId: string, partnerSlug: string): Promise<{ partner: PartnerAccess; endpoints: EndpointSummary[] }> {
  const partner = await requirePartnerPermission(db, userId, partnerSlug, "apiKeys.manage");
  const rows = await db
    .selectFrom("webhook_endpoints")
    .select(["id", "url", "description", "events", "active", "created_at", "disabled_at", "secret_rotated_at"])
    .where("partner_id", "=", partner.partnerId)
    .orderBy("active", "desc")
    .orderBy("created_at", "desc")
    .execute();
  return {
    partner,
    endpoints: rows.map((r) => ({
      id: r.id,
      url: r.url,
      description: r.description,
      events: r.events as WebhookEventType[],
      active: r.active,
      createdAt: new Date(r.created_at),
      disabledAt: r.disabled_at ? new Date(r.disabled_at) : null,
      secretRotatedAt: r.secret_rotated_at ? new Date(r.secret_rotated_at) : null,
    })),
  };
}

async function endpointOf(db: Database, partnerId: string, endpointId: string) {
  if (!isUuid(endpointId)) throw new DomainError("NOT_FOUND");
  const row = await db.selectFrom("webhook_endpoints").select(["id", "url", "active"]).where("id", "=", endpointId).where("partner_id", "=", partnerId).executeTakeFirst();
  if (!row) throw new DomainError("NOT_FOUND");
  return row;
}

/** Stops deliveries (waiting ones end as failed when their job runs); enabling again resumes new events. */
export async function setEndpointActive(db: Database, userId: string, partnerSlug: string, endpointId: string, active: boolean): Promise<void> {
  const partner = await requirePartnerPermission(db, userId, partnerSlug, "apiKeys.manage");
  await endpointOf(db, partner.partnerId, endpointId);
  await db.transaction().execute(async (trx) => {
    await trx
      .updateTable("webhook_endpoints")
      .set({ active, disabled_at: active ? null : sql`coalesce(disabled_at, now())` })
      .where("id", "=", endpointId)
      .where("partner_id", "=", partner.partnerId)
      .execute();
    await audit(trx, { actorUserId: userId, action: active ? "webhook.enabled" : "webhook.disabled", subjectType: "partner", subjectId: partner.partnerId, data: { endpointId } });
  });
}

/** Deletes the endpoint and its delivery log. */
export async function deleteEndpoint(db: Database, userId: string, partnerSlug: string, endpointId: string): Promise<void> {
  const partner = await requirePartnerPermission(db, userId, partnerSlug, "apiKeys.manage");
  const endpoint = await endpointOf(db, partner.partnerId, endpointId);
  await db.transaction().execute(async (trx) => {
    await trx.deleteFrom("webhook_endpoints").where("id", "=", endpointId).where("partner_id", "=", partner.partnerId).execute();
    await audit(trx, { actorUserId: userId, action: "webhook.deleted", subjectType: "partner", subjectId: partner.partnerId, data: { endpointId, url: endpoint.url } });
  });
}

/** A new secret, effective for the next attempt; the old one stops verifying at once. */
export async function rotateEndpointSecret(db: Database, userId: string, partnerSlug: string, endpointId: string): Promise<{ secret: string }> {
  const partner = await requirePartnerPermission(db, userId, partnerSlug, "apiKeys.manage");
  await endpointOf(db, partner.partnerId, endpointId);
  const secret = newSecret();
  await db.transaction().execute(async (trx) => {
    await trx
      .updateTable("webhook_endpoints")
      // The old secret keeps signing alongside the new one for a while (SECRET_ROLLOVER_HOURS), so receivers can switch.
      .set({
        previous_secret: sql`secret`,
        previous_secret_expires_at: sql`now() + make_interval(hours => ${SECRET_ROLLOVER_HOURS})`,
        secret,
        secret_rotated_at: sql`now()`,
      })
      .where("id", "=", endpointId)
      .where("partner_id", "=", partner.partnerId)
      .execute();
    await audit(trx, { actorUserId: userId, action: "webhook.secretRotated", subjectType: "partner", subjectId: partner.partnerId, data: { endpointId } });
  });
  return { secret };
}

/** The latest deliveries of one endpoint, newest first. */
export async function listDeliveries(db: Database, userId: string, partnerSlug: string, endpointId: string): Promise<DeliverySummary[]> {
  const partner = await requirePartnerPermission(db, userId, partnerSlug, "apiKeys.manage");
  await endpointOf(db, partner.partnerId, endpointId);
  const rows = await db
    .selectFrom("webhook_deliveries")
    .select(["id", "event_id", "event_type", "status", "attempts", "last_status_code", "last_error", "created_at", "last_attempt_at", "next_attempt_at"])
    .where("endpoint_id", "=", endpointId)
    .orderBy("id", "desc")
    .limit(DELIVERY_LOG_SIZE)
    .execute();
  return rows.map((r) => ({
    id: Number(r.id),
    eventId: r.event_id,
    eventType: r.event_type,
    status: r.status as DeliverySummary["status"],
    attempts: r.attempts,
    lastStatusCode: r.last_status_code,
    lastError: r.last_error,
    createdAt: new Date(r.created_at),
    lastAttemptAt: r.last_attempt_at ? new Date(r.last_attempt_at) : null,
    nextAttemptAt: r.next_attempt_at ? new Date(r.next_attempt_at) : null,
  }));
}

/** Sends a delivery again (same Webhook-Id and payload, fresh timestamp and signature), whatever its status. */
export async function redeliver(db: Database, userId: string, partnerSlug: string, endpointId: string, deliveryId: number): Promise<void> {
  const partner = await requirePartnerPermission(db, userId, partnerSlug, "apiKeys.manage");
  if (!isUuid(endpointId)) throw new DomainError("NOT_FOUND");
  await db.transaction().execute(async (trx) => {
    const row = await trx
      .updateTable("webhook_deliveries as d")
      .from("webhook_endpoints as w")
      .set({ status: "pending", next_attempt_at: sql`now()`, updated_at: sql`now()` })
      .whereRef("w.id", "=", "d.endpoint_id")
      .where("w.partner_id", "=", partner.partnerId)
      .where("w.active", "=", true)
      .where("d.id", "=", deliveryId)
      .where("d.endpoint_id", "=", endpointId)
      .returning(["d.id", "d.endpoint_id"])
      .executeTakeFirst();
    if (!row) throw new DomainError("NOT_FOUND");
    await enqueueDelivery(trx, Number(row.id));
    await audit(trx, { actorUserId: userId, action: "webhook.redelivered", subjectType: "partner", subjectId: partner.partnerId, data: { endpointId: row.endpoint_id, deliveryId } });
  });
}
