// Partner API keys and webhooks (issue 5): hashed organization keys with scopes, webhook endpoints, and the delivery log,
// fed by an AFTER INSERT trigger on lead_events so every lead change reaches webhooks in its own transaction.
// Frozen: never edit after landing.
import { type Kysely, sql } from "kysely";

const now = sql`now()`;

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable("api_keys")
    .addColumn("id", "uuid", (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn("partner_id", "uuid", (c) => c.notNull().references("partners.id").onDelete("cascade"))
    .addColumn("name", "text", (c) => c.notNull().check(sql`char_length(name) between 1 and 100`))
    // The public part of "mk_<prefix>_<secret>": shown in lists and used to find the row; never enough to authenticate.
    .addColumn("prefix", "text", (c) => c.notNull().unique().check(sql`prefix ~ '^[a-z2-7]{8,16}$'`))
    // Convention 12: only SHA-256 of the secret part is stored.
    .addColumn("secret_hash", "bytea", (c) => c.notNull())
    .addColumn("scopes", sql`text[]`, (c) =>
      c.notNull().check(sql`cardinality(scopes) > 0 and scopes <@ array['leads:read', 'leads:write']::text[]`),
    )
    .addColumn("created_by", "uuid", (c) => c.references("users.id").onDelete("set null"))
    .addColumn("created_at", "timestamptz", (c) => c.notNull().defaultTo(now))
    .addColumn("last_used_at", "timestamptz")
    .addColumn("revoked_at", "timestamptz")
    .execute();
  await db.schema.createIndex("api_keys_partner_idx").on("api_keys").columns(["partner_id", "created_at"]).execute();

  await db.schema
    .createTable("webhook_endpoints")
    .addColumn("id", "uuid", (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn("partner_id", "uuid", (c) => c.notNull().references("partners.id").onDelete("cascade"))
    .addColumn("url", "text", (c) => c.notNull().check(sql`url ~ '^https?://' and char_length(url) <= 2000`))
    .addColumn("description", "text", (c) => c.notNull().defaultTo("").check(sql`char_length(description) <= 200`))
    // Kept readable: the server signs every delivery with it (HMAC needs the key itself, unlike API keys).
    .addColumn("secret", "text", (c) => c.notNull())
    .addColumn("events", sql`text[]`, (c) =>
      c.notNull().check(sql`cardinality(events) > 0 and events <@ array['lead.created', 'lead.updated']::text[]`),
    )
    .addColumn("active", "boolean", (c) => c.notNull().defaultTo(true))
    .addColumn("created_by", "uuid", (c) => c.references("users.id").onDelete("set null"))
    .addColumn("created_at", "timestamptz", (c) => c.notNull().defaultTo(now))
    .addColumn("secret_rotated_at", "timestamptz")
    .addColumn("disabled_at", "timestamptz")
    .addCheckConstraint("webhook_endpoints_disabled_has_time", sql`active or disabled_at is not null`)
    .execute();
  await db.schema.createIndex("webhook_endpoints_partner_idx").on("webhook_endpoints").columns(["partner_id", "active"]).execute();

  await db.schema
    .createTable("webhook_deliveries")
    .addColumn("id", "bigserial", (c) => c.primaryKey())
    .addColumn("endpoint_id", "uuid", (c) => c.notNull().references("webhook_endpoints.id").onDelete("cascade"))
    // The Webhook-Id receivers deduplicate on (e.g. "evt_123" for lead_events 123): the same for every retry.
    .addColumn("event_id", "text", (c) => c.notNull())
    .addColumn("event_type", "text", (c) => c.notNull())
    // json, not jsonb: kept as written (key order included), so every attempt sends the same readable body.
    .addColumn("payload", "json", (c) => c.notNull())
    .addColumn("status", "text", (c) => c.notNull().defaultTo("pending").check(sql`status in ('pending', 'succeeded', 'failed')`))
    .addColumn("attempts", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("last_status_code", "integer")
    .addColumn("last_error", "text")
    .addColumn("response_excerpt", "text")
    .addColumn("duration_ms", "integer")
    // One entry per attempt: {at, code, error, durationMs}; the last 20 are kept.
    .addColumn("attempt_log", "jsonb", (c) => c.notNull().defaultTo(sql`'[]'::jsonb`))
    .addColumn("next_attempt_at", "timestamptz")
    .addColumn("last_attempt_at", "timestamptz")
    .addColumn("delivered_at", "timestamptz")
    .addColumn("created_at", "timestamptz", (c) => c.notNull().defaultTo(now))
    .addColumn("updated_at", "timestamptz", (c) => c.notNull().defaultTo(now))
    // A retried fan-out finds the row already there: one delivery per endpoint and event.
    .addUniqueConstraint("webhook_deliveries_endpoint_event_key", ["endpoint_id", "event_id"])
    .execute();
  await db.schema.createIndex("webhook_deliveries_endpoint_idx").on("webhook_deliveries").columns(["endpoint_id", "id"]).execute();

  // created → nothing (the lead reaches the partner at confirmation); confirmed → lead.created; the rest → lead.updated.
  // The job is added only when an active endpoint of the lead's partner wants that event, so most inserts cost one lookup.
  await sql`
    create function webhooks_enqueue_lead_event() returns trigger language plpgsql as $$
    declare
      event_type text := case
        when NEW.type = 'confirmed' then 'lead.created'
        when NEW.type in ('status_changed', 'assigned', 'note_added') then 'lead.updated'
      end;
    begin
      if event_type is not null and exists (
        select 1 from leads l
        join webhook_endpoints w on w.partner_id = l.partner_id
        where l.id = NEW.lead_id and w.active and event_type = any (w.events)
      ) then
        perform graphile_worker.add_job(
          'webhooks:lead-event',
          json_build_object('eventId', NEW.id),
          job_key => 'webhooks:lead-event:' || NEW.id,
          max_attempts => 10
        );
      end if;
      return null;
    end $$`.execute(db);
  await sql`create trigger lead_events_webhooks after insert on lead_events
    for each row execute function webhooks_enqueue_lead_event()`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`drop trigger if exists lead_events_webhooks on lead_events`.execute(db);
  await sql`drop function if exists webhooks_enqueue_lead_event()`.execute(db);
  for (const table of ["webhook_deliveries", "webhook_endpoints", "api_keys"]) {
    await db.schema.dropTable(table).execute();
  }
}
