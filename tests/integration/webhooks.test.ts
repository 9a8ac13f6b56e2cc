// Webhooks (issue 5): lead_events → trigger → fan-out → signed POST to a real local receiver, verified with the exact
// recipe of docs/webhooks.md; retries after a failing receiver; idempotent fan-out; redelivery; SSRF refusals.
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import http from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { Logger, runOnce } from "graphile-worker";
import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Database } from "../../db/client.ts";
import { deliverWebhook, fanOutLeadEvent } from "../../src/domain/integrations/deliveries.ts";
import { WebhookPayloadSchema } from "../../src/domain/integrations/lead-payload.ts";
import { checkWebhookUrl, guardedLookup, isPublicAddress } from "../../src/domain/integrations/url-policy.ts";
import { createEndpoint, listDeliveries, redeliver, rotateEndpointSecret, setEndpointActive } from "../../src/domain/integrations/webhooks.ts";
import { updatePartnerLead } from "../../src/domain/leads/inbox.ts";
import { createLogger } from "../../src/server/logger.ts";
import { createTaskList } from "../../src/server/worker.ts";
import { createLead } from "../factories.ts";
import { useTestDatabase } from "../setup/db.ts";
import { createTeam, expectCode } from "./portal-helpers.ts";

const quiet = new Logger(() => () => {});
const silent = createLogger("silent");
const local = { allowPrivate: true };
const production = { allowPrivate: false };

interface Received {
  headers: http.IncomingHttpHeaders;
  body: string;
}

/** A webhook receiver on 127.0.0.1 answering `status` (changeable). */
async function startReceiver(status = 200) {
  const received: Received[] = [];
  const state = { status };
  const server = http.createServer((req, res) => {
    let body = "";
    req.setEncoding("utf8");
    req.on("data", (chunk: string) => (body += chunk));
    req.on("end", () => {
      received.push({ headers: req.headers, body });
      res.writeHead(state.status, { "content-type": "text/plain" });
      res.end(state.status >= 300 ? "receiver is down for maintenance" : "ok");
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/hooks/marketplace`,
    received,
    state,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** The Node snippet of docs/webhooks.md, loaded verbatim, so the test proves the documented recipe. */
async function documentedVerifier(): Promise<(secret: string, headers: http.IncomingHttpHeaders, rawBody: string, now?: number) => boolean> {
  const doc = readFileSync(path.resolve("docs/webhooks.md"), "utf8");
  const snippet = /```js\n([\s\S]*?)```/.exec(doc)?.[1];
  if (!snippet) throw new Error("docs/webhooks.md has no js snippet");
  const file = path.join(mkdtempSync(path.join(tmpdir(), "webhook-doc-")), "verify.mjs");
  writeFileSync(file, snippet);
  const module = (await import(pathToFileURL(file).href)) as { verifyWebhook: (...args: unknown[]) => boolean };
  return module.verifyWebhook as never;
}

async function addEvent(db: Database, leadId: string, type: string, data: Record<string, unknown> = {}) {
  const row = await db.insertInto("lead_events").values({ lead_id: leadId, type, data: JSON.stringify(data) }).returning("id").executeTakeFirstOrThrow();
  return Number(row.id);
}

describe("webhooks", () => {
  const t = useTestDatabase();
  const receivers: Array<Awaited<ReturnType<typeof startReceiver>>> = [];
  let verifyWebhook: Awaited<ReturnType<typeof documentedVerifier>>;

  beforeAll(async () => {
    verifyWebhook = await documentedVerifier();
  });
  afterAll(async () => {
    await Promise.all(receivers.map((r) => r.close()));
  });
  const receiver = async (status = 200) => {
    const r = await startReceiver(status);
    receivers.push(r);
    return r;
  };

  const work = () =>
    runOnce({ connectionString: t.url, logger: quiet, taskList: createTaskList({ db: t.db, meili: null, indexPrefix: "", logger: silent, webhookPolicy: local }) });
  const jobs = async (task: string) =>
    (
      await sql<{ id: string; attempts: number; max_attempts: number; last_error: string | null; payload: unknown }>`
        select j.id, j.attempts, j.max_attempts, j.last_error, j.payload from graphile_worker._private_jobs j
        join graphile_worker._private_tasks k on k.id = j.task_id where k.identifier = ${task} order by j.id`.execute(t.db)
    ).rows;
  const clearJobs = () => sql`delete from graphile_worker._private_jobs`.execute(t.db);
  const deliveriesOf = (endpointId: string) =>
    t.db.selectFrom("webhook_deliveries").selectAll().where("endpoint_id", "=", endpointId).orderBy("id").execute();

  async function setup(status = 200, events: Array<"lead.created" | "lead.updated"> = ["lead.created", "lead.updated"]) {
    const team = await createTeam(t.db, { status: "authorized" });
    const r = await receiver(status);
    const endpoint = await createEndpoint(t.db, { userId: team.owner.id, policy: local }, team.partner.slug, { url: r.url, description: "CRM", events });
    return { team, r, endpoint };
  }

  it("issue 5: a confirmed lead reaches the receiver as lead.created, signed so the docs/webhooks.md recipe verifies it", async () => {
    await clearJobs();
    const { team, r, endpoint } = await setup();
    const lead = await createLead(t.db, team.partner.id);
    await addEvent(t.db, lead, "created");
    expect(await jobs("webhooks:lead-event")).toHaveLength(0); // `created` alone is not sent: the lead appears at confirmation
    const eventId = await addEvent(t.db, lead, "confirmed");
    expect((await jobs("webhooks:lead-event")).map((j) => j.payload)).toEqual([{ eventId }]);

    await work();
    expect(r.received).toHaveLength(1);
    const [message] = r.received;
    expect(message!.headers["content-type"]).toBe("application/json");
    expect(message!.headers["webhook-id"]).toBe(`evt_${eventId}`);
    expect(message!.headers["webhook-event"]).toBe("lead.created");
    expect(message!.headers["webhook-signature"]).toMatch(/^v1=[0-9a-f]{64}$/);
    expect(verifyWebhook(endpoint.secret, message!.headers, message!.body)).toBe(true);
    // Tampered body, wrong secret, or a replay after the 5-minute tolerance: refused.
    expect(verifyWebhook(endpoint.secret, message!.headers, message!.body.replace("Acme", "Evil"))).toBe(false);
    expect(verifyWebhook("whsec_wrong", message!.headers, message!.body)).toBe(false);
    expect(verifyWebhook(endpoint.secret, message!.headers, message!.body, Date.now() + 6 * 60_000)).toBe(false);

    const payload = WebhookPayloadSchema.parse(JSON.parse(message!.body));
    expect(payload).toMatchObject({ id: `evt_${eventId}`, type: "lead.created", data: { lead: { id: lead, company: "Acme", status: "new" }, event: { id: eventId, type: "confirmed" } } });
    const [delivery] = await deliveriesOf(endpoint.id);
    expect(delivery).toMatchObject({ status: "succeeded", attempts: 1, last_status_code: 200, event_type: "lead.created" });
    expect(delivery!.delivered_at).not.toBeNull();
  });

  it("issue 5: lead changes through the inbox core (status, assignee, note) become lead.updated deliveries", async () => {
    await clearJobs();
    const { team, r, endpoint } = await setup(200, ["lead.updated"]);
    const lead = await createLead(t.db, team.partner.id);
    await addEvent(t.db, lead, "confirmed"); // this endpoint didn't subscribe to lead.created
    expect(await jobs("webhooks:lead-event")).toHaveLength(0);
    await updatePartnerLead(t.db, { partnerId: team.partner.id, actor: { userId: team.member.id } }, lead, {
      status: "contacted",
      assigneeUserId: team.member.id,
      note: "Called, sending a trial next week",
    });
    expect(await jobs("webhooks:lead-event")).toHaveLength(3);
    await work();
    expect(r.received.map((m) => JSON.parse(m.body).data.event.type)).toEqual(expect.arrayContaining(["status_changed", "assigned", "note_added"]));
    for (const m of r.received) {
      expect(m.headers["webhook-event"]).toBe("lead.updated");
      expect(verifyWebhook(endpoint.secret, m.headers, m.body)).toBe(true);
    }
    expect((await deliveriesOf(endpoint.id)).map((d) => d.status)).toEqual(["succeeded", "succeeded", "succeeded"]);
  });

  it("issue 5: a failing receiver (500) makes the job retry with backoff, the log records each code, and the retry succeeds", async () => {
    await clearJobs();
    const { team, r, endpoint } = await setup(500);
    const lead = await createLead(t.db, team.partner.id);
    const eventId = await addEvent(t.db, lead, "confirmed");
    await work();
    expect(r.received).toHaveLength(1);
    let [delivery] = await deliveriesOf(endpoint.id);
    expect(delivery).toMatchObject({ status: "pending", attempts: 1, last_status_code: 500, response_excerpt: "receiver is down for maintenance" });
    // The next try is scheduled after this one (compared with the attempt's own time, not the test's clock).
    expect(new Date(delivery!.next_attempt_at!).getTime()).toBeGreaterThan(new Date(delivery!.last_attempt_at!).getTime());
    const [job] = await jobs("webhooks:deliver");
    expect(job).toMatchObject({ attempts: 1, max_attempts: 8 });
    expect(job!.last_error).toMatch(/failed \(500\)/);

    // Still down at the second attempt.
    await sql`select graphile_worker.reschedule_jobs(array(select id from graphile_worker.jobs where task_identifier = 'webhooks:deliver'), run_at => now())`.execute(t.db);
    await work();
    [delivery] = await deliveriesOf(endpoint.id);
    expect(delivery).toMatchObject({ status: "pending", attempts: 2, last_status_code: 500 });

    // The receiver recovers; the backoff is cut short.
    r.state.status = 204;
    await sql`select graphile_worker.reschedule_jobs(array(select id from graphile_worker.jobs where task_identifier = 'webhooks:deliver'), run_at => now())`.execute(t.db);
    await work();
    expect(r.received).toHaveLength(3);
    // Same event id on every attempt (receivers deduplicate on it), each freshly signed.
    expect(new Set(r.received.map((m) => m.headers["webhook-id"]))).toEqual(new Set([`evt_${eventId}`]));
    for (const m of r.received) expect(verifyWebhook(endpoint.secret, m.headers, m.body)).toBe(true);
    [delivery] = await deliveriesOf(endpoint.id);
    expect(delivery).toMatchObject({ status: "succeeded", attempts: 3, last_status_code: 204 });
    expect((delivery!.attempt_log as Array<{ code: number }>).map((a) => a.code)).toEqual([500, 500, 204]);
    expect(await jobs("webhooks:deliver")).toHaveLength(0);

    const log = await listDeliveries(t.db, team.admin.id, team.partner.slug, endpoint.id);
    expect(log).toHaveLength(1);
    expect(log[0]).toMatchObject({ eventId: `evt_${eventId}`, eventType: "lead.created", status: "succeeded", attempts: 3, lastStatusCode: 204 });
  });

  it("issue 5: the last attempt marks the delivery failed; a manual redelivery re-enqueues it and it succeeds", async () => {
    await clearJobs();
    const { team, r, endpoint } = await setup(503);
    const lead = await createLead(t.db, team.partner.id);
    await addEvent(t.db, lead, "confirmed");
    // Fan out only, then attempt as the job's last attempt.
    await sql`select graphile_worker.reschedule_jobs(array(select id from graphile_worker.jobs where task_identifier = 'webhooks:lead-event'), run_at => now())`.execute(t.db);
    const eventJobs = await jobs("webhooks:lead-event");
    const [deliveryId] = await fanOutLeadEvent(t.db, (eventJobs[0]!.payload as { eventId: number }).eventId);
    await expect(deliverWebhook(t.db, deliveryId!, { policy: local, attempt: 8, maxAttempts: 8 })).rejects.toThrow(/503/);
    let [delivery] = await deliveriesOf(endpoint.id);
    expect(delivery).toMatchObject({ status: "failed", attempts: 1, last_status_code: 503 });
    expect(delivery!.next_attempt_at).toBeNull();

    await clearJobs();
    r.state.status = 200;
    await expectCode(redeliver(t.db, team.member.id, team.partner.slug, endpoint.id, deliveryId!), "FORBIDDEN");
    await redeliver(t.db, team.admin.id, team.partner.slug, endpoint.id, deliveryId!);
    expect((await jobs("webhooks:deliver")).map((j) => j.payload)).toEqual([{ deliveryId }]);
    await work();
    [delivery] = await deliveriesOf(endpoint.id);
    expect(delivery).toMatchObject({ status: "succeeded", attempts: 2, last_status_code: 200 });
    expect(r.received).toHaveLength(2);
    expect(r.received[0]!.body).toBe(r.received[1]!.body);
  });

  it("issue 5: the fan-out is idempotent: running it again adds no delivery and no job", async () => {
    await clearJobs();
    const { team, endpoint } = await setup();
    const second = await createEndpoint(t.db, { userId: team.owner.id, policy: local }, team.partner.slug, { url: "http://127.0.0.1:9/other", events: ["lead.created"] });
    const lead = await createLead(t.db, team.partner.id);
    const eventId = await addEvent(t.db, lead, "confirmed");
    const first = await fanOutLeadEvent(t.db, eventId);
    expect(first).toHaveLength(2);
    expect(await fanOutLeadEvent(t.db, eventId)).toEqual([]);
    expect(await fanOutLeadEvent(t.db, eventId)).toEqual([]);
    expect(await deliveriesOf(endpoint.id)).toHaveLength(1);
    expect(await deliveriesOf(second.id)).toHaveLength(1);
    expect(await jobs("webhooks:deliver")).toHaveLength(2);
    await clearJobs();
  });

  it("issue 5: no job without an active subscribed endpoint; R1: nothing is pushed for a suspended organization", async () => {
    await clearJobs();
    const bare = await createTeam(t.db, { status: "authorized" });
    await addEvent(t.db, await createLead(t.db, bare.partner.id), "confirmed");
    expect(await jobs("webhooks:lead-event")).toHaveLength(0);

    const { team, endpoint } = await setup();
    await setEndpointActive(t.db, team.owner.id, team.partner.slug, endpoint.id, false);
    await addEvent(t.db, await createLead(t.db, team.partner.id), "confirmed");
    expect(await jobs("webhooks:lead-event")).toHaveLength(0);

    await setEndpointActive(t.db, team.owner.id, team.partner.slug, endpoint.id, true);
    await t.db.updateTable("partners").set({ status: "suspended" }).where("id", "=", team.partner.id).execute();
    const eventId = await addEvent(t.db, await createLead(t.db, team.partner.id), "confirmed");
    expect(await fanOutLeadEvent(t.db, eventId)).toEqual([]);
    expect(await deliveriesOf(endpoint.id)).toHaveLength(0);
    await clearJobs();
  });

  it("issue 5: a rotated secret signs the next delivery; the old one still verifies during the 24 h rollover, then no more", async () => {
    await clearJobs();
    const { team, r, endpoint } = await setup();
    const { secret } = await rotateEndpointSecret(t.db, team.owner.id, team.partner.slug, endpoint.id);
    expect(secret).toMatch(/^whsec_[a-z2-7]{32}$/);
    expect(secret).not.toBe(endpoint.secret);
    await addEvent(t.db, await createLead(t.db, team.partner.id), "confirmed");
    await work();
    // Two v1 signatures in one header: the documented recipe accepts either.
    expect(String(r.received[0]!.headers["webhook-signature"]).split(" ")).toHaveLength(2);
    expect(verifyWebhook(secret, r.received[0]!.headers, r.received[0]!.body)).toBe(true);
    expect(verifyWebhook(endpoint.secret, r.received[0]!.headers, r.received[0]!.body)).toBe(true);

    // The window ends: only the new secret signs.
    await t.db.updateTable("webhook_endpoints").set({ previous_secret_expires_at: new Date(Date.now() - 1000) }).where("id", "=", endpoint.id).execute();
    await addEvent(t.db, await createLead(t.db, team.partner.id), "confirmed");
    await work();
    const latest = r.received.at(-1)!;
    expect(String(latest.headers["webhook-signature"]).split(" ")).toHaveLength(1);
    expect(verifyWebhook(secret, latest.headers, latest.body)).toBe(true);
    expect(verifyWebhook(endpoint.secret, latest.headers, latest.body)).toBe(false);
  });

  it("a double-submitted 'Add endpoint' creates one endpoint (one per URL and organization), so events aren't delivered twice", async () => {
    const team = await createTeam(t.db, { status: "authorized" });
    const add = () =>
      createEndpoint(t.db, { userId: team.owner.id, policy: local }, team.partner.slug, { url: "http://127.0.0.1:9/crm", events: ["lead.created"] }).then(
        () => "created",
        (e: { code?: string; fields?: Record<string, string[]> }) => `${e.code}:${e.fields?.url?.join()}`,
      );
    const outcomes = (await Promise.all([add(), add()])).sort();
    expect(outcomes).toEqual(["VALIDATION_FAILED:integrations.error.urlTaken", "created"]);
    expect(await t.db.selectFrom("webhook_endpoints").select("id").where("partner_id", "=", team.partner.id).execute()).toHaveLength(1);
    // Another organization may use the same receiver.
    const other = await createTeam(t.db, { status: "authorized" });
    await createEndpoint(t.db, { userId: other.owner.id, policy: local }, other.partner.slug, { url: "http://127.0.0.1:9/crm", events: ["lead.created"] });
  });

  it("apiKeys.manage: members can't manage endpoints, other organizations can't see them", async () => {
    const { team, endpoint } = await setup();
    const other = await createTeam(t.db, { status: "authorized" });
    await expectCode(createEndpoint(t.db, { userId: team.member.id, policy: local }, team.partner.slug, { url: "https://crm.example/hook", events: ["lead.created"] }), "FORBIDDEN");
    await expectCode(listDeliveries(t.db, other.owner.id, team.partner.slug, endpoint.id), "NOT_FOUND");
    await expectCode(listDeliveries(t.db, other.owner.id, other.partner.slug, endpoint.id), "NOT_FOUND");
    await expectCode(rotateEndpointSecret(t.db, other.owner.id, other.partner.slug, endpoint.id), "NOT_FOUND");
  });

  describe("SSRF (production policy)", () => {
    it("issue 5: refuses http, loopback, private, link-local/metadata, IPv6 loopback and ULA, and hosts resolving to loopback", async () => {
      const reasons = async (url: string) => {
        const check = await checkWebhookUrl(url, production);
        return check.ok ? "ok" : check.reason;
      };
      expect(await reasons("http://crm.example.com/hook")).toBe("https");
      expect(await reasons("https://127.0.0.1/hook")).toBe("private");
      expect(await reasons("https://127.1:8443/hook")).toBe("private");
      expect(await reasons("https://2130706433/hook")).toBe("private");
      expect(await reasons("https://10.1.2.3/hook")).toBe("private");
      expect(await reasons("https://172.20.0.5/hook")).toBe("private");
      expect(await reasons("https://192.168.1.10/hook")).toBe("private");
      expect(await reasons("https://169.254.169.254/latest/meta-data/")).toBe("private");
      expect(await reasons("https://100.64.0.1/")).toBe("private");
      expect(await reasons("https://[::1]/hook")).toBe("private");
      expect(await reasons("https://[::ffff:127.0.0.1]/hook")).toBe("private");
      expect(await reasons("https://[fd00:ec2::254]/")).toBe("private");
      expect(await reasons("https://[fe80::1]/")).toBe("private");
      expect(await reasons("https://localhost/hook")).toBe("private");
      expect(await reasons("https://user:pass@93.184.216.34/")).toBe("invalid");
      expect(await reasons("ftp://93.184.216.34/")).toBe("invalid");
      // Public literals pass without any DNS.
      expect(await reasons("https://93.184.216.34/hook")).toBe("ok");
      expect(await reasons("https://[2606:2800:220:1:248:1893:25c8:1946]/hook")).toBe("ok");
      expect(isPublicAddress("8.8.8.8")).toBe(true);
      // Outside production a local receiver is fine.
      expect((await checkWebhookUrl("http://127.0.0.1:3000/hook", local)).ok).toBe(true);
    });

    it("issue 5: refuses such endpoints at creation with a field error", async () => {
      const team = await createTeam(t.db, { status: "authorized" });
      for (const url of ["https://127.0.0.1/hook", "https://10.0.0.8/hook", "https://169.254.169.254/", "https://[::1]/", "https://localhost:8443/"]) {
        const error = await createEndpoint(t.db, { userId: team.owner.id, policy: production }, team.partner.slug, { url, events: ["lead.created"] }).catch((e: unknown) => e);
        expect(error).toMatchObject({ code: "VALIDATION_FAILED", fields: { url: ["integrations.error.urlPrivate"] } });
      }
      const http = await createEndpoint(t.db, { userId: team.owner.id, policy: production }, team.partner.slug, { url: "http://93.184.216.34/", events: ["lead.created"] }).catch((e: unknown) => e);
      expect(http).toMatchObject({ code: "VALIDATION_FAILED", fields: { url: ["integrations.error.urlHttps"] } });
      expect(await t.db.selectFrom("webhook_endpoints").select("id").where("partner_id", "=", team.partner.id).execute()).toEqual([]);
    });

    it("issue 5: checks again at delivery time: an endpoint that now points at a private address fails without a request or retry", async () => {
      await clearJobs();
      const { team, r, endpoint } = await setup();
      const eventId = await addEvent(t.db, await createLead(t.db, team.partner.id), "confirmed");
      const [deliveryId] = await fanOutLeadEvent(t.db, eventId);
      expect(await deliverWebhook(t.db, deliveryId!, { policy: production, attempt: 1, maxAttempts: 8 })).toBe("failed");
      expect(r.received).toHaveLength(0);
      const [delivery] = await deliveriesOf(endpoint.id);
      expect(delivery).toMatchObject({ status: "failed", attempts: 1, last_status_code: null });
      expect(delivery!.last_error).toMatch(/refused/);
      await clearJobs();
    });

    it("issue 5: the connection-time lookup refuses a host name resolving to loopback (no DNS-rebinding window)", async () => {
      const lookup = guardedLookup(production);
      const error = await new Promise<NodeJS.ErrnoException | null>((resolve) => lookup("localhost", {}, (e) => resolve(e)));
      expect(error?.code).toBe("EADDRNOTPUBLIC");
      const allowed = await new Promise<NodeJS.ErrnoException | null>((resolve) => guardedLookup(local)("localhost", {}, (e) => resolve(e)));
      expect(allowed).toBeNull();
    });
  });
});
