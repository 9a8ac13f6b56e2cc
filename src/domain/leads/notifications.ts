// Lead notification preferences (issue 5): each member chooses, for themself, whether new-lead mails and the
// daily digest reach them; the org page also shows the organization's availability and measured response time.
import type { Database } from "../../../db/client.ts";
import { requirePartnerPermission, type PartnerAccess } from "../partners/membership.ts";
import { can } from "../partners/permissions.ts";

export interface MailRecipient {
  userId: string;
  email: string;
  locale: "en" | "ko";
}

export interface LeadSettingsView {
  access: PartnerAccess;
  /** The signed-in member's own preferences. */
  notifyNewLeads: boolean;
  notifyDigest: boolean;
  /** Capacity pause (org.manage may change it). */
  acceptingRequests: boolean;
  pausedAt: Date | null;
  canManage: boolean;
  /** Median minutes to a first response, null until there is enough data (see responsiveness.ts). */
  responseTimeMinutes: number | null;
  responseSamples: number;
}

export interface NotificationPreferences {
  newLeads: boolean;
  digest: boolean;
}

/** Members who want a mail about each new lead (per-member opt-out), in a stable order. */
export async function listNewLeadRecipients(db: Database, partnerId: string): Promise<MailRecipient[]> {
  return recipients(db, partnerId, "notify_new_leads");
}

/** Members who want the daily digest of leads still waiting. */
export async function listDigestRecipients(db: Database, partnerId: string): Promise<MailRecipient[]> {
  return recipients(db, partnerId, "notify_digest");
}

async function recipients(db: Database, partnerId: string, flag: "notify_new_leads" | "notify_digest"): Promise<MailRecipient[]> {
  const rows = await db
    .selectFrom("partner_members as m")
    .innerJoin("users as u", "u.id", "m.user_id")
    .select(["u.id", "u.email", "u.locale"])
    .where("m.partner_id", "=", partnerId)
    .where(`m.${flag}`, "=", true)
    .orderBy("u.email")
    .execute();
  return rows.map((r) => ({ userId: r.id, email: r.email, locale: r.locale === "ko" ? "ko" : "en" }));
}

/** The settings page's data for the signed-in member; NOT_FOUND for non-members (tenant isolation). */
export async function getLeadSettings(actor: { db: Database; userId: string }, partnerSlug: string): Promise<LeadSettingsView> {
  const access = await requirePartnerPermission(actor.db, actor.userId, partnerSlug, "org.view");
  const row = await actor.db
    .selectFrom("partner_members as m")
    .innerJoin("partners as p", "p.id", "m.partner_id")
    .select([
      "m.notify_new_leads",
      "m.notify_digest",
      "p.accepting_requests",
      "p.paused_at",
      "p.response_time_minutes",
      "p.response_samples",
    ])
    .where("m.partner_id", "=", access.partnerId)
    .where("m.user_id", "=", actor.userId)
    .executeTakeFirstOrThrow();
  return {
    access,
    notifyNewLeads: row.notify_new_leads,
    notifyDigest: row.notify_digest,
    acceptingRequests: row.accepting_requests,
    pausedAt: row.paused_at ? new Date(row.paused_at) : null,
    canManage: can(access.role, "org.manage"),
    responseTimeMinutes: row.response_time_minutes,
    responseSamples: row.response_samples,
  };
}

/** Changes only the signed-in member's own preferences (any member may; nobody sets another's). */
export async function updateMyNotificationPreferences(
  actor: { db: Database; userId: string },
  partnerSlug: string,
  preferences: NotificationPreferences,
): Promise<void> {
  const access = await requirePartnerPermission(actor.db, actor.userId, partnerSlug, "org.view");
  await actor.db
    .updateTable("partner_members")
    .set({ notify_new_leads: preferences.newLeads, notify_digest: preferences.digest })
    .where("partner_id", "=", access.partnerId)
    .where("user_id", "=", actor.userId)
    .execute();
}
