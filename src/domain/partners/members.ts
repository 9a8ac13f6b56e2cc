// Members of a partner organization: list, change role, remove or leave; at least one owner always remains.
import type { Database } from "../../../db/client.ts";
import { audit } from "../shared/audit.ts";
import { DomainError } from "../shared/errors.ts";
import { requirePartnerPermission, type PartnerAccess } from "./membership.ts";
import { can, canAssignRole, type PartnerPermission, type PartnerRole } from "./permissions.ts";
import { changeRoleSchema, removeMemberSchema, type ChangeRoleInput, type RemoveMemberInput } from "./schemas.ts";

/** Who acts: every portal service authorizes the user against the organization itself (tenant isolation). */
export interface PortalActor {
  db: Database;
  userId: string;
  now?: Date;
}

export interface Member {
  userId: string;
  email: string;
  displayName: string;
  role: PartnerRole;
  joinedAt: Date;
}

export interface PendingInvitation {
  id: string;
  email: string;
  role: PartnerRole;
  invitedByName: string | null;
  createdAt: Date;
  expiresAt: Date;
  expired: boolean;
}

export interface MembersView {
  access: PartnerAccess;
  members: Member[];
  /** Open invitations; empty for roles that may not invite. */
  invitations: PendingInvitation[];
}

const ROLE_ORDER: Record<PartnerRole, number> = { owner: 0, admin: 1, member: 2 };

export async function listMembers(actor: PortalActor, partnerSlug: string): Promise<MembersView> {
  const { db } = actor;
  const now = actor.now ?? new Date();
  const access = await requirePartnerPermission(db, actor.userId, partnerSlug, "members.view");
  const rows = await db
    .selectFrom("partner_members as m")
    .innerJoin("users as u", "u.id", "m.user_id")
    .select(["m.user_id", "m.role", "m.created_at", "u.email", "u.display_name"])
    .where("m.partner_id", "=", access.partnerId)
    .execute();
  const members = rows
    .map((r) => ({
      userId: r.user_id,
      email: r.email,
      displayName: r.display_name,
      role: r.role as PartnerRole,
      joinedAt: new Date(r.created_at),
    }))
    .sort((a, b) => ROLE_ORDER[a.role] - ROLE_ORDER[b.role] || a.displayName.localeCompare(b.displayName));

  let invitations: PendingInvitation[] = [];
  if (can(access.role, "members.invite")) {
    const open = await db
      .selectFrom("partner_invitations as i")
      .leftJoin("users as u", "u.id", "i.invited_by")
      .select(["i.id", "i.email", "i.role", "i.created_at", "i.expires_at", "u.display_name"])
      .where("i.partner_id", "=", access.partnerId)
      .where("i.accepted_at", "is", null)
      .where("i.revoked_at", "is", null)
      .orderBy("i.created_at", "desc")
      .execute();
    invitations = open.map((r) => ({
      id: r.id,
      email: r.email,
      role: r.role as PartnerRole,
      invitedByName: r.display_name,
      createdAt: new Date(r.created_at),
      expiresAt: new Date(r.expires_at),
      expired: new Date(r.expires_at).getTime() <= now.getTime(),
    }));
  }
  return { access, members, invitations };
}

/**
 * Locks the organization's owner rows (`for update`, in a fixed order) and returns the owners' ids.
 * Every change that could drop the owner count goes through here first, so two concurrent demotions or
 * removals queue behind each other and the second one sees the first one's result (the last-owner rule).
 */
async function lockOwners(trx: Database, partnerId: string): Promise<string[]> {
  const rows = await trx
    .selectFrom("partner_members")
    .select("user_id")
    .where("partner_id", "=", partnerId)
    .where("role", "=", "owner")
    .orderBy("user_id")
    .forUpdate()
    .execute();
  return rows.map((r) => r.user_id);
}

/** The actor's role as committed now (after waiting for the owner locks), checked against a permission again. */
async function currentRole(trx: Database, partnerId: string, userId: string, permission: PartnerPermission): Promise<PartnerRole> {
  const row = await trx
    .selectFrom("partner_members")
    .select("role")
    .where("partner_id", "=", partnerId)
    .where("user_id", "=", userId)
    .executeTakeFirst();
  if (!row) throw new DomainError("NOT_FOUND");
  const role = row.role as PartnerRole;
  if (!can(role, permission)) throw new DomainError("FORBIDDEN");
  return role;
}

async function targetRole(trx: Database, partnerId: string, userId: string): Promise<PartnerRole> {
  const row = await trx
    .selectFrom("partner_members")
    .select("role")
    .where("partner_id", "=", partnerId)
    .where("user_id", "=", userId)
    .forUpdate()
    .executeTakeFirst();
  if (!row) throw new DomainError("NOT_FOUND", "No such member");
  return row.role as PartnerRole;
}

/** Changes a member's role. Only owners touch owners (canAssignRole); the last owner can't be demoted. */
export async function changeMemberRole(actor: PortalActor, partnerSlug: string, input: ChangeRoleInput): Promise<void> {
  const { userId: targetId, role: newRole } = changeRoleSchema.parse(input);
  await actor.db.transaction().execute(async (trx) => {
    const access = await requirePartnerPermission(trx, actor.userId, partnerSlug, "members.changeRole");
    const owners = await lockOwners(trx, access.partnerId);
    const actorRole = await currentRole(trx, access.partnerId, actor.userId, "members.changeRole");
    const oldRole = await targetRole(trx, access.partnerId, targetId);
    if (!canAssignRole(actorRole, oldRole) || !canAssignRole(actorRole, newRole)) throw new DomainError("FORBIDDEN");
    if (oldRole === newRole) return;
    if (oldRole === "owner" && owners.length <= 1) throw new DomainError("LAST_OWNER");
    await trx
      .updateTable("partner_members")
      .set({ role: newRole })
      .where("partner_id", "=", access.partnerId)
      .where("user_id", "=", targetId)
      .execute();
    await audit(trx, {
      actorUserId: actor.userId,
      action: "member.role_changed",
      subjectType: "member",
      subjectId: `${access.partnerId}:${targetId}`,
      data: { partnerId: access.partnerId, userId: targetId, from: oldRole, to: newRole },
    });
  });
}

/**
 * Removes a member, or lets a member leave (target = self; any member may leave).
 * Removing others needs members.remove and, for owners, an owner (admins can't touch owners); the last owner stays.
 */
export async function removeMember(actor: PortalActor, partnerSlug: string, input: RemoveMemberInput): Promise<void> {
  const { userId: targetId } = removeMemberSchema.parse(input);
  const leaving = targetId === actor.userId;
  const permission: PartnerPermission = leaving ? "org.view" : "members.remove";
  await actor.db.transaction().execute(async (trx) => {
    const access = await requirePartnerPermission(trx, actor.userId, partnerSlug, permission);
    const owners = await lockOwners(trx, access.partnerId);
    const actorRole = await currentRole(trx, access.partnerId, actor.userId, permission);
    const role = await targetRole(trx, access.partnerId, targetId);
    if (!leaving && !canAssignRole(actorRole, role)) throw new DomainError("FORBIDDEN");
    if (role === "owner" && owners.length <= 1) throw new DomainError("LAST_OWNER");
    await trx
      .deleteFrom("partner_members")
      .where("partner_id", "=", access.partnerId)
      .where("user_id", "=", targetId)
      .execute();
    await audit(trx, {
      actorUserId: actor.userId,
      action: leaving ? "member.left" : "member.removed",
      subjectType: "member",
      subjectId: `${access.partnerId}:${targetId}`,
      data: { partnerId: access.partnerId, userId: targetId, role },
    });
  });
}
