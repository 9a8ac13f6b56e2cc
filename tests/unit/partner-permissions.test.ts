// The partner permission table, every role × permission written out, so a change to it is a deliberate test change.
import { describe, expect, it } from "vitest";
import { PARTNER_PERMISSIONS, PARTNER_ROLES, can, canAssignRole, type PartnerPermission, type PartnerRole } from "../../src/domain/partners/permissions.ts";

const EXPECTED: Record<PartnerPermission, Record<PartnerRole, boolean>> = {
  "org.view": { owner: true, admin: true, member: true },
  "org.manage": { owner: true, admin: true, member: false },
  "listing.edit": { owner: true, admin: true, member: true },
  // R1 concerns the organization; who in it may press "publish" is this table's business.
  "listing.publish": { owner: true, admin: true, member: false },
  "members.view": { owner: true, admin: true, member: true },
  "members.invite": { owner: true, admin: true, member: false },
  "members.changeRole": { owner: true, admin: false, member: false },
  "members.remove": { owner: true, admin: true, member: false },
  "programs.submit": { owner: true, admin: true, member: false },
  "leads.view": { owner: true, admin: true, member: true },
  "leads.work": { owner: true, admin: true, member: true },
  "apiKeys.manage": { owner: true, admin: true, member: false },
};

describe("partner permissions", () => {
  it("covers exactly the permissions the domain defines", () => {
    expect([...PARTNER_PERMISSIONS].sort()).toEqual(Object.keys(EXPECTED).sort());
  });

  for (const permission of Object.keys(EXPECTED) as PartnerPermission[]) {
    for (const role of PARTNER_ROLES) {
      const expected = EXPECTED[permission][role];
      it(`${role} ${expected ? "may" : "may not"} ${permission}`, () => {
        expect(can(role, permission)).toBe(expected);
      });
    }
  }

  const ASSIGN: Record<PartnerRole, Record<PartnerRole, boolean>> = {
    owner: { owner: true, admin: true, member: true },
    // Admins can't make, demote or remove owners.
    admin: { owner: false, admin: true, member: true },
    member: { owner: false, admin: false, member: false },
  };
  for (const actor of PARTNER_ROLES) {
    for (const target of PARTNER_ROLES) {
      it(`${actor} ${ASSIGN[actor][target] ? "may" : "may not"} touch the ${target} role`, () => {
        expect(canAssignRole(actor, target)).toBe(ASSIGN[actor][target]);
      });
    }
  }
});
