// Trial requests (pipeline step 1): a customer's request waits, unconfirmed, until they confirm their address;
// confirming turns it into a lead (step 2). Frozen: never edit after landing.
import { type Kysely, sql } from "kysely";

const now = sql`now()`;

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable("trial_requests")
    .addColumn("id", "uuid", (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn("partner_id", "uuid", (c) => c.notNull().references("partners.id").onDelete("cascade"))
    .addColumn("listing_id", "uuid", (c) => c.references("listings.id").onDelete("set null"))
    .addColumn("status", "text", (c) =>
      c.notNull().defaultTo("pending").check(sql`status in ('pending', 'confirmed', 'expired', 'rejected')`),
    )
    .addColumn("locale", "text", (c) => c.notNull().defaultTo("en").check(sql`locale in ('en', 'ko')`))
    .addColumn("contact_name", "text", (c) => c.notNull())
    .addColumn("contact_email", "text", (c) => c.notNull())
    .addColumn("company", "text", (c) => c.notNull())
    .addColumn("company_size", "text", (c) => c.notNull())
    .addColumn("country", "text", (c) => c.notNull().check(sql`country ~ '^[A-Z]{2}$'`))
    .addColumn("services", sql`text[]`, (c) => c.notNull().check(sql`cardinality(services) > 0`))
    .addColumn("seats", "integer", (c) => c.notNull().check(sql`seats between 1 and 100000`))
    .addColumn("message", "text", (c) => c.notNull().defaultTo("").check(sql`char_length(message) <= 2000`))
    .addColumn("wants_delegated_admin", "boolean", (c) => c.notNull().defaultTo(false))
    // Convention 12: only the hash of the single-use confirmation token is stored.
    .addColumn("token_hash", "bytea", (c) => c.notNull().unique())
    // sha256(partner | lower(email) | UTC day): a request confirmed today absorbs same-day resubmissions.
    .addColumn("idempotency_key", "text", (c) => c.notNull())
    .addColumn("client_key", "text")
    .addColumn("created_at", "timestamptz", (c) => c.notNull().defaultTo(now))
    // When the confirmation mail was last sent: a resubmission re-sends it only after a pause.
    .addColumn("mailed_at", "timestamptz", (c) => c.notNull().defaultTo(now))
    .addColumn("expires_at", "timestamptz", (c) => c.notNull())
    .addColumn("confirmed_at", "timestamptz")
    .addColumn("lead_id", "uuid", (c) => c.references("leads.id").onDelete("set null"))
    .addCheckConstraint(
      "trial_requests_confirmed_has_time",
      sql`(status = 'confirmed') = (confirmed_at is not null)`,
    )
    .execute();
  // Duplicates are impossible under concurrency: one pending request per partner and address…
  await sql`create unique index trial_requests_pending_key on trial_requests (partner_id, lower(contact_email))
    where status = 'pending'`.execute(db);
  // …and one pending-or-confirmed request per partner, address and day, so a resubmission never makes a second lead.
  await sql`create unique index trial_requests_idempotency_key on trial_requests (idempotency_key)
    where status in ('pending', 'confirmed')`.execute(db);
  // The expiry job looks for old pending requests.
  await sql`create index trial_requests_pending_expiry_idx on trial_requests (expires_at) where status = 'pending'`.execute(db);
  await db.schema.createIndex("trial_requests_partner_idx").on("trial_requests").columns(["partner_id", "created_at"]).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable("trial_requests").execute();
}
