// An organization's active API keys have distinct names (as tokens on most platforms): keys stay tellable apart in
// the list, and a double-submitted "Create key" makes one key, not a second one nobody saw. Frozen after landing.
import { type Kysely, sql } from "kysely";

export async function up(db: Kysely<any>): Promise<void> {
  await sql`create unique index api_keys_partner_name_key on api_keys (partner_id, lower(name)) where revoked_at is null`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`drop index if exists api_keys_partner_name_key`.execute(db);
}
