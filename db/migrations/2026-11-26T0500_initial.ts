// Initial schema: accounts, partner organizations, catalog, listings, tenants, leads, audit log.
// Frozen: never edit after landing; change the schema with a new migration.
import { type Kysely, sql } from "kysely";

const now = sql`now()`;

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable("users")
    .addColumn("id", "uuid", (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    // Stored lower-cased and trimmed by the domain; unique case-insensitively.
    .addColumn("email", "text", (c) => c.notNull())
    .addColumn("email_verified_at", "timestamptz")
    .addColumn("password_hash", "text")
    .addColumn("display_name", "text", (c) => c.notNull())
    .addColumn("locale", "text", (c) => c.notNull().defaultTo("en").check(sql`locale in ('en', 'ko')`))
    .addColumn("is_operator", "boolean", (c) => c.notNull().defaultTo(false))
    .addColumn("created_at", "timestamptz", (c) => c.notNull().defaultTo(now))
    .addColumn("updated_at", "timestamptz", (c) => c.notNull().defaultTo(now))
    .execute();
  await sql`create unique index users_email_key on users (lower(email))`.execute(db);

  // Lucia-guide sessions: the cookie holds "<id>.<secret>"; only SHA-256(secret) is stored.
  await db.schema
    .createTable("sessions")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("secret_hash", "bytea", (c) => c.notNull())
    .addColumn("user_id", "uuid", (c) => c.notNull().references("users.id").onDelete("cascade"))
    .addColumn("created_at", "timestamptz", (c) => c.notNull().defaultTo(now))
    .addColumn("last_verified_at", "timestamptz", (c) => c.notNull().defaultTo(now))
    .addColumn("expires_at", "timestamptz", (c) => c.notNull())
    .execute();
  await db.schema.createIndex("sessions_user_id_idx").on("sessions").column("user_id").execute();

  // R1: a partner organization sells only once an operator has authorized it.
  await db.schema
    .createTable("partners")
    .addColumn("id", "uuid", (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn("slug", "text", (c) => c.notNull().unique().check(sql`slug ~ '^[a-z0-9]+(-[a-z0-9]+)*$'`))
    .addColumn("name", "text", (c) => c.notNull())
    .addColumn("status", "text", (c) =>
      c.notNull().defaultTo("pending").check(sql`status in ('pending', 'authorized', 'rejected', 'suspended')`),
    )
    .addColumn("status_reason", "text")
    .addColumn("agreement_signed_at", "timestamptz")
    .addColumn("authorized_at", "timestamptz")
    .addColumn("authorized_by", "uuid", (c) => c.references("users.id").onDelete("set null"))
    .addColumn("created_at", "timestamptz", (c) => c.notNull().defaultTo(now))
    .addColumn("updated_at", "timestamptz", (c) => c.notNull().defaultTo(now))
    .execute();

  await db.schema
    .createTable("partner_members")
    .addColumn("partner_id", "uuid", (c) => c.notNull().references("partners.id").onDelete("cascade"))
    .addColumn("user_id", "uuid", (c) => c.notNull().references("users.id").onDelete("cascade"))
    .addColumn("role", "text", (c) => c.notNull().check(sql`role in ('owner', 'admin', 'member')`))
    .addColumn("created_at", "timestamptz", (c) => c.notNull().defaultTo(now))
    .addPrimaryKeyConstraint("partner_members_pkey", ["partner_id", "user_id"])
    .execute();
  await db.schema.createIndex("partner_members_user_id_idx").on("partner_members").column("user_id").execute();

  // R3: program enrollments, verified by an operator, unlock delegated admin.
  await db.schema
    .createTable("partner_programs")
    .addColumn("partner_id", "uuid", (c) => c.notNull().references("partners.id").onDelete("cascade"))
    .addColumn("program", "text", (c) =>
      c.notNull().check(sql`program in ('cloud_essentials', 'cloud_accelerate', 'cloud_deployment')`),
    )
    .addColumn("status", "text", (c) =>
      c.notNull().defaultTo("submitted").check(sql`status in ('submitted', 'verified', 'rejected')`),
    )
    .addColumn("submitted_at", "timestamptz", (c) => c.notNull().defaultTo(now))
    .addColumn("verified_at", "timestamptz")
    .addColumn("verified_by", "uuid", (c) => c.references("users.id").onDelete("set null"))
    .addPrimaryKeyConstraint("partner_programs_pkey", ["partner_id", "program"])
    .execute();

  // The service catalog: each service has a name per language.
  await db.schema
    .createTable("services")
    .addColumn("id", "text", (c) => c.primaryKey().check(sql`id ~ '^[a-z0-9]+(-[a-z0-9]+)*$'`))
    .addColumn("category", "text", (c) => c.notNull())
    .addColumn("name_en", "text", (c) => c.notNull())
    .addColumn("name_ko", "text", (c) => c.notNull())
    .addColumn("description_en", "text", (c) => c.notNull().defaultTo(""))
    .addColumn("description_ko", "text", (c) => c.notNull().defaultTo(""))
    .addColumn("sort_order", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("active", "boolean", (c) => c.notNull().defaultTo(true))
    .execute();

  // R2: an offer bundles services with a trial length and a seat cap.
  await db.schema
    .createTable("offers")
    .addColumn("id", "text", (c) => c.primaryKey().check(sql`id ~ '^[a-z0-9]+(-[a-z0-9]+)*$'`))
    .addColumn("name_en", "text", (c) => c.notNull())
    .addColumn("name_ko", "text", (c) => c.notNull())
    .addColumn("trial_days", "integer", (c) => c.notNull().check(sql`trial_days between 1 and 365`))
    .addColumn("seat_cap", "integer", (c) => c.notNull().check(sql`seat_cap between 1 and 100000`))
    .addColumn("active", "boolean", (c) => c.notNull().defaultTo(true))
    .execute();
  await db.schema
    .createTable("offer_services")
    .addColumn("offer_id", "text", (c) => c.notNull().references("offers.id").onDelete("cascade"))
    .addColumn("service_id", "text", (c) => c.notNull().references("services.id").onDelete("restrict"))
    .addPrimaryKeyConstraint("offer_services_pkey", ["offer_id", "service_id"])
    .execute();

  // R10: one listing per organization; text per language; optimistic concurrency via version.
  await db.schema
    .createTable("listings")
    .addColumn("id", "uuid", (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn("partner_id", "uuid", (c) => c.notNull().unique().references("partners.id").onDelete("cascade"))
    .addColumn("slug", "text", (c) => c.notNull().unique().check(sql`slug ~ '^[a-z0-9]+(-[a-z0-9]+)*$'`))
    .addColumn("status", "text", (c) =>
      c.notNull().defaultTo("draft").check(sql`status in ('draft', 'published', 'unpublished')`),
    )
    .addColumn("primary_locale", "text", (c) => c.notNull().defaultTo("en").check(sql`primary_locale in ('en', 'ko')`))
    .addColumn("name", "text", (c) => c.notNull())
    .addColumn("headline_en", "text")
    .addColumn("headline_ko", "text")
    .addColumn("description_en", "text")
    .addColumn("description_ko", "text")
    .addColumn("expertise", sql`text[]`, (c) => c.notNull().defaultTo(sql`'{}'`))
    .addColumn("industries", sql`text[]`, (c) => c.notNull().defaultTo(sql`'{}'`))
    .addColumn("regions", sql`text[]`, (c) => c.notNull().defaultTo(sql`'{}'`))
    .addColumn("languages", sql`text[]`, (c) => c.notNull().defaultTo(sql`'{}'`))
    .addColumn("contact_email", "text")
    .addColumn("phone", "text")
    .addColumn("website", "text", (c) => c.check(sql`website ~ '^https?://'`))
    .addColumn("rating", sql`numeric(2,1)`, (c) => c.check(sql`rating between 0 and 5`))
    .addColumn("review_count", "integer", (c) => c.notNull().defaultTo(0).check(sql`review_count >= 0`))
    .addColumn("version", "integer", (c) => c.notNull().defaultTo(1))
    .addColumn("published_at", "timestamptz")
    .addColumn("created_at", "timestamptz", (c) => c.notNull().defaultTo(now))
    .addColumn("updated_at", "timestamptz", (c) => c.notNull().defaultTo(now))
    .addCheckConstraint("listings_headline_present", sql`coalesce(headline_en, headline_ko) is not null`)
    .execute();
  await db.schema
    .createTable("listing_services")
    .addColumn("listing_id", "uuid", (c) => c.notNull().references("listings.id").onDelete("cascade"))
    .addColumn("service_id", "text", (c) => c.notNull().references("services.id").onDelete("restrict"))
    .addPrimaryKeyConstraint("listing_services_pkey", ["listing_id", "service_id"])
    .execute();
  await db.schema.createIndex("listing_services_service_id_idx").on("listing_services").column("service_id").execute();

  // Customers' tenants. R11: a sovereign-cloud tenant gets no partner features.
  await db.schema
    .createTable("tenants")
    .addColumn("id", "uuid", (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn("name", "text", (c) => c.notNull())
    .addColumn("country", "text", (c) => c.notNull().check(sql`country ~ '^[A-Z]{2}$'`))
    .addColumn("cloud", "text", (c) => c.notNull().defaultTo("global").check(sql`cloud in ('global', 'sovereign')`))
    .addColumn("created_at", "timestamptz", (c) => c.notNull().defaultTo(now))
    .execute();
  await db.schema
    .createTable("tenant_members")
    .addColumn("tenant_id", "uuid", (c) => c.notNull().references("tenants.id").onDelete("cascade"))
    .addColumn("user_id", "uuid", (c) => c.notNull().references("users.id").onDelete("cascade"))
    .addColumn("role", "text", (c) => c.notNull().defaultTo("admin").check(sql`role in ('admin', 'member')`))
    .addColumn("created_at", "timestamptz", (c) => c.notNull().defaultTo(now))
    .addPrimaryKeyConstraint("tenant_members_pkey", ["tenant_id", "user_id"])
    .execute();

  // Pipeline step 2: a trial request becomes a lead of exactly one partner.
  await db.schema
    .createTable("leads")
    .addColumn("id", "uuid", (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn("partner_id", "uuid", (c) => c.notNull().references("partners.id").onDelete("cascade"))
    .addColumn("listing_id", "uuid", (c) => c.references("listings.id").onDelete("set null"))
    .addColumn("status", "text", (c) =>
      c
        .notNull()
        .defaultTo("new")
        .check(
          sql`status in ('new', 'contacted', 'trial_invited', 'trial_active', 'offer_sent', 'won', 'lost', 'spam')`,
        ),
    )
    .addColumn("contact_name", "text", (c) => c.notNull())
    .addColumn("contact_email", "text", (c) => c.notNull())
    .addColumn("company", "text", (c) => c.notNull())
    .addColumn("company_size", "text", (c) => c.notNull())
    .addColumn("country", "text", (c) => c.notNull().check(sql`country ~ '^[A-Z]{2}$'`))
    .addColumn("services", sql`text[]`, (c) => c.notNull().defaultTo(sql`'{}'`))
    .addColumn("seats", "integer", (c) => c.notNull().check(sql`seats between 1 and 100000`))
    .addColumn("message", "text", (c) => c.notNull().defaultTo(""))
    .addColumn("wants_delegated_admin", "boolean", (c) => c.notNull().defaultTo(false))
    .addColumn("lost_reason", "text")
    .addColumn("assignee_user_id", "uuid", (c) => c.references("users.id").onDelete("set null"))
    .addColumn("confirmed_at", "timestamptz")
    .addColumn("first_response_at", "timestamptz")
    .addColumn("created_at", "timestamptz", (c) => c.notNull().defaultTo(now))
    .addColumn("updated_at", "timestamptz", (c) => c.notNull().defaultTo(now))
    .execute();
  await db.schema
    .createIndex("leads_partner_status_idx")
    .on("leads")
    .columns(["partner_id", "status", "created_at"])
    .execute();

  await db.schema
    .createTable("lead_events")
    .addColumn("id", "bigserial", (c) => c.primaryKey())
    .addColumn("lead_id", "uuid", (c) => c.notNull().references("leads.id").onDelete("cascade"))
    .addColumn("type", "text", (c) => c.notNull())
    .addColumn("actor_user_id", "uuid", (c) => c.references("users.id").onDelete("set null"))
    .addColumn("data", "jsonb", (c) => c.notNull().defaultTo(sql`'{}'::jsonb`))
    .addColumn("created_at", "timestamptz", (c) => c.notNull().defaultTo(now))
    .execute();
  await db.schema.createIndex("lead_events_lead_id_idx").on("lead_events").columns(["lead_id", "id"]).execute();

  await db.schema
    .createTable("audit_log")
    .addColumn("id", "bigserial", (c) => c.primaryKey())
    .addColumn("actor_user_id", "uuid", (c) => c.references("users.id").onDelete("set null"))
    .addColumn("action", "text", (c) => c.notNull())
    .addColumn("subject_type", "text", (c) => c.notNull())
    .addColumn("subject_id", "text", (c) => c.notNull())
    .addColumn("data", "jsonb", (c) => c.notNull().defaultTo(sql`'{}'::jsonb`))
    .addColumn("created_at", "timestamptz", (c) => c.notNull().defaultTo(now))
    .execute();
  await db.schema.createIndex("audit_log_subject_idx").on("audit_log").columns(["subject_type", "subject_id"]).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const table of [
    "audit_log",
    "lead_events",
    "leads",
    "tenant_members",
    "tenants",
    "listing_services",
    "listings",
    "offer_services",
    "offers",
    "services",
    "partner_programs",
    "partner_members",
    "partners",
    "sessions",
    "users",
  ]) {
    await db.schema.dropTable(table).execute();
  }
}
