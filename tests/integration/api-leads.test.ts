// The partner leads API (issue 5) on real Postgres: tenant isolation (R10), scopes, cursor pagination, the pipeline's
// rules through PATCH (422 / 409), request validation, and the documented response shapes; plus the Astro route files.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createApiKey } from "../../src/domain/integrations/api-keys.ts";
import { ApiLeadWithEventsSchema } from "../../src/domain/integrations/lead-payload.ts";
import { buildOpenApiDocument } from "../../src/server/openapi.ts";
import { getLeadHandler, LeadListResponseSchema, listLeadsHandler, patchLeadHandler } from "../../src/server/leads-api.ts";
import { createLead } from "../factories.ts";
import { useTestDatabase } from "../setup/db.ts";
import { createTeam, createUser } from "./portal-helpers.ts";

const noLimits = { consume: async () => {}, blockedFor: async () => 0 };
const BASE = "http://market.test/api/v1/leads";

describe("leads API", () => {
  const t = useTestDatabase();
  const deps = () => ({ db: t.db, rateLimits: noLimits });

  const request = (method: string, path: string, key: string, body?: unknown, contentType = "application/json") =>
    new Request(`${BASE}${path}`, {
      method,
      headers: { authorization: `Bearer ${key}`, ...(body !== undefined ? { "content-type": contentType } : {}) },
      ...(body !== undefined ? { body: typeof body === "string" ? body : JSON.stringify(body) } : {}),
    });
  const list = (key: string, query = "") => listLeadsHandler(deps(), request("GET", query ? `?${query}` : "", key));
  const get = (key: string, id: string) => getLeadHandler(deps(), request("GET", `/${id}`, key), id);
  const patch = (key: string, id: string, body: unknown, contentType?: string) => patchLeadHandler(deps(), request("PATCH", `/${id}`, key, body, contentType), id);

  async function org() {
    const team = await createTeam(t.db, { status: "authorized" });
    const rw = (await createApiKey(t.db, team.owner.id, team.partner.slug, { name: "CRM", scopes: ["leads:read", "leads:write"] })).key;
    const ro = (await createApiKey(t.db, team.owner.id, team.partner.slug, { name: "Reports", scopes: ["leads:read"] })).key;
    const wo = (await createApiKey(t.db, team.owner.id, team.partner.slug, { name: "Writer", scopes: ["leads:write"] })).key;
    return { team, rw, ro, wo };
  }

  it("R10: a key of organization A never sees organization B's leads (list, get, patch → 404), and nothing changes", async () => {
    const a = await org();
    const b = await org();
    const aLead = await createLead(t.db, a.team.partner.id, { company: "A's customer" });
    const bLead = await createLead(t.db, b.team.partner.id, { company: "B's customer" });

    const listed = await list(a.rw);
    expect(listed.status).toBe(200);
    const body = LeadListResponseSchema.parse(await listed.json());
    expect(body.data.map((l) => l.id)).toEqual([aLead]);

    const foreign = await get(a.rw, bLead);
    expect(foreign.status).toBe(404);
    expect(await foreign.json()).toMatchObject({ error: "not_found" });
    expect((await patch(a.rw, bLead, { status: "contacted" })).status).toBe(404);
    expect((await get(a.rw, "not-a-uuid")).status).toBe(404);
    const untouched = await t.db.selectFrom("leads").select("status").where("id", "=", bLead).executeTakeFirstOrThrow();
    expect(untouched.status).toBe("new");
    expect((await get(b.ro, bLead)).status).toBe(200);
  });

  it("issue 5: scopes are enforced: a read-only key can't PATCH, a write-only key can't read", async () => {
    const { team, ro, wo } = await org();
    const lead = await createLead(t.db, team.partner.id);
    const refused = await patch(ro, lead, { status: "contacted" });
    expect(refused.status).toBe(403);
    expect(await refused.json()).toMatchObject({ error: "insufficient_scope" });
    expect((await list(wo)).status).toBe(403);
    expect((await get(wo, lead)).status).toBe(403);
    const ok = await patch(wo, lead, { status: "contacted" });
    expect(ok.status).toBe(200);
    expect((await t.db.selectFrom("leads").select("status").where("id", "=", lead).executeTakeFirstOrThrow()).status).toBe("contacted");
  });

  it("issue 5: revoked and suspended-organization keys are refused by the endpoints (401, 403)", async () => {
    const { team, rw } = await org();
    await t.db.updateTable("partners").set({ status: "suspended" }).where("id", "=", team.partner.id).execute();
    const suspended = await list(rw);
    expect(suspended.status).toBe(403);
    expect(await suspended.json()).toMatchObject({ error: "partner_not_authorized" });
    await t.db.updateTable("partners").set({ status: "authorized" }).where("id", "=", team.partner.id).execute();
    await t.db.updateTable("api_keys").set({ revoked_at: new Date() }).where("partner_id", "=", team.partner.id).execute();
    const revoked = await list(rw);
    expect(revoked.status).toBe(401);
    expect(revoked.headers.get("www-authenticate")).toContain("Bearer");
  });

  it("issue 5: cursor pagination walks every lead exactly once, with filters, newest or oldest first", async () => {
    const { team, ro } = await org();
    const start = Date.UTC(2026, 10, 1);
    const ids: string[] = [];
    for (let i = 0; i < 7; i++) ids.push(await createLead(t.db, team.partner.id, { company: `Company ${i}`, createdAt: new Date(start + i * 60_000), country: i % 2 ? "US" : "KR" }));
    // Two leads with the same creation time: the id breaks the tie, neither is skipped.
    ids.push(await createLead(t.db, team.partner.id, { company: "Twin", createdAt: new Date(start + 6 * 60_000) }));

    const walk = async (query: string) => {
      const seen: string[] = [];
      let cursor: string | null = null;
      let pages = 0;
      do {
        const response = await list(ro, `${query}&limit=3${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ""}`);
        expect(response.status).toBe(200);
        const body = LeadListResponseSchema.parse(await response.json());
        expect(body.data.length).toBeLessThanOrEqual(3);
        seen.push(...body.data.map((l) => l.id));
        cursor = body.nextCursor;
        pages++;
      } while (cursor && pages < 10);
      return { seen, pages };
    };
    const newest = await walk("sort=newest");
    expect(newest.pages).toBe(3);
    expect(new Set(newest.seen).size).toBe(8);
    expect(newest.seen.slice(2)).toEqual(ids.slice(0, 6).reverse());
    const oldest = await walk("sort=oldest");
    expect(oldest.seen).toEqual([...newest.seen].reverse());

    const us = await walk("country=us");
    expect(us.seen).toEqual([ids[5], ids[3], ids[1]]);
    const range = await walk("createdFrom=2026-11-01T00:02:00Z&createdTo=2026-11-01T00:04:00Z");
    expect(range.seen).toEqual([ids[3], ids[2]]);
    const searched = await walk("q=twin");
    expect(searched.seen).toEqual([ids[7]]);
  });

  it("answers 400 with fields for invalid query parameters and cursors", async () => {
    const { ro } = await org();
    const bad = await list(ro, "status=won-ish&limit=1000&country=Korea");
    expect(bad.status).toBe(400);
    const body = (await bad.json()) as { error: string; fields: Record<string, string[]> };
    expect(body.error).toBe("invalid_parameters");
    expect(Object.keys(body.fields).sort()).toEqual(["country", "limit", "status"]);
    expect(body.fields.limit![0]).toMatch(/1 to 100/);
    const cursor = await list(ro, "cursor=garbage");
    expect(cursor.status).toBe(400);
    expect(Object.keys(((await cursor.json()) as { fields: object }).fields)).toEqual(["cursor"]);
  });

  it("issue 5: GET returns the documented lead with its timeline", async () => {
    const { team, rw } = await org();
    const lead = await createLead(t.db, team.partner.id);
    await t.db.insertInto("lead_events").values({ lead_id: lead, type: "confirmed", data: "{}" }).execute();
    const response = await get(rw, lead);
    expect(response.status).toBe(200);
    expect(response.headers.get("cache-control")).toBe("no-store");
    const body = ApiLeadWithEventsSchema.parse(await response.json());
    expect(body).toMatchObject({ id: lead, status: "new", company: "Acme", country: "KR", allowedNext: ["contacted", "lost", "spam"], assignee: null });
    expect(body.events.map((e) => e.type)).toEqual(["confirmed"]);
  });

  it("issue 5: PATCH follows the same pipeline rules as the inbox: invalid → 422 with fields, stale `from` → 409, valid → 200", async () => {
    const { team, rw } = await org();
    const lead = await createLead(t.db, team.partner.id);

    const jump = await patch(rw, lead, { status: "won" });
    expect(jump.status).toBe(422);
    expect(await jump.json()).toMatchObject({ error: "validation_failed", fields: { status: [expect.any(String)] } });
    const lost = await patch(rw, lead, { status: "lost" });
    expect(lost.status).toBe(422);
    expect(await lost.json()).toMatchObject({ fields: { lostReason: [expect.any(String)] } });
    const nothing = await patch(rw, lead, {});
    expect(nothing.status).toBe(422);

    const moved = await patch(rw, lead, { from: "new", status: "contacted", note: "Called them" });
    expect(moved.status).toBe(200);
    const after = ApiLeadWithEventsSchema.parse(await moved.json());
    expect(after.status).toBe("contacted");
    expect(after.firstResponseAt).not.toBeNull();
    expect(after.events.map((e) => e.type)).toEqual(["status_changed", "note_added"]);
    expect(after.events[0]!.actor).toMatchObject({ kind: "apiKey", label: "CRM" });

    const stale = await patch(rw, lead, { from: "new", status: "trial_invited" });
    expect(stale.status).toBe(409);
    expect(await stale.json()).toMatchObject({ error: "conflict" });
    expect((await t.db.selectFrom("leads").select("status").where("id", "=", lead).executeTakeFirstOrThrow()).status).toBe("contacted");

    const gone = await patch(rw, lead, { from: "contacted", status: "lost", lostReason: "Chose another partner" });
    expect(gone.status).toBe(200);
    expect(await gone.json()).toMatchObject({ status: "lost", lostReason: "Chose another partner", allowedNext: [] });
    expect((await patch(rw, lead, { status: "contacted" })).status).toBe(422);
  });

  it("issue 5: PATCH assigns only members of the organization, and unassigns with null", async () => {
    const { team, rw } = await org();
    const outsider = await createUser(t.db);
    const lead = await createLead(t.db, team.partner.id);
    const foreign = await patch(rw, lead, { assigneeUserId: outsider.id });
    expect(foreign.status).toBe(422);
    expect(await foreign.json()).toMatchObject({ fields: { assigneeUserId: [expect.any(String)] } });
    const assigned = await patch(rw, lead, { assigneeUserId: team.member.id });
    expect(assigned.status).toBe(200);
    expect(await assigned.json()).toMatchObject({ assignee: { userId: team.member.id, name: team.member.name } });
    const cleared = await patch(rw, lead, { assigneeUserId: null });
    expect(await cleared.json()).toMatchObject({ assignee: null });
  });

  it("PATCH refuses bodies that aren't JSON or don't match the schema (400) and other media types (415)", async () => {
    const { team, rw } = await org();
    const lead = await createLead(t.db, team.partner.id);
    const unknown = await patch(rw, lead, { status: "contacted", priority: "high" });
    expect(unknown.status).toBe(400);
    expect(await unknown.json()).toMatchObject({ error: "invalid_parameters", fields: { priority: [expect.any(String)] } });
    const wrongType = await patch(rw, lead, { status: "moved" });
    expect(wrongType.status).toBe(400);
    expect(await wrongType.json()).toMatchObject({ fields: { status: [expect.any(String)] } });
    expect((await patch(rw, lead, "{not json")).status).toBe(400);
    expect((await patch(rw, lead, "status=contacted", "application/x-www-form-urlencoded")).status).toBe(415);
    expect((await t.db.selectFrom("leads").select("status").where("id", "=", lead).executeTakeFirstOrThrow()).status).toBe("new");
  });

  it("issue 5: the OpenAPI document describes the leads paths with bearerAuth, the schemas and the webhooks", () => {
    // Walked as plain JSON: the document's type is deliberately loose.
    // eslint-disable-next-line @typescript-eslint/no-explicit-any
    const doc = JSON.parse(JSON.stringify(buildOpenApiDocument())) as any;
    expect(doc.components.securitySchemes.bearerAuth).toMatchObject({ type: "http", scheme: "bearer" });
    expect(doc.paths["/api/v1/leads"].get.security).toEqual([{ bearerAuth: ["leads:read"] }]);
    expect(doc.paths["/api/v1/leads/{id}"].patch.security).toEqual([{ bearerAuth: ["leads:write"] }]);
    expect(Object.keys(doc.paths["/api/v1/leads/{id}"].patch.responses)).toEqual(expect.arrayContaining(["200", "400", "401", "403", "404", "409", "422", "429"]));
    expect(doc.paths["/api/v1/leads"].get.parameters.map((p: { name: string }) => p.name)).toEqual(
      expect.arrayContaining(["status", "serviceId", "country", "createdFrom", "createdTo", "assignee", "q", "cursor", "limit"]),
    );
    for (const name of ["Lead", "LeadSummary", "LeadList", "LeadPatch", "PartnerApiError", "WebhookPayload"]) expect(doc.components.schemas[name]).toBeDefined();
    expect(Object.keys(doc.webhooks)).toEqual(["lead.created", "lead.updated"]);
    // Every $ref resolves.
    const refs = JSON.stringify(doc).match(/"#\/components\/schemas\/[^"]+"/g) ?? [];
    for (const ref of refs) expect(doc.components.schemas[ref.slice(22, -1)], ref).toBeDefined();
  });
});

describe("leads API through the Astro route files", () => {
  const t = useTestDatabase();
  let routes: { list: typeof import("../../src/pages/api/v1/leads/index.ts"); one: typeof import("../../src/pages/api/v1/leads/[id].ts") };

  beforeAll(async () => {
    // The routes use the process container, which reads DATABASE_URL on first use.
    process.env.DATABASE_URL = t.url;
    routes = { list: await import("../../src/pages/api/v1/leads/index.ts"), one: await import("../../src/pages/api/v1/leads/[id].ts") };
  });
  afterAll(async () => {
    const { getContainer } = await import("../../src/server/container.ts");
    await getContainer().rateLimits.close();
    await getContainer().db.destroy();
  });

  const ctx = (request: Request, params: Record<string, string> = {}) => ({ request, params, url: new URL(request.url) }) as never;

  it("issue 5: GET list, GET one, PATCH and 405 for other methods", async () => {
    const team = await createTeam(t.db, { status: "authorized" });
    const { key } = await createApiKey(t.db, team.owner.id, team.partner.slug, { name: "CRM", scopes: ["leads:read", "leads:write"] });
    const lead = await createLead(t.db, team.partner.id);
    const auth = { authorization: `Bearer ${key}` };

    const listed = await routes.list.GET(ctx(new Request(BASE, { headers: auth })));
    expect(listed.status).toBe(200);
    expect(((await listed.json()) as { data: unknown[] }).data).toHaveLength(1);
    const one = await routes.one.GET(ctx(new Request(`${BASE}/${lead}`, { headers: auth }), { id: lead }));
    expect(one.status).toBe(200);
    const patched = await routes.one.PATCH(
      ctx(new Request(`${BASE}/${lead}`, { method: "PATCH", headers: { ...auth, "content-type": "application/json" }, body: JSON.stringify({ status: "spam" }) }), { id: lead }),
    );
    expect(patched.status).toBe(200);
    expect(await patched.json()).toMatchObject({ status: "spam" });
    const deleted = await routes.one.ALL(ctx(new Request(`${BASE}/${lead}`, { method: "DELETE", headers: auth }), { id: lead }));
    expect(deleted.status).toBe(405);
    expect(deleted.headers.get("allow")).toBe("GET, HEAD, PATCH");
    const anonymous = await routes.list.GET(ctx(new Request(BASE)));
    expect(anonymous.status).toBe(401);
  });
});
