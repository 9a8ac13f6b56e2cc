// The daily lead digest (issue 5): each opted-in member of an authorized partner (R1) hears about the leads still
// "new" more than 48 hours after the customer confirmed. Once per member, organization and UTC day, however often it runs.
import { sql } from "kysely";
import type { Database } from "../../../db/client.ts";
import { enqueueEmail } from "../mail/outbox.ts";
import { listDigestRecipients } from "./notifications.ts";
import { leadPath, type Locale } from "./trial-requests.ts";

/** A lead waiting longer than this without a response is in the digest. */
export const DIGEST_AFTER_MS = 48 * 60 * 60 * 1000;
/** The mail lists this many (oldest first) and counts the rest. */
export const DIGEST_LIST_LIMIT = 20;

const DAY_MS = 24 * 60 * 60 * 1000;

export interface DigestDeps {
  db: Database;
  /** Absolute origin for links in mails. */
  baseUrl: string;
  now?: Date;
}

export interface DigestOutcome {
  /** Mails written to the outbox by this run. */
  mails: number;
  /** Partners that had waiting leads. */
  partners: number;
}

const localePrefix = (locale: Locale) => (locale === "ko" ? "/ko" : "");

/** Writes today's digests that haven't been written yet; a second run on the same day writes none. */
export async function sendLeadDigests(deps: DigestDeps): Promise<DigestOutcome> {
  const now = deps.now ?? new Date();
  const day = now.toISOString().slice(0, 10);
  const cutoff = new Date(now.getTime() - DIGEST_AFTER_MS);
  const waiting = await deps.db
    .selectFrom("leads as l")
    .innerJoin("partners as p", "p.id", "l.partner_id")
    .select(["p.id", "p.name", "p.slug", (eb) => eb.fn.countAll<number>().as("total")])
    .where("p.status", "=", "authorized")
    .where("l.status", "=", "new")
    .where("l.confirmed_at", "<=", cutoff)
    .groupBy(["p.id", "p.name", "p.slug"])
    .orderBy("p.id")
    .execute();

  let mails = 0;
  for (const partner of waiting) {
    const recipients = await listDigestRecipients(deps.db, partner.id);
    if (recipients.length === 0) continue;
    const leads = await deps.db
      .selectFrom("leads")
      .select(["id", "company", "services", "confirmed_at"])
      .where("partner_id", "=", partner.id)
      .where("status", "=", "new")
      .where("confirmed_at", "<=", cutoff)
      .orderBy("confirmed_at")
      .orderBy("id")
      .limit(DIGEST_LIST_LIMIT)
      .execute();
    const serviceIds = [...new Set(leads.flatMap((l) => l.services))];
    const names = serviceIds.length
      ? await deps.db.selectFrom("services").select(["id", "name_en", "name_ko"]).where("id", "in", serviceIds).execute()
      : [];
    const serviceName = (id: string, locale: Locale) => {
      const s = names.find((n) => n.id === id);
      return s ? (locale === "ko" ? s.name_ko : s.name_en) : id;
    };

    for (const member of recipients) {
      const sent = await deps.db.transaction().execute(async (trx) => {
        // The primary key (partner, member, day) decides: of two runs, the second inserts nothing and mails nothing.
        const claimed = await trx
          .insertInto("lead_digests")
          .values({ partner_id: partner.id, user_id: member.userId, day, lead_count: Number(partner.total), sent_at: now })
          .onConflict((oc) => oc.columns(["partner_id", "user_id", "day"]).doNothing())
          .returning(sql<number>`1`.as("one"))
          .executeTakeFirst();
        if (!claimed) return false;
        await enqueueEmail(trx, {
          to: member.email,
          locale: member.locale,
          template: "lead-digest",
          params: {
            partnerName: partner.name,
            total: Number(partner.total),
            leads: leads.map((l) => ({
              company: l.company,
              services: l.services.map((id) => serviceName(id, member.locale)),
              waitingDays: Math.floor((now.getTime() - new Date(l.confirmed_at!).getTime()) / DAY_MS),
              url: `${deps.baseUrl}${leadPath(member.locale, partner.slug, l.id)}`,
            })),
            url: `${deps.baseUrl}${localePrefix(member.locale)}/portal/${partner.slug}/leads?status=new`,
          },
        });
        return true;
      });
      if (sent) mails++;
    }
  }
  return { mails, partners: waiting.length };
}
