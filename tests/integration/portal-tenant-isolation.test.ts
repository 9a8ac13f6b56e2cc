// Tenant isolation of the portal's services: a member of partner A calling any of them for partner B is refused
// with NOT_FOUND (B's existence isn't revealed) and nothing of B changes.
import { describe, expect, it } from "vitest";
import { inviteMember, revokeInvitation } from "../../src/domain/partners/invitations.ts";
import { changeMemberRole, listMembers, removeMember } from "../../src/domain/partners/members.ts";
import { getOverview } from "../../src/domain/partners/overview.ts";
import { getPrograms, signAgreement, submitProgram } from "../../src/domain/partners/programs.ts";
import { useTestDatabase } from "../setup/db.ts";
import { auditActions, createTeam, expectCode, roleOf } from "./portal-helpers.ts";

describe("portal tenant isolation", () => {
  const t = useTestDatabase();

  it("refuses every portal service of partner B to an owner of partner A (NOT_FOUND)", async () => {
    const a = await createTeam(t.db);
    const b = await createTeam(t.db);
    const bInvite = await inviteMember({ db: t.db, userId: b.owner.id, baseUrl: "http://x.test", locale: "en" }, b.partner.slug, {
      email: "someone@example.com",
      role: "member",
    });
    const actor = { db: t.db, userId: a.owner.id };
    const calls: Record<string, () => Promise<unknown>> = {
      getOverview: () => getOverview(actor, b.partner.slug),
      listMembers: () => listMembers(actor, b.partner.slug),
      changeMemberRole: () => changeMemberRole(actor, b.partner.slug, { userId: b.member.id, role: "owner" }),
      removeMember: () => removeMember(actor, b.partner.slug, { userId: b.member.id }),
      inviteMember: () => inviteMember({ ...actor, baseUrl: "http://x.test", locale: "en" }, b.partner.slug, { email: "evil@example.com", role: "owner" }),
      revokeInvitation: () => revokeInvitation(actor, b.partner.slug, { invitationId: bInvite.invitationId }),
      getPrograms: () => getPrograms(actor, b.partner.slug),
      signAgreement: () => signAgreement(actor, b.partner.slug, { accept: "on" }),
      submitProgram: () => submitProgram(actor, b.partner.slug, { program: "cloud_essentials" }),
    };
    for (const [name, call] of Object.entries(calls)) {
      await expectCode(call(), "NOT_FOUND").catch((error: Error) => {
        throw new Error(`${name}: ${error.message}`);
      });
    }
    expect(await roleOf(t.db, b.partner.id, b.member.id)).toBe("member");
    expect(await auditActions(t.db, b.partner.id)).toEqual([]);
    expect(await auditActions(t.db, bInvite.invitationId)).toEqual(["invitation.created"]);
    const programs = await t.db.selectFrom("partner_programs").select("program").where("partner_id", "=", b.partner.id).execute();
    expect(programs).toEqual([]);
  });

  it("doesn't let A's owner act on B's members or invitations through A's own slug", async () => {
    const a = await createTeam(t.db);
    const b = await createTeam(t.db);
    const bInvite = await inviteMember({ db: t.db, userId: b.owner.id, baseUrl: "http://x.test", locale: "en" }, b.partner.slug, {
      email: "someone-else@example.com",
      role: "member",
    });
    const actor = { db: t.db, userId: a.owner.id };
    // B's ids smuggled into a request for A: they aren't A's, so they don't exist here.
    await expectCode(changeMemberRole(actor, a.partner.slug, { userId: b.member.id, role: "admin" }), "NOT_FOUND");
    await expectCode(removeMember(actor, a.partner.slug, { userId: b.member.id }), "NOT_FOUND");
    await expectCode(revokeInvitation(actor, a.partner.slug, { invitationId: bInvite.invitationId }), "NOT_FOUND");
    expect(await roleOf(t.db, b.partner.id, b.member.id)).toBe("member");
  });
});
