// Webhook secret rotation with a rollover window: for a while after a rotation the previous secret signs too (a
// second v1 signature in the same header), so a receiver can switch secrets without dropping messages.
// Frozen: never edit after landing.
import { type Kysely, sql } from "kysely";

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .alterTable("webhook_endpoints")
    .addColumn("previous_secret", "text")
    .addColumn("previous_secret_expires_at", "timestamptz")
    .execute();
  await db.schema
    .alterTable("webhook_endpoints")
    .addCheckConstraint(
      "webhook_endpoints_previous_secret_window",
      sql`(previous_secret is null) = (previous_secret_expires_at is null)`,
    )
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable("webhook_endpoints").dropConstraint("webhook_endpoints_previous_secret_window").execute();
  await db.schema.alterTable("webhook_endpoints").dropColumn("previous_secret").dropColumn("previous_secret_expires_at").execute();
}
