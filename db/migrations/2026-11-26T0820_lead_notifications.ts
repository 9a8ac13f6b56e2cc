// Lead notifications and responsiveness (issue 5): per-member mail preferences, a partner's capacity pause,
// its measured response time, and the record that makes the daily digest go out once per member and day.
// Frozen: never edit after landing.
import { type Kysely, sql } from "kysely";

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .alterTable("partner_members")
    // Each member decides for themself; everyone gets mail until they say otherwise.
    .addColumn("notify_new_leads", "boolean", (c) => c.notNull().defaultTo(true))
    .addColumn("notify_digest", "boolean", (c) => c.notNull().defaultTo(true))
    .execute();

  await db.schema
    .alterTable("partners")
    // A partner at capacity stops new trial requests; requests already in flight still become leads.
    .addColumn("accepting_requests", "boolean", (c) => c.notNull().defaultTo(true))
    .addColumn("paused_at", "timestamptz")
    // Median minutes from a confirmed request to the first response; null until there is enough data.
    .addColumn("response_time_minutes", "integer", (c) => c.check(sql`response_time_minutes >= 0`))
    .addColumn("response_samples", "integer", (c) => c.notNull().defaultTo(0).check(sql`response_samples >= 0`))
    .addColumn("response_time_computed_at", "timestamptz")
    .execute();
  await sql`alter table partners add constraint partners_paused_has_time check (accepting_requests = (paused_at is null))`.execute(db);

  // One digest per member, organization and UTC day: the insert decides, so a job run twice mails once.
  await db.schema
    .createTable("lead_digests")
    .addColumn("partner_id", "uuid", (c) => c.notNull().references("partners.id").onDelete("cascade"))
    .addColumn("user_id", "uuid", (c) => c.notNull().references("users.id").onDelete("cascade"))
    .addColumn("day", "date", (c) => c.notNull())
    .addColumn("lead_count", "integer", (c) => c.notNull().check(sql`lead_count > 0`))
    .addColumn("sent_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .addPrimaryKeyConstraint("lead_digests_pkey", ["partner_id", "user_id", "day"])
    .execute();

  // The response-time job reads recent answered leads of every partner; the digest reads old "new" ones.
  await sql`create index leads_responded_idx on leads (partner_id, confirmed_at) where first_response_at is not null`.execute(db);
  await sql`create index leads_new_confirmed_idx on leads (partner_id, confirmed_at) where status = 'new'`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`drop index if exists leads_new_confirmed_idx`.execute(db);
  await sql`drop index if exists leads_responded_idx`.execute(db);
  await db.schema.dropTable("lead_digests").execute();
  await db.schema.alterTable("partners").dropConstraint("partners_paused_has_time").execute();
  await db.schema
    .alterTable("partners")
    .dropColumn("accepting_requests")
    .dropColumn("paused_at")
    .dropColumn("response_time_minutes")
    .dropColumn("response_samples")
    .dropColumn("response_time_computed_at")
    .execute();
  await db.schema.alterTable("partner_members").dropColumn("notify_new_leads").dropColumn("notify_digest").execute();
}
