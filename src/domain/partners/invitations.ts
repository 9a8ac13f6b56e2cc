// Invitations to join a partner organization: single-use, hashed, 7-day tokens sent by mail; accepted by the invitee.
import { sql } from "kysely";
import type { Database } from "../../../db/client.ts";
import { generateToken, hashToken } from "../auth/tokens.ts";
import { enqueueEmail } from "../mail/outbox.ts";
import { audit } from "../shared/audit.ts";
import { DomainError } from "../shared/errors.ts";
import type { PortalActor } from "./members.ts";
import { requirePartnerPermission } from "./membership.ts";
import { canAssignRole, type PartnerRole } from "./permissions.ts";
import {
  invitationTokenSchema,
  inviteMemberSchema,
  revokeInvitationSchema,
  type InviteMemberInput,
  type RevokeInvitationInput,
} from "./schemas.ts";

export const INVITATION_LIFETIME_MS = 7 * 24 * 60 * 60 * 1000;

export interface InvitationDeps extends PortalActor {
  /** Absolute origin for the link in the mail, e.g. https://marketplace.example. */
  baseUrl: string;
  /** The inviter's language, used when the invitee has no account yet. */
  locale: "en" | "ko";
}

/** The accept page's path in a locale (the domain doesn't import the web layer's i18n helpers). */
export function acceptPath(locale: "en" | "ko", token: string): string {
  return `${locale === "ko" ? "/ko" : ""}/invitations/accept?token=${encodeURIComponent(token)}`;
}

/**
 * Invites an address with a role and mails the link (in the same transaction). A new invitation to the same
 * address replaces the open one. The caller applies the `invitationsPartner` rate limit first. Returns the token
 * (tests use it; pages don't show it).
 */
export async function inviteMember(
  deps: InvitationDeps,
  partnerSlug: string,
  input: InviteMemberInput,
): Promise<{ invitationId: string; token: string }> {
  const { email, role } = inviteMemberSchema.parse(input);
  const now = deps.now ?? new Date();
  return deps.db.transaction().execute(async (trx) => {
    const access = await requirePartnerPermission(trx, deps.userId, partnerSlug, "members.invite");
    if (!canAssignRole(access.role, role)) throw new DomainError("FORBIDDEN", "Admins can't invite owners");
    const existing = await trx
      .selectFrom("partner_members as m")
      .innerJoin("users as u", "u.id", "m.user_id")
      .select("m.user_id")
      .where("m.partner_id", "=", access.partnerId)
      .where(sql<string>`lower(u.email)`, "=", email)
      .executeTakeFirst();
    if (existing) {
      throw new DomainError("CONFLICT", "Already a member", { fields: { email: ["portal.invite.error.alreadyMember"] } });
    }
    const replaced = await trx
      .updateTable("partner_invitations")
      .set({ revoked_at: now })
      .where("partner_id", "=", access.partnerId)
      .where(sql<string>`lower(email)`, "=", email)
      .where("accepted_at", "is", null)
      .where("revoked_at", "is", null)
      .returning("id")
      .execute();
    const token = generateToken();
    const row = await trx
      .insertInto("partner_invitations")
      .values({
        partner_id: access.partnerId,
        email,
        role,
        token_hash: Buffer.from(hashToken(token)),
        invited_by: deps.userId,
        expires_at: new Date(now.getTime() + INVITATION_LIFETIME_MS),
        created_at: now,
      })
      .returning("id")
      .executeTakeFirstOrThrow()
      .catch((error: unknown) => {
        // Two concurrent invitations of one address: the open-invitation unique index lets one through.
        if ((error as { code?: string }).code === "23505") throw new DomainError("CONFLICT", "Invitation already open", { cause: error });
        throw error;
      });
    const inviter = await trx.selectFrom("users").select("display_name").where("id", "=", deps.userId).executeTakeFirstOrThrow();
    const invitee = await trx
      .selectFrom("users")
      .select("locale")
      .where(sql<string>`lower(email)`, "=", email)
      .executeTakeFirst();
    const locale = invitee?.locale === "ko" || invitee?.locale === "en" ? invitee.locale : deps.locale;
    await enqueueEmail(trx, {
      to: email,
      locale,
      template: "partner-invitation",
      params: {
        inviterName: inviter.display_name,
        partnerName: access.name,
        role,
        url: new URL(acceptPath(locale, token), deps.baseUrl).href,
      },
    });
    await audit(trx, {
      actorUserId: deps.userId,
      action: "invitation.created",
      subjectType: "invitation",
      subjectId: row.id,
      data: { partnerId: access.partnerId, email, role, replaced: replaced.map((r) => r.id) },
    });
    return { invitationId: row.id, token };
  });
}

/** Withdraws an open invitation of this organization (admins can't withdraw an owner invitation). */
export async function revokeInvitation(actor: PortalActor, partnerSlug: string, input: RevokeInvitationInput): Promise<void> {
  const { invitationId } = revokeInvitationSchema.parse(input);
  const now = actor.now ?? new Date();
  await actor.db.transaction().execute(async (trx) => {
    const access = await requirePartnerPermission(trx, actor.userId, partnerSlug, "members.invite");
    const invitation = await trx
      .selectFrom("partner_invitations")
      .select(["id", "role", "email"])
      .where("id", "=", invitationId)
      // Tenant isolation: another organization's invitation is "not found", never touched.
      .where("partner_id", "=", access.partnerId)
      .where("accepted_at", "is", null)
      .where("revoked_at", "is", null)
      .forUpdate()
      .executeTakeFirst();
    if (!invitation) throw new DomainError("NOT_FOUND", "No such open invitation");
    if (!canAssignRole(access.role, invitation.role as PartnerRole)) throw new DomainError("FORBIDDEN");
    await trx.updateTable("partner_invitations").set({ revoked_at: now }).where("id", "=", invitation.id).execute();
    await audit(trx, {
      actorUserId: actor.userId,
      action: "invitation.revoked",
      subjectType: "invitation",
      subjectId: invitation.id,
      data: { partnerId: access.partnerId, email: invitation.email, role: invitation.role },
    });
  });
}

export interface InvitationPreview {
  partnerName: string;
  partnerSlug: string;
  email: string;
  role: PartnerRole;
  inviterName: string | null;
  expiresAt: Date;
}

/** What an open, unexpired invitation offers (for the confirmation page); null when it can't be accepted. */
export async function peekInvitation(db: Database, token: string, now = new Date()): Promise<InvitationPreview | null> {
  if (!invitationTokenSchema.safeParse(token).success) return null;
  const row = await db
    .selectFrom("partner_invitations as i")
    .innerJoin("partners as p", "p.id", "i.partner_id")
    .leftJoin("users as u", "u.id", "i.invited_by")
    .select(["p.name", "p.slug", "i.email", "i.role", "i.expires_at", "u.display_name"])
    .where("i.token_hash", "=", Buffer.from(hashToken(token)))
    .where("i.accepted_at", "is", null)
    .where("i.revoked_at", "is", null)
    .where("i.expires_at", ">", now)
    .executeTakeFirst();
  if (!row) return null;
  return {
    partnerName: row.name,
    partnerSlug: row.slug,
    email: row.email,
    role: row.role as PartnerRole,
    inviterName: row.display_name,
    expiresAt: new Date(row.expires_at),
  };
}

/** Case-insensitive, as users.email is unique case-insensitively. */
export function sameEmail(a: string, b: string): boolean {
  return a.trim().toLowerCase() === b.trim().toLowerCase();
}

/**
 * Spends the invitation and makes the signed-in user a member with its role. The token is spent by one
 * conditional UPDATE (convention 12), so of two concurrent accepts exactly one succeeds.
 * TOKEN_INVALID: unknown, used, revoked or expired. FORBIDDEN: the invitation was for another address.
 * CONFLICT: the user already belongs to the organization (the token stays unspent).
 */
export async function acceptInvitation(actor: PortalActor, token: string): Promise<{ partnerSlug: string; role: PartnerRole }> {
  const now = actor.now ?? new Date();
  if (!invitationTokenSchema.safeParse(token).success) throw new DomainError("TOKEN_INVALID");
  const tokenHash = Buffer.from(hashToken(token));
  return actor.db.transaction().execute(async (trx) => {
    const user = await trx.selectFrom("users").select(["id", "email"]).where("id", "=", actor.userId).executeTakeFirst();
    if (!user) throw new DomainError("UNAUTHENTICATED");
    const invitation = await trx
      .selectFrom("partner_invitations")
      .select(["id", "email"])
      .where("token_hash", "=", tokenHash)
      .executeTakeFirst();
    if (!invitation) throw new DomainError("TOKEN_INVALID");
    if (!sameEmail(invitation.email, user.email)) throw new DomainError("FORBIDDEN", "This invitation was sent to another email address");
    const spent = await trx
      .updateTable("partner_invitations")
      .set({ accepted_at: now, accepted_by: user.id })
      .where("id", "=", invitation.id)
      .where("accepted_at", "is", null)
      .where("revoked_at", "is", null)
      .where("expires_at", ">", sql<Date>`${now}::timestamptz`)
      .returning(["partner_id", "role"])
      .executeTakeFirst();
    if (!spent) throw new DomainError("TOKEN_INVALID");
    const inserted = await trx
      .insertInto("partner_members")
      .values({ partner_id: spent.partner_id, user_id: user.id, role: spent.role, created_at: now })
      .onConflict((oc) => oc.columns(["partner_id", "user_id"]).doNothing())
      .returning("user_id")
      .executeTakeFirst();
    if (!inserted) throw new DomainError("CONFLICT", "Already a member of this organization");
    await audit(trx, {
      actorUserId: user.id,
      action: "member.joined",
      subjectType: "member",
      subjectId: `${spent.partner_id}:${user.id}`,
      data: { partnerId: spent.partner_id, userId: user.id, role: spent.role, invitationId: invitation.id },
    });
    const partner = await trx.selectFrom("partners").select("slug").where("id", "=", spent.partner_id).executeTakeFirstOrThrow();
    return { partnerSlug: partner.slug, role: spent.role as PartnerRole };
  });
}
