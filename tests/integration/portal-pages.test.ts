// The portal pages rendered by Astro (its dev server, in this process) over real Postgres: tenant isolation at the
// page level (404 for another organization's pages and forms), the forms' POST/redirect/GET, and accepting an invitation.
import { beforeAll, describe, expect, it } from "vitest";
import { inviteMember } from "../../src/domain/partners/invitations.ts";
import { useTestDatabase } from "../setup/db.ts";
import { useDevSite } from "../setup/dev-site.ts";
import { auditActions, createTeam, createUser, roleOf } from "./portal-helpers.ts";

describe("portal pages", () => {
  const t = useTestDatabase();
  let a: Awaited<ReturnType<typeof createTeam>>;
  let b: Awaited<ReturnType<typeof createTeam>>;
  const site = useDevSite(t);
  const get = (path: string, userId?: string) => site.get(path, { userId });
  const post = (path: string, form: Record<string, string>, userId?: string) => site.post(path, form, { userId });

  beforeAll(async () => {
    a = await createTeam(t.db, { status: "authorized" });
    b = await createTeam(t.db, { status: "suspended", reason: "Complaints under review" });
  });

  it("sends a signed-out visitor to sign in, coming back afterwards", async () => {
    const { status, location } = await get(`/portal/${a.partner.slug}/members`);
    expect(status).toBe(303);
    expect(location).toBe(`/sign-in?next=${encodeURIComponent(`/portal/${a.partner.slug}/members`)}`);
  });

  it("shows a member their organization's pages, in both languages", async () => {
    const overview = await get(`/portal/${a.partner.slug}`, a.member.id);
    expect(overview.status).toBe(200);
    expect(overview.html).toContain("Authorized");
    expect(overview.html).toContain('name="robots" content="noindex"');
    expect((await get(`/ko/portal/${a.partner.slug}/members`, a.member.id)).html).toContain("구성원");
    const programs = await get(`/portal/${a.partner.slug}/programs`, a.member.id);
    expect(programs.status).toBe(200);
    // A member sees the programs but gets no forms to change them.
    expect(programs.html).not.toContain('name="_action" value="agreement"');
    // With one organization, /portal goes straight to it.
    expect(await get("/portal", a.member.id)).toMatchObject({ status: 302, location: `/portal/${a.partner.slug}` });
  });

  it("answers 404 to a member of A for every page and form of B", async () => {
    for (const path of ["", "/members", "/programs"]) {
      for (const prefix of ["", "/ko"]) {
        const page = await get(`${prefix}/portal/${b.partner.slug}${path}`, a.owner.id);
        expect(page.status, `${prefix}${path}`).toBe(404);
        expect(page.html).not.toContain(b.partner.name);
      }
    }
    const forms: Array<[string, Record<string, string>]> = [
      ["/members", { _action: "invite", email: "intruder@example.com", role: "owner" }],
      ["/members", { _action: "changeRole", userId: b.member.id, role: "owner" }],
      ["/members", { _action: "remove", userId: b.member.id }],
      ["/programs", { _action: "agreement", accept: "on" }],
      ["/programs", { _action: "program", program: "cloud_essentials" }],
    ];
    for (const [path, form] of forms) {
      const response = await post(`/portal/${b.partner.slug}${path}`, form, a.owner.id);
      expect(response.status, `${path} ${form._action}`).toBe(404);
    }
    expect(await roleOf(t.db, b.partner.id, b.member.id)).toBe("member");
    expect(await auditActions(t.db, b.partner.id)).toEqual([]);
  });

  it("answers 403 to a member posting what their role may not do", async () => {
    const response = await post(`/portal/${a.partner.slug}/members`, { _action: "remove", userId: a.admin.id }, a.member.id);
    expect(response.status).toBe(403);
    expect(await roleOf(t.db, a.partner.id, a.admin.id)).toBe("admin");
  });

  it("shows a suspended organization's status with the operator's reason (R1)", async () => {
    const { html } = await get(`/portal/${b.partner.slug}`, b.member.id);
    expect(html).toContain("Suspended");
    expect(html).toContain("Complaints under review");
  });

  it("invites by email with POST/redirect/GET, and keeps the input with a field error when invalid", async () => {
    const bad = await post(`/portal/${a.partner.slug}/members`, { _action: "invite", email: "not-an-email", role: "member" }, a.owner.id);
    expect(bad.status).toBe(422);
    expect(bad.html).toContain('value="not-an-email"');
    expect(bad.html).toMatch(/aria-invalid="true"[^>]*aria-describedby="invite-email-error"|aria-describedby="invite-email-error"[^>]*aria-invalid="true"/);
    expect(bad.html).toContain("Enter a valid email address");

    const ok = await post(`/portal/${a.partner.slug}/members`, { _action: "invite", email: "colleague@example.com", role: "admin" }, a.owner.id);
    expect(ok).toMatchObject({ status: 303, location: `/portal/${a.partner.slug}/members?done=invited` });
    const mail = await t.db.selectFrom("email_outbox").select(["template", "text_body"]).where("to_address", "=", "colleague@example.com").executeTakeFirstOrThrow();
    expect(mail.template).toBe("partner-invitation");
    expect(mail.text_body).toMatch(new RegExp(`${site.base}/invitations/accept\\?token=[a-z2-7]{32}`));
    const page = await get(`/portal/${a.partner.slug}/members?done=invited`, a.owner.id);
    expect(page.html).toContain("Invitation sent.");
    expect(page.html).toContain("colleague@example.com");
  });

  it("rate-limits invitations per organization (invitationsPartner) with Retry-After and a clear message", async () => {
    const team = await createTeam(t.db);
    const invite = (i: number) =>
      post(`/portal/${team.partner.slug}/members`, { _action: "invite", email: `bulk-${i}@example.com`, role: "member" }, team.owner.id);
    for (let i = 0; i < 50; i++) expect((await invite(i)).status, `invitation ${i}`).toBe(303);
    const limited = await invite(50);
    expect(limited.status).toBe(429);
    expect(Number(limited.retryAfter)).toBeGreaterThan(0);
    expect(limited.html).toContain("Too many attempts");
    // Another organization has its own allowance.
    expect((await post(`/portal/${a.partner.slug}/members`, { _action: "invite", email: "other-org@example.com", role: "member" }, a.owner.id)).status).toBe(303);
  });

  it("refuses demoting the last owner with a clear message", async () => {
    const response = await post(`/portal/${a.partner.slug}/members`, { _action: "changeRole", userId: a.owner.id, role: "member" }, a.owner.id);
    expect(response.status).toBe(409);
    expect(response.html).toContain("always needs at least one owner");
    expect(await roleOf(t.db, a.partner.id, a.owner.id)).toBe("owner");
  });

  it("R3: shows the operator's reason beside a rejected program enrollment, in both languages", async () => {
    const team = await createTeam(t.db, { status: "authorized" });
    await t.db
      .insertInto("partner_programs")
      .values({ partner_id: team.partner.id, program: "cloud_essentials", status: "rejected", decision_reason: "Certificate <expired>" })
      .execute();
    const en = await get(`/portal/${team.partner.slug}/programs`, team.member.id);
    expect(en.html).toMatch(/data-testid="program-rejection-reason"[^>]*>\s*<strong>Reason given:<\/strong> Certificate &lt;expired&gt;/);
    expect((await get(`/ko/portal/${team.partner.slug}/programs`, team.member.id)).html).toContain("반려 사유:");
  });

  it("signs the agreement only with the box ticked (R1)", async () => {
    const team = await createTeam(t.db);
    const unticked = await post(`/portal/${team.partner.slug}/programs`, { _action: "agreement" }, team.admin.id);
    expect(unticked.status).toBe(422);
    expect(unticked.html).toContain("Tick the box to accept the agreement.");
    const ticked = await post(`/portal/${team.partner.slug}/programs`, { _action: "agreement", accept: "on" }, team.admin.id);
    expect(ticked).toMatchObject({ status: 303, location: `/portal/${team.partner.slug}/programs?done=agreement` });
    expect(await auditActions(t.db, team.partner.id)).toEqual(["partner.agreement_signed"]);
    const submitted = await post(`/portal/${team.partner.slug}/programs`, { _action: "program", program: "cloud_deployment" }, team.admin.id);
    expect(submitted.status).toBe(303);
    expect(await auditActions(t.db, `${team.partner.id}:cloud_deployment`)).toEqual(["program.submitted"]);
  });

  it("accepts an invitation: confirmation page on GET, sign-in first, email must match, the POST spends it once", async () => {
    const invitee = await createUser(t.db);
    const other = await createUser(t.db);
    const { token } = await inviteMember({ db: t.db, userId: a.owner.id, baseUrl: site.base, locale: "en" }, a.partner.slug, {
      email: invitee.email,
      role: "member",
    });
    const url = `/invitations/accept?token=${token}`;

    const anonymous = await get(url);
    expect(anonymous.status).toBe(200);
    expect(anonymous.html).toContain(a.partner.name);
    expect(anonymous.html).toContain(`/sign-in?next=${encodeURIComponent(url)}`.replaceAll("&", "&amp;"));
    const anonymousPost = await post(url, { token });
    expect(anonymousPost).toMatchObject({ status: 303, location: `/sign-in?next=${encodeURIComponent(url)}` });

    const mismatch = await post(url, { token }, other.id);
    expect(mismatch.status).toBe(403);
    expect(mismatch.html).toContain(`This invitation was sent to ${invitee.email}`);
    expect(await roleOf(t.db, a.partner.id, other.id)).toBeUndefined();

    const accepted = await post(url, { token }, invitee.id);
    expect(accepted).toMatchObject({ status: 303, location: `/portal/${a.partner.slug}` });
    expect(await roleOf(t.db, a.partner.id, invitee.id)).toBe("member");

    const reused = await post(url, { token }, invitee.id);
    expect(reused.status).toBe(400);
    expect(reused.html).toContain("This invitation can't be used");
  });
});
