// Accounts and portal: single-use tokens, partner invitations, the mail outbox, listing drafts,
// revisions and logos, rate-limit counters. Frozen: never edit after landing.
import { type Kysely, sql } from "kysely";

const now = sql`now()`;

export async function up(db: Kysely<any>): Promise<void> {
  // Convention 12: single-use tokens are stored hashed, expire, and are spent by one conditional UPDATE.
  await db.schema
    .createTable("auth_tokens")
    .addColumn("id", "uuid", (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn("purpose", "text", (c) =>
      c.notNull().check(sql`purpose in ('email_verification', 'password_reset', 'email_change')`),
    )
    .addColumn("user_id", "uuid", (c) => c.notNull().references("users.id").onDelete("cascade"))
    .addColumn("token_hash", "bytea", (c) => c.notNull().unique())
    .addColumn("data", "jsonb", (c) => c.notNull().defaultTo(sql`'{}'::jsonb`))
    .addColumn("expires_at", "timestamptz", (c) => c.notNull())
    .addColumn("used_at", "timestamptz")
    .addColumn("created_at", "timestamptz", (c) => c.notNull().defaultTo(now))
    .execute();
  await db.schema.createIndex("auth_tokens_user_idx").on("auth_tokens").columns(["user_id", "purpose"]).execute();

  await db.schema
    .createTable("partner_invitations")
    .addColumn("id", "uuid", (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn("partner_id", "uuid", (c) => c.notNull().references("partners.id").onDelete("cascade"))
    .addColumn("email", "text", (c) => c.notNull())
    .addColumn("role", "text", (c) => c.notNull().check(sql`role in ('owner', 'admin', 'member')`))
    .addColumn("token_hash", "bytea", (c) => c.notNull().unique())
    .addColumn("invited_by", "uuid", (c) => c.references("users.id").onDelete("set null"))
    .addColumn("expires_at", "timestamptz", (c) => c.notNull())
    .addColumn("accepted_at", "timestamptz")
    .addColumn("accepted_by", "uuid", (c) => c.references("users.id").onDelete("set null"))
    .addColumn("revoked_at", "timestamptz")
    .addColumn("created_at", "timestamptz", (c) => c.notNull().defaultTo(now))
    .execute();
  // One open invitation per address and organization.
  await sql`create unique index partner_invitations_open_key on partner_invitations (partner_id, lower(email))
    where accepted_at is null and revoked_at is null`.execute(db);

  // Every mail is written here in the transaction of the change that causes it; a job sends it.
  await db.schema
    .createTable("email_outbox")
    .addColumn("id", "bigserial", (c) => c.primaryKey())
    .addColumn("to_address", "text", (c) => c.notNull())
    .addColumn("locale", "text", (c) => c.notNull().defaultTo("en").check(sql`locale in ('en', 'ko')`))
    .addColumn("template", "text", (c) => c.notNull())
    .addColumn("subject", "text", (c) => c.notNull())
    .addColumn("text_body", "text", (c) => c.notNull())
    .addColumn("html_body", "text", (c) => c.notNull())
    .addColumn("status", "text", (c) =>
      c.notNull().defaultTo("queued").check(sql`status in ('queued', 'sent', 'kept', 'failed')`),
    )
    .addColumn("attempts", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("last_error", "text")
    .addColumn("message_id", "text")
    .addColumn("created_at", "timestamptz", (c) => c.notNull().defaultTo(now))
    .addColumn("sent_at", "timestamptz")
    .execute();
  await db.schema.createIndex("email_outbox_created_idx").on("email_outbox").column("created_at").execute();

  // The editor works on a draft; publishing copies it onto the listing. `version` detects concurrent edits.
  await db.schema
    .createTable("listing_drafts")
    .addColumn("partner_id", "uuid", (c) => c.primaryKey().references("partners.id").onDelete("cascade"))
    .addColumn("data", "jsonb", (c) => c.notNull())
    .addColumn("version", "integer", (c) => c.notNull().defaultTo(1))
    .addColumn("updated_by", "uuid", (c) => c.references("users.id").onDelete("set null"))
    .addColumn("updated_at", "timestamptz", (c) => c.notNull().defaultTo(now))
    .execute();

  await db.schema
    .createTable("listing_revisions")
    .addColumn("id", "bigserial", (c) => c.primaryKey())
    .addColumn("partner_id", "uuid", (c) => c.notNull().references("partners.id").onDelete("cascade"))
    .addColumn("action", "text", (c) => c.notNull().check(sql`action in ('saved', 'published', 'unpublished', 'moderated')`))
    .addColumn("actor_user_id", "uuid", (c) => c.references("users.id").onDelete("set null"))
    .addColumn("changed_fields", sql`text[]`, (c) => c.notNull().defaultTo(sql`'{}'`))
    .addColumn("snapshot", "jsonb", (c) => c.notNull())
    .addColumn("reason", "text")
    .addColumn("created_at", "timestamptz", (c) => c.notNull().defaultTo(now))
    .execute();
  await db.schema
    .createIndex("listing_revisions_partner_idx")
    .on("listing_revisions")
    .columns(["partner_id", "id"])
    .execute();

  await db.schema
    .createTable("listing_logos")
    .addColumn("partner_id", "uuid", (c) => c.primaryKey().references("partners.id").onDelete("cascade"))
    .addColumn("content_type", "text", (c) => c.notNull().check(sql`content_type in ('image/png', 'image/webp')`))
    .addColumn("data", "bytea", (c) => c.notNull())
    .addColumn("width", "integer", (c) => c.notNull())
    .addColumn("height", "integer", (c) => c.notNull())
    .addColumn("updated_at", "timestamptz", (c) => c.notNull().defaultTo(now))
    .execute();

  // rate-limiter-flexible's Postgres store (its own layout), so limits hold across web nodes.
  await sql`create table rate_limits (key varchar(255) primary key, points integer not null default 0, expire bigint)`.execute(db);

  await db.schema.alterTable("users").addColumn("password_changed_at", "timestamptz").execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable("users").dropColumn("password_changed_at").execute();
  for (const table of [
    "rate_limits",
    "listing_logos",
    "listing_revisions",
    "listing_drafts",
    "email_outbox",
    "partner_invitations",
    "auth_tokens",
  ]) {
    await db.schema.dropTable(table).execute();
  }
}
