// Program decisions keep the operator's reason with the enrollment, so the partner sees why it was rejected (R3)
// on its programs page, not only in the mail. Frozen: never edit after landing.
import { type Kysely, sql } from "kysely";

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .alterTable("partner_programs")
    .addColumn("decision_reason", "text", (c) => c.check(sql`char_length(decision_reason) <= 2000`))
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable("partner_programs").dropColumn("decision_reason").execute();
}
