// Who belongs to which partner organization, with what role: the basis of tenant isolation.
import type { Database } from "../../../db/client.ts";
import { DomainError } from "../shared/errors.ts";
import { can, type PartnerPermission, type PartnerRole } from "./permissions.ts";

export interface PartnerAccess {
  partnerId: string;
  slug: string;
  name: string;
  status: "pending" | "authorized" | "rejected" | "suspended";
  role: PartnerRole;
}

/** The organizations a user is a member of. */
export async function listMemberships(db: Database, userId: string): Promise<PartnerAccess[]> {
  const rows = await db
    .selectFrom("partner_members as m")
    .innerJoin("partners as p", "p.id", "m.partner_id")
    .select(["p.id", "p.slug", "p.name", "p.status", "m.role"])
    .where("m.user_id", "=", userId)
    .orderBy("p.name")
    .execute();
  return rows.map((r) => ({
    partnerId: r.id,
    slug: r.slug,
    name: r.name,
    status: r.status as PartnerAccess["status"],
    role: r.role as PartnerRole,
  }));
}

/**
 * The user's access to one organization (by slug), checked against a permission.
 * Not a member → NOT_FOUND (another organization's existence is not revealed); member without the right → FORBIDDEN.
 */
export async function requirePartnerPermission(
  db: Database,
  userId: string,
  partnerSlug: string,
  permission: PartnerPermission,
): Promise<PartnerAccess> {
  const row = await db
    .selectFrom("partner_members as m")
    .innerJoin("partners as p", "p.id", "m.partner_id")
    .select(["p.id", "p.slug", "p.name", "p.status", "m.role"])
    .where("m.user_id", "=", userId)
    .where("p.slug", "=", partnerSlug)
    .executeTakeFirst();
  if (!row) throw new DomainError("NOT_FOUND");
  const access: PartnerAccess = {
    partnerId: row.id,
    slug: row.slug,
    name: row.name,
    status: row.status as PartnerAccess["status"],
    role: row.role as PartnerRole,
  };
  if (!can(access.role, permission)) throw new DomainError("FORBIDDEN");
  return access;
}
