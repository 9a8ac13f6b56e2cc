// The job worker (graphile-worker on Postgres, SKIP LOCKED): in the web process by default, or alone via `npm run worker`.
import { Logger as WorkerLogger, run, type Runner, type TaskList } from "graphile-worker";
import type { Meilisearch } from "meilisearch";
import { sql } from "kysely";
import pg from "pg";
import type { Database } from "../../db/client.ts";
import { syncListings } from "../../search/indexer.ts";
import { sendLeadDigests } from "../domain/leads/digest.ts";
import { recomputeResponseTimes } from "../domain/leads/responsiveness.ts";
import { expireTrialRequests } from "../domain/leads/trial-requests.ts";
import { deliverWebhook, fanOutLeadEvent } from "../domain/integrations/deliveries.ts";
import { urlPolicyFor, type UrlPolicy } from "../domain/integrations/url-policy.ts";
import type { JobPayloads } from "../domain/shared/jobs.ts";
import type { Logger } from "./logger.ts";
import { pruneExpiredRecords } from "../domain/shared/retention.ts";
import { type Mailer, sendOutboxEmail } from "./mailer.ts";

export interface WorkerDeps {
  databaseUrl: string;
  db: Database;
  meili: Meilisearch | null;
  indexPrefix: string;
  logger: Logger;
  concurrency?: number;
  /** SMTP delivery; without one, `email:send` keeps mail in the outbox for /dev/mail. */
  mailer?: Mailer | null;
  /** Absolute origin for links in mails the worker writes itself (the lead digest); default PUBLIC_BASE_URL. */
  baseUrl?: string;
  /** Where webhooks may go; default: private addresses refused when NODE_ENV=production (SSRF). */
  webhookPolicy?: UrlPolicy;
}

export function createTaskList(deps: Omit<WorkerDeps, "databaseUrl">): TaskList {
  return {
    "search:sync-listings": async (payload) => {
      if (!deps.meili) return;
      const { listingIds } = payload as JobPayloads["search:sync-listings"];
      // Throwing lets graphile-worker retry with exponential backoff (Meilisearch down, task failed…).
      await syncListings(deps.db, deps.meili, deps.indexPrefix, listingIds);
    },
    "email:send": async (payload, helpers) => {
      const { outboxId } = payload as JobPayloads["email:send"];
      // Throwing (SMTP down or refusing) retries with backoff; the last attempt marks the mail failed.
      const outcome = await sendOutboxEmail(deps.db, deps.mailer ?? null, outboxId, {
        finalAttempt: helpers.job.attempts >= helpers.job.max_attempts,
      });
      deps.logger.debug({ component: "mail", outboxId, outcome }, "outbox mail processed");
    },
    "webhooks:lead-event": async (payload) => {
      const { eventId } = payload as JobPayloads["webhooks:lead-event"];
      await fanOutLeadEvent(deps.db, eventId);
    },
    "webhooks:deliver": async (payload, helpers) => {
      const { deliveryId } = payload as JobPayloads["webhooks:deliver"];
      // Throws on a non-2xx answer so graphile-worker retries with backoff; the last attempt marks the delivery failed.
      await deliverWebhook(deps.db, deliveryId, {
        policy: deps.webhookPolicy ?? urlPolicyFor(process.env.NODE_ENV),
        attempt: helpers.job.attempts,
        maxAttempts: helpers.job.max_attempts,
      });
    },
    // Issue 5 (cron): unconfirmed trial requests expire; the daily digest of leads still "new" after 48 hours (once per
    // member and day however often it runs); partners' response times, re-synced to search when they change.
    "leads:expire-requests": async () => {
      const expired = await expireTrialRequests(deps.db);
      if (expired > 0) deps.logger.debug({ component: "leads", expired }, "trial requests expired");
    },
    "leads:daily-digest": async () => {
      const outcome = await sendLeadDigests({ db: deps.db, baseUrl: deps.baseUrl ?? defaultBaseUrl() });
      deps.logger.info({ component: "leads", ...outcome }, "lead digests written");
    },
    "leads:response-times": async () => {
      const changed = await recomputeResponseTimes(deps.db);
      if (changed.length > 0) deps.logger.debug({ component: "leads", changed: changed.length }, "response times changed");
    },
    "maintenance:prune": async () => {
      const pruned = await pruneExpiredRecords(deps.db);
      deps.logger.info({ component: "retention", ...pruned }, "old records pruned");
    },
    // Once a minute: when Meilisearch answers again, retry waiting sync jobs now instead of after their backoff.
    "search:catch-up": async () => {
      if (!deps.meili) return;
      const healthy = await deps.meili.health().then(() => true, () => false);
      if (!healthy) return;
      await sql`select graphile_worker.reschedule_jobs(array(
          select id from graphile_worker.jobs
          where task_identifier = 'search:sync-listings' and attempts > 0 and locked_at is null and run_at > now()
        ), run_at => now())`.execute(deps.db);
    },
  };
}

// `max` is the attempts per run: periodic jobs just wait for their next run, except the daily digest, which retries
// (it is idempotent per member and day). graphile-worker schedules each line once across all workers.
const CRONTAB = [
  "* * * * * search:catch-up ?max=1",
  "*/10 * * * * leads:expire-requests ?max=1",
  "0 8 * * * leads:daily-digest ?max=5",
  "17 * * * * leads:response-times ?max=1",
  "41 3 * * * maintenance:prune ?max=1",
].join("\n");

function defaultBaseUrl(): string {
  return process.env.PUBLIC_BASE_URL?.trim() || `http://localhost:${process.env.PORT ?? 4321}`;
}

export interface RunningWorker {
  runner: Runner;
  /** Stops taking jobs, waits for running ones, then closes the worker's connections. */
  stop: () => Promise<void>;
}

export async function startWorker(deps: WorkerDeps): Promise<RunningWorker> {
  const log = deps.logger.child({ component: "worker" });
  const logger = new WorkerLogger((scope) => (level, message, meta) => {
    const method = level === "error" ? "error" : level === "warning" ? "warn" : level === "info" ? "debug" : "trace";
    log[method]({ ...scope, ...meta }, message);
  });
  // Our own pool, so a connection the server drops (restart, shutdown) is logged rather than crashing the process.
  const pgPool = new pg.Pool({ connectionString: deps.databaseUrl, max: (deps.concurrency ?? 2) + 2, application_name: "marketplace-worker" });
  const lost = (error: Error) => log.warn({ err: error.message }, "worker connection lost");
  pgPool.on("error", lost);
  pgPool.on("connect", (client) => client.on("error", lost));
  const runner = await run({
    pgPool,
    concurrency: deps.concurrency ?? 2,
    noHandleSignals: true,
    pollInterval: 2_000,
    logger,
    taskList: createTaskList(deps),
    crontab: CRONTAB,
  });
  return {
    runner,
    stop: async () => {
      await runner.stop();
      await runner.promise.catch(() => {});
      await pgPool.end();
    },
  };
}
