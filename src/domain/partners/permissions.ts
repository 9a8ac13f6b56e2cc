// What each member role of a partner organization may do: one small table, tested (and used by every handler).
export const PARTNER_ROLES = ["owner", "admin", "member"] as const;
export type PartnerRole = (typeof PARTNER_ROLES)[number];

const TABLE = {
  "org.view": ["owner", "admin", "member"],
  "org.manage": ["owner", "admin"],
  "listing.edit": ["owner", "admin", "member"],
  "listing.publish": ["owner", "admin"],
  "members.view": ["owner", "admin", "member"],
  "members.invite": ["owner", "admin"],
  "members.changeRole": ["owner"],
  "members.remove": ["owner", "admin"],
  "programs.submit": ["owner", "admin"],
  "leads.view": ["owner", "admin", "member"],
  "leads.work": ["owner", "admin", "member"],
  "apiKeys.manage": ["owner", "admin"],
} as const satisfies Record<string, readonly PartnerRole[]>;

export type PartnerPermission = keyof typeof TABLE;
export const PARTNER_PERMISSIONS = Object.keys(TABLE) as PartnerPermission[];

export function can(role: PartnerRole, permission: PartnerPermission): boolean {
  return (TABLE[permission] as readonly PartnerRole[]).includes(role);
}

/** Admins manage members but cannot create or remove owners; only owners touch owners. */
export function canAssignRole(actor: PartnerRole, target: PartnerRole): boolean {
  return actor === "owner" || (actor === "admin" && target !== "owner");
}
