// One endpoint per URL and organization: a double-submitted "Add endpoint" (or a second endpoint for the same
// receiver) would deliver every event twice. Frozen: never edit after landing.
import { type Kysely, sql } from "kysely";

export async function up(db: Kysely<any>): Promise<void> {
  await sql`create unique index webhook_endpoints_partner_url_key on webhook_endpoints (partner_id, url)`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`drop index if exists webhook_endpoints_partner_url_key`.execute(db);
}
