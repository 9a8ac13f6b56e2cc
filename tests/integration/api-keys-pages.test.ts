// The integrations pages (issue 5) rendered by Astro's dev server over real Postgres: only owners/admins (apiKeys.manage),
// 404 across organizations, POST/redirect/GET with the new key or secret shown exactly once, 422 with input kept.
import { beforeAll, describe, expect, it } from "vitest";
import { authenticateApiKey } from "../../src/domain/integrations/api-keys.ts";
import { useTestDatabase } from "../setup/db.ts";
import { useDevSite } from "../setup/dev-site.ts";
import { createTeam } from "./portal-helpers.ts";

describe("integrations pages", () => {
  const t = useTestDatabase();
  let a: Awaited<ReturnType<typeof createTeam>>;
  let b: Awaited<ReturnType<typeof createTeam>>;
  const site = useDevSite(t);
  const get = (path: string, userId: string, cookie = "") => site.get(path, { userId, cookie });
  const post = async (path: string, form: Array<[string, string]>, userId: string) => {
    const reply = await site.post(path, form, { userId });
    // The new key or secret rides to the next page in a short-lived cookie.
    const reveal = reply.setCookie.map((c) => c.split(";")[0]!).find((c) => c.startsWith("integrations_reveal="));
    return { ...reply, reveal: reveal ?? "" };
  };

  beforeAll(async () => {
    a = await createTeam(t.db, { status: "authorized" });
    b = await createTeam(t.db, { status: "authorized" });
  });

  it("issue 5: owners and admins see the page (noindex, both languages); members get 403, other organizations 404", async () => {
    const page = await get(`/portal/${a.partner.slug}/integrations`, a.admin.id);
    expect(page.status).toBe(200);
    expect(page.html).toContain("API and webhooks");
    expect(page.html).toContain('name="robots" content="noindex"');
    expect(page.html).toContain('<label for="key-name">');
    expect((await get(`/ko/portal/${a.partner.slug}/integrations`, a.owner.id)).html).toContain("API와 웹훅");
    expect((await get(`/portal/${a.partner.slug}/integrations`, a.member.id)).status).toBe(403);
    // The tab shows only to roles that may open it.
    expect(page.html).toContain(`href="/portal/${a.partner.slug}/integrations"`);
    expect((await get(`/portal/${a.partner.slug}/leads`, a.member.id)).html).not.toContain(`href="/portal/${a.partner.slug}/integrations"`);
    expect((await post(`/portal/${a.partner.slug}/integrations`, [["_action", "createKey"], ["name", "x"], ["scopes", "leads:read"]], a.member.id)).status).toBe(403);
    for (const prefix of ["", "/ko"]) {
      const other = await get(`${prefix}/portal/${a.partner.slug}/integrations`, b.owner.id);
      expect(other.status).toBe(404);
      expect(other.html).not.toContain(a.partner.name);
    }
    expect(await t.db.selectFrom("api_keys").select("id").where("partner_id", "=", a.partner.id).execute()).toEqual([]);
  });

  it("issue 5: creating a key redirects (303) and shows the full key once, in a read-only field; reloading doesn't show it again", async () => {
    const created = await post(
      `/portal/${a.partner.slug}/integrations`,
      [["_action", "createKey"], ["name", "CRM sync"], ["scopes", "leads:read"], ["scopes", "leads:write"]],
      a.owner.id,
    );
    expect(created.status).toBe(303);
    expect(created.location).toBe(`/portal/${a.partner.slug}/integrations?done=keyCreated`);
    expect(created.reveal).not.toBe("");
    const shown = await get(created.location!, a.owner.id, created.reveal);
    const full = /value="(mk_[a-z2-7]+_[a-z2-7]{32})"/.exec(shown.html)?.[1];
    expect(full).toBeDefined();
    expect(shown.html).toMatch(/<input[^>]*id="reveal-value"[^>]*readonly/);
    expect((await authenticateApiKey(t.db, full!)).scopes).toEqual(["leads:read", "leads:write"]);
    // The GET that showed it cleared the cookie; the list shows only the prefix.
    expect(shown.setCookie.some((c) => c.startsWith("integrations_reveal=;") || /integrations_reveal=[^;]*;.*(Max-Age=0|Expires=Thu, 01 Jan 1970)/i.test(c))).toBe(true);
    const later = await get(`/portal/${a.partner.slug}/integrations`, a.owner.id);
    expect(later.html).not.toContain(full!);
    expect(later.html).toContain(`mk_${full!.split("_")[1]}_…`);
  });

  it("issue 5: a refused form answers 422 with field errors next to labelled inputs and the input kept", async () => {
    const refused = await post(`/portal/${a.partner.slug}/integrations`, [["_action", "createKey"], ["name", "Reports"]], a.owner.id);
    expect(refused.status).toBe(422);
    expect(refused.html).toContain("Choose at least one permission.");
    expect(refused.html).toContain('value="Reports"');
    const url = await post(`/portal/${a.partner.slug}/integrations`, [["_action", "createEndpoint"], ["url", "ftp://crm.example"], ["events", "lead.created"]], a.owner.id);
    expect(url.status).toBe(422);
    expect(url.html).toMatch(/id="hook-url"[^>]*aria-invalid="true"|aria-invalid="true"[^>]*id="hook-url"/);
    expect(url.html).toContain('value="ftp://crm.example"');
  });

  it("issue 5: webhook endpoint: secret shown once, delivery log page, disable, delete; revoke a key", async () => {
    const created = await post(
      `/portal/${a.partner.slug}/integrations`,
      [["_action", "createEndpoint"], ["url", "http://127.0.0.1:9/hook"], ["description", "Local CRM"], ["events", "lead.created"]],
      a.admin.id,
    );
    expect(created.status).toBe(303);
    const shown = await get(created.location!, a.admin.id, created.reveal);
    expect(shown.html).toMatch(/value="whsec_[a-z2-7]{32}"/);
    const endpoint = await t.db.selectFrom("webhook_endpoints").select(["id", "secret"]).where("partner_id", "=", a.partner.id).executeTakeFirstOrThrow();
    expect(shown.html).toContain(endpoint.secret);
    expect((await get(`/portal/${a.partner.slug}/integrations`, a.admin.id)).html).not.toContain(endpoint.secret);

    const log = await get(`/portal/${a.partner.slug}/integrations/webhooks/${endpoint.id}`, a.admin.id);
    expect(log.status).toBe(200);
    expect(log.html).toContain("Nothing has been sent to this endpoint yet.");
    expect((await get(`/portal/${b.partner.slug}/integrations/webhooks/${endpoint.id}`, b.owner.id)).status).toBe(404);
    expect((await get(`/ko/portal/${a.partner.slug}/integrations/webhooks/${endpoint.id}`, a.admin.id)).html).toContain("웹훅 전송 기록");

    expect((await post(`/portal/${a.partner.slug}/integrations`, [["_action", "disableEndpoint"], ["id", endpoint.id]], a.admin.id)).location).toContain("done=endpointDisabled");
    expect((await t.db.selectFrom("webhook_endpoints").select("active").where("id", "=", endpoint.id).executeTakeFirstOrThrow()).active).toBe(false);
    // Another organization's endpoint id through one's own page: 404, nothing deleted.
    expect((await post(`/portal/${b.partner.slug}/integrations`, [["_action", "deleteEndpoint"], ["id", endpoint.id]], b.owner.id)).status).toBe(404);
    expect((await post(`/portal/${a.partner.slug}/integrations`, [["_action", "deleteEndpoint"], ["id", endpoint.id]], a.admin.id)).location).toContain("done=endpointDeleted");
    expect(await t.db.selectFrom("webhook_endpoints").select("id").where("id", "=", endpoint.id).execute()).toEqual([]);

    const key = await t.db.selectFrom("api_keys").select(["id", "prefix"]).where("partner_id", "=", a.partner.id).executeTakeFirstOrThrow();
    const revoked = await post(`/portal/${a.partner.slug}/integrations`, [["_action", "revokeKey"], ["id", key.id]], a.admin.id);
    expect(revoked.location).toContain("done=keyRevoked");
    const after = await get(revoked.location!, a.admin.id);
    expect(after.html).toContain("API key revoked.");
    expect(after.html).toContain("Revoked ");
    const revokedRow = await t.db.selectFrom("api_keys").select("revoked_at").where("id", "=", key.id).executeTakeFirstOrThrow();
    expect(revokedRow.revoked_at).not.toBeNull();
  });
});
