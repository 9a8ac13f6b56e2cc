// Who hears about an operator decision: the organization's owners and admins, each in their own language.
import type { Database } from "../../../db/client.ts";

export interface Recipient {
  email: string;
  locale: "en" | "ko";
}

export async function partnerManagers(db: Database, partnerId: string): Promise<Recipient[]> {
  const rows = await db
    .selectFrom("partner_members as m")
    .innerJoin("users as u", "u.id", "m.user_id")
    .select(["u.email", "u.locale"])
    .where("m.partner_id", "=", partnerId)
    .where("m.role", "in", ["owner", "admin"])
    .orderBy("u.email")
    .execute();
  return rows.map((r) => ({ email: r.email, locale: r.locale === "ko" ? "ko" : "en" }));
}
