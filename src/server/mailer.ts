// Outbox delivery: nodemailer over SMTP_URL, the idempotent `email:send` job body, and the reads behind /dev/mail.
import { createTransport } from "nodemailer";
import type { Database } from "../../db/client.ts";

export interface MailMessage {
  to: string;
  subject: string;
  text: string;
  html: string;
  /** A stable key (the outbox row) so a resend after a crash carries the same Message-ID and receivers can drop it. */
  key?: string;
}

export interface Mailer {
  send(message: MailMessage): Promise<{ messageId: string }>;
}

export const DEFAULT_MAIL_FROM = "Partner Marketplace <no-reply@localhost>";

/** A mailer for SMTP_URL, or null when there is none (mail then stays in the outbox, shown at /dev/mail). */
export function createMailer(env: { SMTP_URL?: string; MAIL_FROM?: string }): Mailer | null {
  if (!env.SMTP_URL) return null;
  const from = env.MAIL_FROM ?? DEFAULT_MAIL_FROM;
  const domain = /@([^\s>]+)>?\s*$/.exec(from)?.[1] ?? "localhost";
  // nodemailer waits minutes by default; a stuck server should fail the attempt and let the job retry later.
  // Options in the URL's query string (e.g. ?pool=true) still win over these.
  const transport = createTransport(
    { url: env.SMTP_URL, connectionTimeout: 10_000, greetingTimeout: 10_000, socketTimeout: 30_000, dnsTimeout: 10_000 },
    { from },
  );
  return {
    async send(message) {
      const info = await transport.sendMail({
        to: message.to,
        subject: message.subject,
        text: message.text,
        html: message.html,
        messageId: message.key ? `<${message.key}@${domain}>` : undefined,
      });
      return { messageId: info.messageId };
    },
  };
}

export type SendOutcome = "sent" | "kept" | "skipped" | "missing" | "failed";

export interface SendOptions {
  /** The job's last attempt: a failure then marks the mail `failed` instead of leaving it queued. */
  finalAttempt?: boolean;
}

/**
 * The `email:send` job. The row is locked for the whole exchange, so two workers (or a re-run job)
 * never send one mail twice; a sent or kept mail is skipped. A failed send records the error and
 * throws, so graphile-worker retries with backoff; a permanent SMTP refusal (5xx) marks the mail failed at once.
 */
export async function sendOutboxEmail(
  db: Database,
  mailer: Mailer | null,
  outboxId: number,
  options: SendOptions = {},
): Promise<SendOutcome> {
  const result = await db.transaction().execute(async (trx) => {
    const mail = await trx
      .selectFrom("email_outbox")
      .select(["id", "to_address", "subject", "text_body", "html_body", "status", "created_at"])
      .where("id", "=", outboxId)
      .forUpdate()
      .executeTakeFirst();
    if (!mail) return { outcome: "missing" as const };
    if (mail.status === "sent" || mail.status === "kept") return { outcome: "skipped" as const };
    if (!mailer) {
      await trx.updateTable("email_outbox").set({ status: "kept" }).where("id", "=", mail.id).execute();
      return { outcome: "kept" as const };
    }
    try {
      const { messageId } = await mailer.send({
        to: mail.to_address,
        subject: mail.subject,
        text: mail.text_body,
        html: mail.html_body,
        key: `outbox.${mail.id}.${new Date(mail.created_at).getTime()}`,
      });
      await trx
        .updateTable("email_outbox")
        .set({ status: "sent", message_id: messageId, sent_at: new Date(), last_error: null })
        .where("id", "=", mail.id)
        .execute();
      return { outcome: "sent" as const };
    } catch (error) {
      // A permanent refusal (SMTP 5xx, e.g. 550 "no such mailbox") won't change on retry: the mail fails now.
      const permanent = isPermanentRejection(error);
      // Recorded in this transaction, thrown after it commits: the row keeps the attempt, the job retries.
      await trx
        .updateTable("email_outbox")
        .set((eb) => ({
          attempts: eb("attempts", "+", 1),
          last_error: describeError(error),
          status: permanent || options.finalAttempt ? "failed" : "queued",
        }))
        .where("id", "=", mail.id)
        .execute();
      return permanent ? { outcome: "failed" as const } : { outcome: "error" as const, error };
    }
  });
  if (result.outcome === "error") throw result.error;
  return result.outcome;
}

/** RFC 5321: a 5yz reply is a permanent negative completion; 4yz and connection errors are worth retrying. */
function isPermanentRejection(error: unknown): boolean {
  const code = (error as { responseCode?: unknown } | null)?.responseCode;
  return typeof code === "number" && code >= 500 && code < 600;
}

function describeError(error: unknown): string {
  const e = error as { message?: unknown; responseCode?: unknown; code?: unknown } | null;
  const message = typeof e?.message === "string" ? e.message : String(error);
  const code = typeof e?.code === "string" ? `${e.code}: ` : "";
  return `${code}${message}`.slice(0, 2000);
}

export interface OutboxSummary {
  id: number;
  to: string;
  subject: string;
  template: string;
  locale: string;
  status: string;
  createdAt: Date;
}

export interface OutboxMail extends OutboxSummary {
  text: string;
  html: string;
  attempts: number;
  lastError: string | null;
  sentAt: Date | null;
}

/** The newest mails first, for /dev/mail. */
export async function listOutbox(db: Database, limit = 100): Promise<OutboxSummary[]> {
  const rows = await db
    .selectFrom("email_outbox")
    .select(["id", "to_address", "subject", "template", "locale", "status", "created_at"])
    .orderBy("id", "desc")
    .limit(limit)
    .execute();
  return rows.map((r) => ({
    id: r.id,
    to: r.to_address,
    subject: r.subject,
    template: r.template,
    locale: r.locale,
    status: r.status,
    createdAt: new Date(r.created_at),
  }));
}

export async function getOutboxMail(db: Database, id: number): Promise<OutboxMail | undefined> {
  const r = await db.selectFrom("email_outbox").selectAll().where("id", "=", id).executeTakeFirst();
  if (!r) return undefined;
  return {
    id: r.id,
    to: r.to_address,
    subject: r.subject,
    template: r.template,
    locale: r.locale,
    status: r.status,
    createdAt: new Date(r.created_at),
    text: r.text_body,
    html: r.html_body,
    attempts: r.attempts,
    lastError: r.last_error,
    sentAt: r.sent_at ? new Date(r.sent_at) : null,
  };
}

/** The http(s) links of a text mail, in order, once each (the dev viewer lists them as plain links). */
export function linksIn(text: string): string[] {
  const found = (text.match(/https?:\/\/[^\s<>"']+/g) ?? []).map((url) => url.replace(/[.,;:!?)\]]+$/, ""));
  return [...new Set(found)];
}
