// Invitations to a partner organization against real Postgres: hashed single-use 7-day tokens, the mail in the
// same transaction, email match, reuse/expiry/revocation refused, and concurrent accepts succeeding once.
import { describe, expect, it } from "vitest";
import { hashToken } from "../../src/domain/auth/tokens.ts";
import { acceptInvitation, inviteMember, peekInvitation, revokeInvitation } from "../../src/domain/partners/invitations.ts";
import { listMembers } from "../../src/domain/partners/members.ts";
import { useTestDatabase } from "../setup/db.ts";
import { auditActions, createTeam, createUser, expectCode, roleOf } from "./portal-helpers.ts";

const DAY = 24 * 60 * 60 * 1000;
const BASE = "https://marketplace.example";

describe("partner invitations", () => {
  const t = useTestDatabase();
  const deps = (userId: string, now?: Date) => ({ db: t.db, userId, baseUrl: BASE, locale: "en" as const, now });

  it("stores only the token's hash, expires in 7 days, and mails the link in the same transaction", async () => {
    const { partner, owner } = await createTeam(t.db);
    const now = new Date();
    const { invitationId, token } = await inviteMember(deps(owner.id, now), partner.slug, { email: " New.Person@Example.com ", role: "admin" });
    const row = await t.db.selectFrom("partner_invitations").selectAll().where("id", "=", invitationId).executeTakeFirstOrThrow();
    expect(row.email).toBe("new.person@example.com");
    expect(Buffer.from(row.token_hash).equals(Buffer.from(hashToken(token)))).toBe(true);
    expect(Buffer.from(row.token_hash).toString("utf8")).not.toContain(token);
    expect(new Date(row.expires_at).getTime() - now.getTime()).toBe(7 * DAY);

    const mail = await t.db.selectFrom("email_outbox").selectAll().where("to_address", "=", "new.person@example.com").executeTakeFirstOrThrow();
    expect(mail.template).toBe("partner-invitation");
    expect(mail.text_body).toContain(`${BASE}/invitations/accept?token=${token}`);
    expect(mail.text_body).toContain(partner.name);
    expect(await auditActions(t.db, invitationId)).toEqual(["invitation.created"]);

    const view = await listMembers({ db: t.db, userId: owner.id }, partner.slug);
    expect(view.invitations.map((i) => [i.email, i.role])).toEqual([["new.person@example.com", "admin"]]);
  });

  it("lets the invited user join with the role, matching the email case-insensitively", async () => {
    const { partner, owner } = await createTeam(t.db);
    const invitee = await createUser(t.db, { email: `Invitee-${Date.now()}@Example.com` });
    const { token } = await inviteMember(deps(owner.id), partner.slug, { email: invitee.email.toLowerCase(), role: "admin" });
    const preview = await peekInvitation(t.db, token);
    expect(preview).toMatchObject({ partnerSlug: partner.slug, role: "admin", partnerName: partner.name });

    const joined = await acceptInvitation({ db: t.db, userId: invitee.id }, token);
    expect(joined).toEqual({ partnerSlug: partner.slug, role: "admin" });
    expect(await roleOf(t.db, partner.id, invitee.id)).toBe("admin");
    expect(await auditActions(t.db, `${partner.id}:${invitee.id}`)).toEqual(["member.joined"]);
    expect(await peekInvitation(t.db, token)).toBeNull();
  });

  it("refuses a reused token", async () => {
    const { partner, owner } = await createTeam(t.db);
    const invitee = await createUser(t.db);
    const { token } = await inviteMember(deps(owner.id), partner.slug, { email: invitee.email, role: "member" });
    await acceptInvitation({ db: t.db, userId: invitee.id }, token);
    await expectCode(acceptInvitation({ db: t.db, userId: invitee.id }, token), "TOKEN_INVALID");
  });

  it("refuses an expired token", async () => {
    const { partner, owner } = await createTeam(t.db);
    const invitee = await createUser(t.db);
    const { token } = await inviteMember(deps(owner.id), partner.slug, { email: invitee.email, role: "member" });
    const later = new Date(Date.now() + 7 * DAY + 60_000);
    expect(await peekInvitation(t.db, token, later)).toBeNull();
    await expectCode(acceptInvitation({ db: t.db, userId: invitee.id, now: later }, token), "TOKEN_INVALID");
    expect(await roleOf(t.db, partner.id, invitee.id)).toBeUndefined();
  });

  it("refuses unknown and malformed tokens", async () => {
    const user = await createUser(t.db);
    await expectCode(acceptInvitation({ db: t.db, userId: user.id }, "a".repeat(32)), "TOKEN_INVALID");
    await expectCode(acceptInvitation({ db: t.db, userId: user.id }, "not a token!"), "TOKEN_INVALID");
    expect(await peekInvitation(t.db, "not a token!")).toBeNull();
  });

  it("refuses a revoked invitation, and a replaced one", async () => {
    const { partner, owner, admin } = await createTeam(t.db);
    const invitee = await createUser(t.db);
    const first = await inviteMember(deps(owner.id), partner.slug, { email: invitee.email, role: "member" });
    // A second invitation to the same address replaces the first.
    const second = await inviteMember(deps(admin.id), partner.slug, { email: invitee.email, role: "admin" });
    await expectCode(acceptInvitation({ db: t.db, userId: invitee.id }, first.token), "TOKEN_INVALID");
    await revokeInvitation({ db: t.db, userId: admin.id }, partner.slug, { invitationId: second.invitationId });
    expect(await auditActions(t.db, second.invitationId)).toEqual(["invitation.created", "invitation.revoked"]);
    await expectCode(acceptInvitation({ db: t.db, userId: invitee.id }, second.token), "TOKEN_INVALID");
    expect(await roleOf(t.db, partner.id, invitee.id)).toBeUndefined();
  });

  it("refuses an invitation sent to another address, and leaves it usable by the right person", async () => {
    const { partner, owner } = await createTeam(t.db);
    const invitee = await createUser(t.db);
    const other = await createUser(t.db);
    const { token } = await inviteMember(deps(owner.id), partner.slug, { email: invitee.email, role: "member" });
    await expectCode(acceptInvitation({ db: t.db, userId: other.id }, token), "FORBIDDEN");
    expect(await roleOf(t.db, partner.id, other.id)).toBeUndefined();
    await acceptInvitation({ db: t.db, userId: invitee.id }, token);
    expect(await roleOf(t.db, partner.id, invitee.id)).toBe("member");
  });

  it("two concurrent accepts of one invitation succeed once", async () => {
    for (let round = 0; round < 5; round++) {
      const { partner, owner } = await createTeam(t.db);
      const invitee = await createUser(t.db);
      const { token } = await inviteMember(deps(owner.id), partner.slug, { email: invitee.email, role: "member" });
      const results = await Promise.allSettled([
        acceptInvitation({ db: t.db, userId: invitee.id }, token),
        acceptInvitation({ db: t.db, userId: invitee.id }, token),
      ]);
      expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
      const refused = results.find((r) => r.status === "rejected") as PromiseRejectedResult;
      expect(refused.reason).toMatchObject({ code: "TOKEN_INVALID" });
      expect(await auditActions(t.db, `${partner.id}:${invitee.id}`)).toEqual(["member.joined"]);
    }
  });

  it("refuses inviting an existing member, invitations by members, and owner invitations by admins", async () => {
    const { partner, owner, admin, member } = await createTeam(t.db);
    await expectCode(inviteMember(deps(owner.id), partner.slug, { email: member.email.toUpperCase(), role: "admin" }), "CONFLICT");
    await expectCode(inviteMember(deps(member.id), partner.slug, { email: "x@example.com", role: "member" }), "FORBIDDEN");
    await expectCode(inviteMember(deps(admin.id), partner.slug, { email: "y@example.com", role: "owner" }), "FORBIDDEN");
    const open = await t.db.selectFrom("partner_invitations").select("id").where("partner_id", "=", partner.id).execute();
    expect(open).toEqual([]);
  });

  it("doesn't let an admin withdraw an owner invitation", async () => {
    const { partner, owner, admin } = await createTeam(t.db);
    const { invitationId } = await inviteMember(deps(owner.id), partner.slug, { email: "future-owner@example.com", role: "owner" });
    await expectCode(revokeInvitation({ db: t.db, userId: admin.id }, partner.slug, { invitationId }), "FORBIDDEN");
    await revokeInvitation({ db: t.db, userId: owner.id }, partner.slug, { invitationId });
  });
});
