// `npm run bench:leads`: trial requests through the real HTTP form endpoint (every one double-submitted), then their
// email confirmations (every one double-clicked), and a count that no request or lead was lost or duplicated.
import { randomBytes } from "node:crypto";
import { promises as fs } from "node:fs";
import http from "node:http";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { sql } from "kysely";
import { createDb } from "../db/client.ts";
import { migrateAll } from "../db/migrator.ts";
import { seedDemoData } from "../db/seed/seed.ts";
import { companySizeIds } from "../src/domain/catalog/vocabulary.ts";
import { LIMITS } from "../src/server/rate-limit.ts";
import { startCpuMeter } from "./cpu.ts";
import { cleanup, cleanups, condense, createDatabase, dropDatabase, machine, say, seconds, startServers } from "./harness.ts";
import { ms, rate, summarize, table } from "./stats.ts";
import { startWebServer } from "./web-server.ts";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");

const { values: args } = parseArgs({
  options: {
    /** Distinct trial requests; each is sent twice at once, so the form endpoint gets twice as many POSTs. */
    requests: { type: "string", default: "2000" },
    /** Requests in flight (each a pair of simultaneous POSTs). */
    concurrency: { type: "string", default: "8" },
  },
});
const REQUESTS = positiveInt("requests", args.requests);
const CONCURRENCY = positiveInt("concurrency", args.concurrency);

function positiveInt(name: string, raw: string | undefined): number {
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 1) {
    console.error(`--${name} must be a positive integer (got ${raw})`);
    process.exit(2);
  }
  return n;
}

/**
 * The form is rate limited per client address (R10 anti-abuse), and this benchmark must not switch that off: the
 * requests come from many loopback source addresses instead (all of 127.0.0.0/8 is local on Linux), each sending
 * fewer POSTs than its hourly allowance.
 */
const POSTS_PER_ADDRESS = LIMITS.publicFormClient.points - 2;
const agents = new Map<string, http.Agent>();
function agentFor(i: number): http.Agent {
  const slot = Math.floor((i * 2) / POSTS_PER_ADDRESS);
  const address = `127.${100 + (slot >> 16)}.${(slot >> 8) & 255}.${(slot & 255) + 1}`;
  let agent = agents.get(address);
  if (!agent) {
    agent = new http.Agent({ keepAlive: true, localAddress: address, maxSockets: 4 });
    agents.set(address, agent);
  }
  return agent;
}

interface Reply {
  status: number;
  location: string | undefined;
  ms: number;
}

function postForm(baseUrl: string, pathname: string, form: URLSearchParams, agent: http.Agent): Promise<Reply> {
  const body = form.toString();
  const url = new URL(pathname, baseUrl);
  const t0 = performance.now();
  return new Promise((resolve, reject) => {
    const req = http.request(
      url,
      {
        method: "POST",
        agent,
        headers: {
          "Content-Type": "application/x-www-form-urlencoded",
          "Content-Length": Buffer.byteLength(body),
          // The same origin as the site, as a browser sends it (cross-site form posts are refused).
          Origin: baseUrl,
        },
      },
      (res) => {
        res.resume();
        res.on("end", () => resolve({ status: res.statusCode ?? 0, location: res.headers.location, ms: performance.now() - t0 }));
        res.on("error", reject);
      },
    );
    req.on("error", reject);
    req.end(body);
  });
}

/** Runs `task(i)` for i in [0, total) with `concurrency` in flight; returns the wall time in seconds. */
async function inPool(total: number, concurrency: number, task: (i: number) => Promise<void>): Promise<number> {
  let next = 0;
  const t0 = performance.now();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      for (let i = next++; i < total; i = next++) await task(i);
    }),
  );
  return seconds(t0);
}

interface PhaseResult {
  name: string;
  posts: number;
  statuses: Map<number, number>;
  latencies: number[];
  seconds: number;
  /** Distinct things (requests, leads) this phase produced per second of wall time. */
  perSecond: number;
  cpu: Record<string, number | undefined>;
}

function statusLine(statuses: Map<number, number>): string {
  return [...statuses.entries()].sort(([a], [b]) => a - b).map(([s, n]) => `${s}×${n}`).join(" ");
}

async function main(): Promise<void> {
  const runId = randomBytes(3).toString("hex");
  say(`[bench] leads benchmark: ${REQUESTS} trial requests, each POSTed twice at once, ${CONCURRENCY} in flight; then their confirmations, each POSTed twice`);
  const tmp = await fs.mkdtemp(path.join(os.tmpdir(), "bench-leads-"));
  cleanups.push({ name: "remove the temp dir", run: () => fs.rm(tmp, { recursive: true, force: true }) });
  const servers = await startServers(tmp);

  const dbName = `bench_leads_${runId}`;
  const databaseUrl = await createDatabase(servers.adminUrl, dbName);
  if (servers.external.db) cleanups.push({ name: "drop the database", run: () => dropDatabase(servers.adminUrl, dbName) });
  const db = createDb(databaseUrl, { max: 4, applicationName: "bench-leads" });
  cleanups.push({ name: "close the pool", run: () => db.destroy() });
  await migrateAll(db, databaseUrl);
  const seeded = await seedDemoData(db);
  say(`[db] ${dbName}: migrated, demo data seeded (${seeded.counts.partners ?? 0} partners)`);
  say(`[machine] ${Object.entries(await machine(db, servers.meiliUrl, servers.meiliKey)).map(([k, v]) => `${k}: ${v}`).join(" | ")}`);

  // Public listings (R1) and the services each offers: a request may only ask for those.
  const listings = await db
    .selectFrom("listings as l")
    .innerJoin("partners as p", "p.id", "l.partner_id")
    .innerJoin("listing_services as ls", "ls.listing_id", "l.id")
    .select(["l.slug", (eb) => eb.fn.agg<string[]>("array_agg", ["ls.service_id"]).as("services")])
    .where("l.status", "=", "published")
    .where("p.status", "=", "authorized")
    .groupBy("l.slug")
    .orderBy("l.slug")
    .execute();
  if (listings.length === 0) throw new Error("the demo data has no public listing");

  const web = await startWebServer({
    root,
    databaseUrl,
    meiliUrl: servers.meiliUrl,
    meiliMasterKey: servers.meiliKey,
    indexPrefix: `bench_leads_${runId}_`,
    log: (line) => say(`[web] ${condense(line)}`),
  });
  cleanups.push({ name: "stop the web server", run: () => web.stop() });
  say(`[web] ${web.baseUrl} healthy; ${listings.length} public listings take requests`);
  const cpuPids = () => ({ web: web.pid, postgres: servers.pids.postgres });

  const emailOf = (i: number) => `bench-${runId}-${i}@example.com`;
  const formOf = (i: number) => {
    const listing = listings[i % listings.length]!;
    const form = new URLSearchParams({
      name: `Customer ${i}`,
      email: emailOf(i),
      company: `Company ${i} 주식회사`,
      companySize: companySizeIds[i % companySizeIds.length]!,
      country: i % 3 === 0 ? "KR" : "US",
      seats: String(10 + (i % 500)),
      message: "We would like to try the services for our team.",
      website: "",
    });
    for (const service of listing.services.slice(0, 1 + (i % 2))) form.append("services", service);
    return { path: `/partners/${listing.slug}`, form };
  };

  const runPhase = async (name: string, total: number, send: (i: number) => Promise<Reply[]>): Promise<PhaseResult> => {
    const statuses = new Map<number, number>();
    const latencies: number[] = [];
    const cpu = startCpuMeter(cpuPids());
    const wall = await inPool(total, CONCURRENCY, async (i) => {
      for (const reply of await send(i)) {
        statuses.set(reply.status, (statuses.get(reply.status) ?? 0) + 1);
        latencies.push(reply.ms);
      }
    });
    const result = { name, posts: latencies.length, statuses, latencies, seconds: wall, perSecond: total / wall, cpu: cpu.stop() };
    const s = summarize(latencies);
    say(
      `[${name}] ${total} in ${wall.toFixed(1)} s = ${rate(total, wall)}/s (${latencies.length} POSTs: ${statusLine(statuses)}); ` +
        `p50 ${ms(s.p50)} p95 ${ms(s.p95)} p99 ${ms(s.p99)} ms`,
    );
    return result;
  };

  // 1. Submissions: each one twice at the same moment (a double click).
  const submit = await runPhase("submit", REQUESTS, async (i) => {
    const { path: pathname, form } = formOf(i);
    const agent = agentFor(i);
    return Promise.all([postForm(web.baseUrl, pathname, form, agent), postForm(web.baseUrl, pathname, form, agent)]);
  });

  const pattern = `bench-${runId}-%`;
  const stored = await db
    .selectFrom("trial_requests")
    .select([(eb) => eb.fn.countAll<number>().as("rows"), sql<number>`count(distinct lower(contact_email))::int`.as("people")])
    .where("contact_email", "like", pattern)
    .executeTakeFirstOrThrow();
  // The confirmation links, as the customers received them (the outbox holds each mail).
  const mails = await db
    .selectFrom("email_outbox")
    .select("text_body")
    .where("template", "=", "trial-request-confirm")
    .where("to_address", "like", pattern)
    .execute();
  const tokens = mails.map((m) => /[?&]token=([a-z2-7]+)/.exec(m.text_body)?.[1] ?? "").filter(Boolean);
  say(`[submit] stored ${stored.rows} trial requests for ${stored.people} addresses; ${tokens.length} confirmation mails`);

  // 2. Confirmations: each link's button clicked twice at once; the second finds the token spent.
  const confirm = await runPhase("confirm", tokens.length, async (i) => {
    const form = new URLSearchParams({ token: tokens[i]! });
    const agent = agentFor(i);
    return Promise.all([
      postForm(web.baseUrl, "/trial-requests/confirm", form, agent),
      postForm(web.baseUrl, "/trial-requests/confirm", form, agent),
    ]);
  });

  const leads = await db
    .selectFrom("leads")
    .select([(eb) => eb.fn.countAll<number>().as("rows"), sql<number>`count(distinct lower(contact_email))::int`.as("people")])
    .where("contact_email", "like", pattern)
    .executeTakeFirstOrThrow();
  const linked = await db
    .selectFrom("trial_requests")
    .select((eb) => eb.fn.countAll<number>().as("n"))
    .where("contact_email", "like", pattern)
    .where("status", "=", "confirmed")
    .where("lead_id", "is not", null)
    .executeTakeFirstOrThrow();

  const lostRequests = REQUESTS - Number(stored.people);
  const duplicateRequests = Number(stored.rows) - Number(stored.people);
  const lostLeads = REQUESTS - Number(leads.people);
  const duplicateLeads = Number(leads.rows) - Number(leads.people);
  const serverErrors = [submit, confirm].reduce((n, p) => n + [...p.statuses].filter(([s]) => s >= 500 || s === 0).reduce((a, [, c]) => a + c, 0), 0);

  say();
  say(
    table(
      ["phase", "distinct", "POSTs", "statuses", "p50 ms", "p95 ms", "p99 ms", "per second", "CPU ms/POST web · pg"],
      [submit, confirm].map((p) => {
        const s = summarize(p.latencies);
        const cpu = (name: string) => (p.cpu[name] === undefined ? "–" : ms((p.cpu[name]! * 1000) / p.posts));
        return [p.name, String(p.name === "submit" ? REQUESTS : tokens.length), String(p.posts), statusLine(p.statuses), ms(s.p50), ms(s.p95), ms(s.p99), rate(p.perSecond * p.seconds, p.seconds), `${cpu("web")} · ${cpu("postgres")}`];
      }),
    ),
  );
  say();
  say(
    `[result] trial requests: ${stored.rows} stored for ${REQUESTS} sent (lost ${lostRequests}, duplicated ${duplicateRequests}); ` +
      `leads: ${leads.rows} (lost ${lostLeads}, duplicated ${duplicateLeads}); confirmed requests linked to a lead: ${linked.n}; ` +
      `server errors: ${serverErrors}`,
  );
  const ok = lostRequests === 0 && duplicateRequests === 0 && lostLeads === 0 && duplicateLeads === 0 && serverErrors === 0;
  say(ok ? "[result] PASS: zero lost or duplicated requests and leads" : "[result] FAIL: see the counts above");
  process.exitCode = ok ? 0 : 1;
}

main()
  .catch((error: unknown) => {
    console.error("[bench] failed:", error instanceof Error ? (error.stack ?? error.message) : error);
    process.exitCode = 1;
  })
  .finally(() => cleanup().finally(() => {
    for (const agent of agents.values()) agent.destroy();
  }));
