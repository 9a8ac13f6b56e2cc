// Organization API keys (issue 5): shown once and stored hashed, managed by owners/admins only, scopes, revocation,
// R1 (suspended organizations), last-used throttling, per-key rate limit, and the JSON errors of bearer auth.
import { createHash } from "node:crypto";
import { sql } from "kysely";
import { describe, expect, it } from "vitest";
import { authenticateApiKey, createApiKey, listApiKeys, revokeApiKey } from "../../src/domain/integrations/api-keys.ts";
import { DomainError } from "../../src/domain/shared/errors.ts";
import { authenticateApiRequest } from "../../src/server/api-auth.ts";
import { createRateLimits, LIMITS } from "../../src/server/rate-limit.ts";
import { useTestDatabase } from "../setup/db.ts";
import { auditActions, createTeam, expectCode } from "./portal-helpers.ts";

const noLimits = { consume: async () => {}, blockedFor: async () => 0 };
const bearer = (key: string) => new Request("http://market.test/api/v1/leads", { headers: { authorization: `Bearer ${key}` } });

describe("API keys", () => {
  const t = useTestDatabase();

  it("issue 5: a new key is shown once as mk_<prefix>_<secret>; only SHA-256 of the secret is stored, lists show the prefix", async () => {
    const team = await createTeam(t.db, { status: "authorized" });
    const created = await createApiKey(t.db, team.admin.id, team.partner.slug, { name: "CRM sync", scopes: ["leads:read"] });
    const match = /^mk_([a-z2-7]{8})_([a-z2-7]{32})$/.exec(created.key);
    expect(match).not.toBeNull();
    expect(match![1]).toBe(created.prefix);

    const row = await t.db.selectFrom("api_keys").selectAll().where("id", "=", created.id).executeTakeFirstOrThrow();
    expect(Buffer.from(row.secret_hash).toString("hex")).toBe(createHash("sha256").update(match![2]!).digest("hex"));
    // Nothing stored contains the secret itself.
    const dump = JSON.stringify(await sql`select * from api_keys`.execute(t.db));
    expect(dump).not.toContain(match![2]);
    expect(JSON.stringify(await sql`select * from audit_log`.execute(t.db))).not.toContain(match![2]);

    const { keys } = await listApiKeys(t.db, team.owner.id, team.partner.slug);
    expect(keys).toEqual([
      expect.objectContaining({ id: created.id, name: "CRM sync", prefix: created.prefix, scopes: ["leads:read"], lastUsedAt: null, revokedAt: null, createdByName: team.admin.name }),
    ]);
    expect(JSON.stringify(keys)).not.toContain(match![2]);
    expect(await auditActions(t.db, team.partner.id)).toContain("apiKey.created");
  });

  it("issue 5: only owners and admins manage keys (apiKeys.manage); other organizations get NOT_FOUND", async () => {
    const team = await createTeam(t.db, { status: "authorized" });
    const other = await createTeam(t.db, { status: "authorized" });
    await expectCode(createApiKey(t.db, team.member.id, team.partner.slug, { name: "x", scopes: ["leads:read"] }), "FORBIDDEN");
    await expectCode(listApiKeys(t.db, team.member.id, team.partner.slug), "FORBIDDEN");
    await expectCode(createApiKey(t.db, other.owner.id, team.partner.slug, { name: "x", scopes: ["leads:read"] }), "NOT_FOUND");
    const key = await createApiKey(t.db, team.owner.id, team.partner.slug, { name: "x", scopes: ["leads:read"] });
    await expectCode(revokeApiKey(t.db, team.member.id, team.partner.slug, key.id), "FORBIDDEN");
    // Another organization's key id through its own slug: not found, and still valid.
    await expectCode(revokeApiKey(t.db, other.owner.id, other.partner.slug, key.id), "NOT_FOUND");
    expect((await authenticateApiKey(t.db, key.key)).keyId).toBe(key.id);
  });

  it("validates name and scopes with field errors", async () => {
    const team = await createTeam(t.db, { status: "authorized" });
    const error = await createApiKey(t.db, team.owner.id, team.partner.slug, { name: "  ", scopes: [] }).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: "VALIDATION_FAILED", fields: { name: ["integrations.error.nameRequired"], scopes: ["integrations.error.scopesRequired"] } });
    const bad = await createApiKey(t.db, team.owner.id, team.partner.slug, { name: "k", scopes: ["leads:admin" as "leads:read"] }).catch((e: unknown) => e);
    expect(bad).toMatchObject({ code: "VALIDATION_FAILED" });
  });

  it("issue 5: a revoked key is refused with 401 and WWW-Authenticate; so are unknown, tampered and missing keys", async () => {
    const team = await createTeam(t.db, { status: "authorized" });
    const key = await createApiKey(t.db, team.owner.id, team.partner.slug, { name: "temp", scopes: ["leads:read", "leads:write"] });
    const ok = await authenticateApiRequest(bearer(key.key), { db: t.db, rateLimits: noLimits }, "leads:read");
    expect(ok).not.toBeInstanceOf(Response);

    await revokeApiKey(t.db, team.admin.id, team.partner.slug, key.id);
    const refused = await authenticateApiRequest(bearer(key.key), { db: t.db, rateLimits: noLimits }, "leads:read");
    expect(refused).toBeInstanceOf(Response);
    const response = refused as Response;
    expect(response.status).toBe(401);
    expect(response.headers.get("www-authenticate")).toMatch(/^Bearer realm="partner-api"/);
    expect(response.headers.get("content-type")).toMatch(/application\/json/);
    expect(await response.json()).toMatchObject({ error: "unauthorized" });
    const { keys } = await listApiKeys(t.db, team.owner.id, team.partner.slug);
    expect(keys[0]!.revokedAt).toBeInstanceOf(Date);

    const fresh = await createApiKey(t.db, team.owner.id, team.partner.slug, { name: "fresh", scopes: ["leads:read"] });
    const tampered = fresh.key.slice(0, -1) + (fresh.key.endsWith("a") ? "b" : "a");
    for (const request of [
      bearer(tampered),
      bearer(`mk_${fresh.prefix}_${"a".repeat(32)}`),
      bearer("not-a-key"),
      new Request("http://market.test/api/v1/leads"),
      new Request("http://market.test/api/v1/leads", { headers: { authorization: `Basic ${btoa(`x:${fresh.key}`)}` } }),
    ]) {
      const r = await authenticateApiRequest(request, { db: t.db, rateLimits: noLimits }, "leads:read");
      expect((r as Response).status).toBe(401);
    }
  });

  it("issue 5: a key without the scope gets 403 insufficient_scope naming it", async () => {
    const team = await createTeam(t.db, { status: "authorized" });
    const key = await createApiKey(t.db, team.owner.id, team.partner.slug, { name: "read only", scopes: ["leads:read"] });
    const r = (await authenticateApiRequest(bearer(key.key), { db: t.db, rateLimits: noLimits }, "leads:write")) as Response;
    expect(r.status).toBe(403);
    expect(r.headers.get("www-authenticate")).toContain('error="insufficient_scope", scope="leads:write"');
    expect(await r.json()).toMatchObject({ error: "insufficient_scope" });
  });

  it("R1: the key of an organization that is suspended (or otherwise not authorized) is refused", async () => {
    const team = await createTeam(t.db, { status: "authorized" });
    const key = await createApiKey(t.db, team.owner.id, team.partner.slug, { name: "crm", scopes: ["leads:read"] });
    await t.db.updateTable("partners").set({ status: "suspended" }).where("id", "=", team.partner.id).execute();
    const r = (await authenticateApiRequest(bearer(key.key), { db: t.db, rateLimits: noLimits }, "leads:read")) as Response;
    expect(r.status).toBe(403);
    expect(await r.json()).toMatchObject({ error: "partner_not_authorized" });
    await expectCode(authenticateApiKey(t.db, key.key), "PARTNER_NOT_AUTHORIZED");
  });

  it("records last use at most once a minute", async () => {
    const team = await createTeam(t.db, { status: "authorized" });
    const key = await createApiKey(t.db, team.owner.id, team.partner.slug, { name: "crm", scopes: ["leads:read"] });
    await authenticateApiKey(t.db, key.key);
    const lastUsed = async () => (await t.db.selectFrom("api_keys").select("last_used_at").where("id", "=", key.id).executeTakeFirstOrThrow()).last_used_at;
    const first = await lastUsed();
    expect(first).toBeInstanceOf(Date);
    await authenticateApiKey(t.db, key.key);
    expect(await lastUsed()).toEqual(first);
    await t.db.updateTable("api_keys").set({ last_used_at: new Date(Date.now() - 2 * 60_000) }).where("id", "=", key.id).execute();
    await authenticateApiKey(t.db, key.key);
    expect((await lastUsed())!.getTime()).toBeGreaterThan(Date.now() - 10_000);
  });

  it("limits failed key attempts per client (real Postgres limiter): once spent, even a valid key waits; other clients don't", async () => {
    const team = await createTeam(t.db, { status: "authorized" });
    const key = await createApiKey(t.db, team.owner.id, team.partner.slug, { name: "crm", scopes: ["leads:read"] });
    const rateLimits = createRateLimits(t.url);
    try {
      const deps = (clientKey: string) => ({ db: t.db, rateLimits, clientKey });
      const guess = `mk_${key.prefix}_${"a".repeat(32)}`;
      for (let i = 0; i < LIMITS.apiAuthFailuresClient.points; i++) {
        expect(((await authenticateApiRequest(bearer(guess), deps("10.0.0.7"), "leads:read")) as Response).status).toBe(401);
      }
      const blocked = (await authenticateApiRequest(bearer(key.key), deps("10.0.0.7"), "leads:read")) as Response;
      expect(blocked.status).toBe(429);
      expect(Number(blocked.headers.get("retry-after"))).toBeGreaterThan(0);
      expect(await authenticateApiRequest(bearer(key.key), deps("10.0.0.8"), "leads:read")).toMatchObject({ keyId: key.id });
    } finally {
      await rateLimits.close();
    }
  });

  it("active keys of an organization have distinct names: a double-submitted form makes one key; a revoked key's name is free again", async () => {
    const team = await createTeam(t.db, { status: "authorized" });
    const create = () =>
      createApiKey(t.db, team.owner.id, team.partner.slug, { name: "CRM sync", scopes: ["leads:read"] }).then(
        (k) => k,
        (e: { code?: string; fields?: Record<string, string[]> }) => `${e.code}:${e.fields?.name?.join()}`,
      );
    const outcomes = await Promise.all([create(), create()]);
    expect(outcomes.filter((o) => typeof o === "string")).toEqual(["VALIDATION_FAILED:integrations.error.nameTaken"]);
    const created = outcomes.find((o) => typeof o !== "string")!;
    // Case-insensitive, like people read names.
    await expectCode(createApiKey(t.db, team.owner.id, team.partner.slug, { name: "crm SYNC", scopes: ["leads:read"] }), "VALIDATION_FAILED");
    await revokeApiKey(t.db, team.owner.id, team.partner.slug, created.id);
    await createApiKey(t.db, team.owner.id, team.partner.slug, { name: "CRM sync", scopes: ["leads:read"] });
  });

  it("rate-limits per key: 429 with Retry-After", async () => {
    expect(LIMITS.partnerApiKey.points).toBeGreaterThan(0);
    const team = await createTeam(t.db, { status: "authorized" });
    const key = await createApiKey(t.db, team.owner.id, team.partner.slug, { name: "crm", scopes: ["leads:read"] });
    const seen: string[] = [];
    const limited = {
      consume: async (name: string, k: string) => {
        seen.push(`${name}:${k}`);
        throw new DomainError("RATE_LIMITED", "Too many attempts", { retryAfter: 42 });
      },
      blockedFor: async () => 0,
    };
    const r = (await authenticateApiRequest(bearer(key.key), { db: t.db, rateLimits: limited }, "leads:read")) as Response;
    expect(r.status).toBe(429);
    expect(r.headers.get("retry-after")).toBe("42");
    expect(await r.json()).toMatchObject({ error: "rate_limited" });
    expect(seen).toEqual([`partnerApiKey:${key.id}`]);
  });
});
