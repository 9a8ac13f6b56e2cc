// Mail end to end: outbox in the caller's transaction, the real job queue, a real SMTP exchange, retries, and the keep-for-/dev/mail path.
import { Logger, runOnce } from "graphile-worker";
import { sql } from "kysely";
import { SMTPServer, type SMTPServerOptions } from "smtp-server";
import { afterEach, describe, expect, it } from "vitest";
import { enqueueEmail } from "../../src/domain/mail/outbox.ts";
import { enqueueJob } from "../../src/domain/shared/jobs.ts";
import { createLogger } from "../../src/server/logger.ts";
import { createMailer, type Mailer, sendOutboxEmail } from "../../src/server/mailer.ts";
import { createTaskList } from "../../src/server/worker.ts";
import { useTestDatabase } from "../setup/db.ts";

const quiet = new Logger(() => () => {});
const silent = createLogger("silent");

interface Received {
  from: string;
  to: string[];
  raw: string;
}

interface TestSmtp {
  url: string;
  received: Received[];
  close: () => Promise<void>;
}

/** An in-process SMTP server on a random port; `reject` makes it refuse every message after DATA (451, or `code`). */
async function startSmtp(options: { reject?: boolean; code?: number; delayMs?: number } = {}): Promise<TestSmtp> {
  const received: Received[] = [];
  const config: SMTPServerOptions = {
    authOptional: true,
    // Plain SMTP on loopback: no self-signed STARTTLS for the client to trip over.
    disabledCommands: ["STARTTLS"],
    logger: false,
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on("data", (chunk: Buffer) => chunks.push(chunk));
      stream.on("end", () => {
        const finish = () => {
          if (options.reject) {
            const permanent = (options.code ?? 451) >= 500;
            const error = Object.assign(new Error(permanent ? "No such mailbox" : "Mailbox temporarily unavailable"), {
              responseCode: options.code ?? 451,
            });
            callback(error);
            return;
          }
          received.push({
            from: session.envelope.mailFrom ? session.envelope.mailFrom.address : "",
            to: session.envelope.rcptTo.map((r) => r.address),
            raw: Buffer.concat(chunks).toString("utf8"),
          });
          callback();
        };
        if (options.delayMs) setTimeout(finish, options.delayMs);
        else finish();
      });
    },
  };
  const server = new SMTPServer(config);
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => resolve());
  });
  const address = server.server.address();
  if (!address || typeof address === "string") throw new Error("SMTP server has no port");
  return {
    url: `smtp://127.0.0.1:${address.port}`,
    received,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** Unfolds headers and decodes quoted-printable enough to read a URL in the body. */
function decode(raw: string): string {
  return raw.replace(/=\r?\n/g, "").replace(/=([0-9A-F]{2})/g, (_, hex: string) => String.fromCharCode(Number.parseInt(hex, 16)));
}

function header(raw: string, name: string): string | undefined {
  const head = raw.split(/\r?\n\r?\n/)[0]!.replace(/\r?\n[ \t]+/g, " ");
  return new RegExp(`^${name}: (.*)$`, "mi").exec(head)?.[1];
}

describe("email", () => {
  const t = useTestDatabase();
  const servers: TestSmtp[] = [];
  afterEach(async () => {
    await Promise.all(servers.splice(0).map((s) => s.close()));
  });
  const smtp = async (options?: Parameters<typeof startSmtp>[0]) => {
    const s = await startSmtp(options);
    servers.push(s);
    return s;
  };
  const taskList = (mailer: Mailer | null) => createTaskList({ db: t.db, meili: null, indexPrefix: "", logger: silent, mailer });
  const work = (mailer: Mailer | null) => runOnce({ connectionString: t.url, logger: quiet, taskList: taskList(mailer) });
  const outbox = (id: number) => t.db.selectFrom("email_outbox").selectAll().where("id", "=", id).executeTakeFirstOrThrow();
  const jobsFor = async (id: number) =>
    (
      await sql<{ attempts: number; last_error: string | null; run_at: Date; updated_at: Date }>`
        select attempts, last_error, run_at, updated_at from graphile_worker.jobs
        where task_identifier = 'email:send' and key = ${`email:${id}`}`.execute(t.db)
    ).rows;
  const verification = (to: string, url = "http://localhost:4321/verify-email/confirm?token=tok_abc123") =>
    ({ to, locale: "en", template: "email-verification", params: { name: "Ana", url } }) as const;

  it("enqueues nothing when the causing transaction rolls back, and both the mail and its job when it commits", async () => {
    const before = await t.db.selectFrom("email_outbox").select(sql<number>`count(*)::int`.as("n")).executeTakeFirstOrThrow();
    await expect(
      t.db.transaction().execute(async (trx) => {
        await enqueueEmail(trx, verification("rollback@example.com"));
        throw new Error("the change failed");
      }),
    ).rejects.toThrow("the change failed");
    const after = await t.db.selectFrom("email_outbox").select(sql<number>`count(*)::int`.as("n")).executeTakeFirstOrThrow();
    expect(after.n).toBe(before.n);
    const orphanJobs = await sql<{ n: number }>`select count(*)::int as n from graphile_worker.jobs where task_identifier = 'email:send'`.execute(t.db);
    expect(orphanJobs.rows[0]!.n).toBe(0);

    const id = await t.db.transaction().execute((trx) => enqueueEmail(trx, verification("commit@example.com")));
    expect((await outbox(id)).status).toBe("queued");
    expect(await jobsFor(id)).toHaveLength(1);
    await work(null); // leave the queue empty for the next test
  });

  it("sends through a real SMTP server exactly once, and a re-run job sends nothing more", async () => {
    const server = await smtp();
    const mailer = createMailer({ SMTP_URL: server.url, MAIL_FROM: "Partner Marketplace <no-reply@partners.test>" })!;
    expect(mailer).not.toBeNull();
    const url = "http://localhost:4321/verify-email/confirm?token=tok_real_smtp";
    const id = await enqueueEmail(t.db, verification("ana@example.com", url));

    await work(mailer);

    expect(server.received).toHaveLength(1);
    const [message] = server.received;
    expect(message!.to).toEqual(["ana@example.com"]);
    expect(message!.from).toBe("no-reply@partners.test");
    expect(header(message!.raw, "To")).toBe("ana@example.com");
    expect(header(message!.raw, "Subject")).toBe("Confirm your email address");
    expect(header(message!.raw, "From")).toBe("Partner Marketplace <no-reply@partners.test>");
    expect(header(message!.raw, "Content-Type")).toMatch(/^multipart\/alternative/);
    expect(decode(message!.raw)).toContain(url);

    const row = await outbox(id);
    expect(row.status).toBe("sent");
    expect(row.sent_at).not.toBeNull();
    expect(row.message_id).toBe(header(message!.raw, "Message-ID"));
    expect(row.message_id).toMatch(new RegExp(`^<outbox\\.${id}\\.\\d+@partners\\.test>$`));
    expect(await jobsFor(id)).toHaveLength(0);

    // The same job again (a worker that died after sending, a duplicate enqueue): nothing more is sent.
    await enqueueJob(t.db, "email:send", { outboxId: id });
    await work(mailer);
    expect(server.received).toHaveLength(1);
    const left = await sql<{ n: number }>`select count(*)::int as n from graphile_worker.jobs where task_identifier = 'email:send'`.execute(t.db);
    expect(left.rows[0]!.n).toBe(0);
    expect((await outbox(id)).status).toBe("sent");
  });

  it("sends once when two workers take the same mail at the same time", async () => {
    const server = await smtp({ delayMs: 300 });
    const mailer = createMailer({ SMTP_URL: server.url })!;
    const id = await enqueueEmail(t.db, verification("race@example.com"));
    const outcomes = await Promise.all([sendOutboxEmail(t.db, mailer, id), sendOutboxEmail(t.db, mailer, id)]);
    expect(outcomes.sort()).toEqual(["sent", "skipped"]);
    expect(server.received).toHaveLength(1);
    await work(mailer); // the enqueued job finds it sent
    expect(server.received).toHaveLength(1);
  });

  it("records a refused delivery and leaves the job queued for a retry, which then succeeds", async () => {
    const refusing = await smtp({ reject: true });
    const id = await enqueueEmail(t.db, verification("retry@example.com"));

    await work(createMailer({ SMTP_URL: refusing.url }));

    const row = await outbox(id);
    expect(row.status).toBe("queued");
    expect(row.attempts).toBe(1);
    expect(row.last_error).toMatch(/451|Mailbox temporarily unavailable/);
    expect(row.sent_at).toBeNull();
    const [job] = await jobsFor(id);
    expect(job).toBeDefined();
    expect(job!.attempts).toBe(1);
    expect(job!.last_error).toMatch(/Mailbox temporarily unavailable/);
    // Backed off: due after the failed attempt was recorded (not compared with the test's clock, which may lag).
    expect(new Date(job!.run_at).getTime()).toBeGreaterThan(new Date(job!.updated_at).getTime());

    // The backoff ends and the server accepts mail again.
    const working = await smtp();
    await sql`select graphile_worker.reschedule_jobs(array(
        select id from graphile_worker.jobs where task_identifier = 'email:send'), run_at => now())`.execute(t.db);
    await work(createMailer({ SMTP_URL: working.url }));
    expect(working.received).toHaveLength(1);
    const sent = await outbox(id);
    expect(sent.status).toBe("sent");
    expect(sent.attempts).toBe(1);
    expect(sent.last_error).toBeNull();
  });

  it("marks the mail failed when the last attempt fails", async () => {
    const refusing = await smtp({ reject: true });
    const id = await enqueueEmail(t.db, verification("gives-up@example.com"));
    // As if nine attempts had already failed: the next is the job's last (max_attempts 10).
    await sql`select graphile_worker.reschedule_jobs(array(
        select id from graphile_worker.jobs where task_identifier = 'email:send'), attempts => 9::smallint)`.execute(t.db);
    await work(createMailer({ SMTP_URL: refusing.url }));
    const row = await outbox(id);
    expect(row.status).toBe("failed");
    expect(row.attempts).toBe(1);
    const [job] = await jobsFor(id);
    expect(job?.attempts).toBe(10); // kept by graphile-worker as permanently failed
    await sql`select graphile_worker.remove_job(${`email:${id}`})`.execute(t.db);
  });

  it("fails at once, without retrying, when the server refuses permanently (SMTP 550)", async () => {
    const refusing = await smtp({ reject: true, code: 550 });
    const id = await enqueueEmail(t.db, verification("nobody@example.com"));
    await work(createMailer({ SMTP_URL: refusing.url }));
    const row = await outbox(id);
    expect(row.status).toBe("failed");
    expect(row.attempts).toBe(1);
    expect(row.last_error).toMatch(/550|No such mailbox/);
    // The job completed: nothing is left to retry.
    expect(await jobsFor(id)).toHaveLength(0);
  });

  it("keeps the mail in the outbox (for /dev/mail) when there is no SMTP server", async () => {
    expect(createMailer({})).toBeNull();
    expect(createMailer({ SMTP_URL: "" })).toBeNull();
    const id = await enqueueEmail(t.db, {
      to: "kim@example.com",
      locale: "ko",
      template: "password-reset",
      params: { name: "김민지", url: "http://localhost:4321/ko/reset-password/confirm?token=tok_kept" },
    });
    await work(null);
    const row = await outbox(id);
    expect(row.status).toBe("kept");
    expect(row.attempts).toBe(0);
    expect(row.sent_at).toBeNull();
    expect(row.subject).toBe("비밀번호 재설정 안내");
    expect(row.text_body).toContain("http://localhost:4321/ko/reset-password/confirm?token=tok_kept");
    expect(await jobsFor(id)).toHaveLength(0);
    // Kept is final: a mailer configured later does not send old local mail.
    const server = await smtp();
    expect(await sendOutboxEmail(t.db, createMailer({ SMTP_URL: server.url }), id)).toBe("skipped");
    expect(server.received).toHaveLength(0);
  });

  it("skips a mail that no longer exists", async () => {
    expect(await sendOutboxEmail(t.db, null, 987_654_321)).toBe("missing");
  });
});
