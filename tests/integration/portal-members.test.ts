// Partner members against real Postgres: roles, removal and leaving, and the last-owner rule under concurrency.
import { describe, expect, it } from "vitest";
import { changeMemberRole, listMembers, removeMember } from "../../src/domain/partners/members.ts";
import { useTestDatabase } from "../setup/db.ts";
import { addMember, auditActions, createTeam, createUser, expectCode, roleOf } from "./portal-helpers.ts";

describe("partner members", () => {
  const t = useTestDatabase();

  it("lists members with their roles, owners first", async () => {
    const { partner, owner, admin, member } = await createTeam(t.db);
    const view = await listMembers({ db: t.db, userId: member.id }, partner.slug);
    expect(view.members.map((m) => [m.userId, m.role])).toEqual([
      [owner.id, "owner"],
      [admin.id, "admin"],
      [member.id, "member"],
    ]);
    // Members can see the team but not the open invitations (they can't invite).
    expect(view.invitations).toEqual([]);
  });

  it("lets an owner change roles and records it in the audit log", async () => {
    const { partner, owner, member } = await createTeam(t.db);
    await changeMemberRole({ db: t.db, userId: owner.id }, partner.slug, { userId: member.id, role: "admin" });
    expect(await roleOf(t.db, partner.id, member.id)).toBe("admin");
    expect(await auditActions(t.db, `${partner.id}:${member.id}`)).toEqual(["member.role_changed"]);
  });

  it("refuses role changes by admins and members (only owners change roles)", async () => {
    const { partner, admin, member } = await createTeam(t.db);
    await expectCode(changeMemberRole({ db: t.db, userId: admin.id }, partner.slug, { userId: member.id, role: "admin" }), "FORBIDDEN");
    await expectCode(changeMemberRole({ db: t.db, userId: member.id }, partner.slug, { userId: member.id, role: "owner" }), "FORBIDDEN");
    expect(await roleOf(t.db, partner.id, member.id)).toBe("member");
  });

  it("lets an admin remove a member but not an owner", async () => {
    const { partner, owner, admin, member } = await createTeam(t.db);
    await expectCode(removeMember({ db: t.db, userId: admin.id }, partner.slug, { userId: owner.id }), "FORBIDDEN");
    expect(await roleOf(t.db, partner.id, owner.id)).toBe("owner");
    await removeMember({ db: t.db, userId: admin.id }, partner.slug, { userId: member.id });
    expect(await roleOf(t.db, partner.id, member.id)).toBeUndefined();
    expect(await auditActions(t.db, `${partner.id}:${member.id}`)).toEqual(["member.removed"]);
  });

  it("doesn't let a member remove others, but lets them leave", async () => {
    const { partner, admin, member } = await createTeam(t.db);
    await expectCode(removeMember({ db: t.db, userId: member.id }, partner.slug, { userId: admin.id }), "FORBIDDEN");
    await removeMember({ db: t.db, userId: member.id }, partner.slug, { userId: member.id });
    expect(await roleOf(t.db, partner.id, member.id)).toBeUndefined();
    expect(await auditActions(t.db, `${partner.id}:${member.id}`)).toEqual(["member.left"]);
  });

  it("never removes or demotes the last owner (LAST_OWNER), not even by leaving", async () => {
    const { partner, owner } = await createTeam(t.db);
    await expectCode(changeMemberRole({ db: t.db, userId: owner.id }, partner.slug, { userId: owner.id, role: "admin" }), "LAST_OWNER");
    await expectCode(removeMember({ db: t.db, userId: owner.id }, partner.slug, { userId: owner.id }), "LAST_OWNER");
    expect(await roleOf(t.db, partner.id, owner.id)).toBe("owner");
    expect(await auditActions(t.db, `${partner.id}:${owner.id}`)).toEqual([]);
  });

  it("lets one of two owners step down", async () => {
    const { partner, owner } = await createTeam(t.db);
    const second = await createUser(t.db);
    await addMember(t.db, partner.id, second.id, "owner");
    await changeMemberRole({ db: t.db, userId: owner.id }, partner.slug, { userId: owner.id, role: "member" });
    expect(await roleOf(t.db, partner.id, owner.id)).toBe("member");
    await expectCode(removeMember({ db: t.db, userId: second.id }, partner.slug, { userId: second.id }), "LAST_OWNER");
  });

  it("two concurrent demotions of two owners leave exactly one owner", async () => {
    for (let round = 0; round < 5; round++) {
      const { partner, owner } = await createTeam(t.db);
      const second = await createUser(t.db);
      await addMember(t.db, partner.id, second.id, "owner");
      // Each owner demotes the other at the same moment: without the row locks both would pass.
      const results = await Promise.allSettled([
        changeMemberRole({ db: t.db, userId: owner.id }, partner.slug, { userId: second.id, role: "admin" }),
        changeMemberRole({ db: t.db, userId: second.id }, partner.slug, { userId: owner.id, role: "admin" }),
      ]);
      expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
      const owners = await t.db.selectFrom("partner_members").select("user_id").where("partner_id", "=", partner.id).where("role", "=", "owner").execute();
      expect(owners).toHaveLength(1);
    }
  });

  it("two concurrent self-demotions by both owners leave exactly one owner", async () => {
    const { partner, owner } = await createTeam(t.db);
    const second = await createUser(t.db);
    await addMember(t.db, partner.id, second.id, "owner");
    const results = await Promise.allSettled([
      changeMemberRole({ db: t.db, userId: owner.id }, partner.slug, { userId: owner.id, role: "admin" }),
      removeMember({ db: t.db, userId: second.id }, partner.slug, { userId: second.id }),
    ]);
    const refused = results.filter((r) => r.status === "rejected");
    expect(refused).toHaveLength(1);
    expect((refused[0] as PromiseRejectedResult).reason).toMatchObject({ code: "LAST_OWNER" });
    const owners = await t.db.selectFrom("partner_members").select("user_id").where("partner_id", "=", partner.id).where("role", "=", "owner").execute();
    expect(owners).toHaveLength(1);
  });
});
