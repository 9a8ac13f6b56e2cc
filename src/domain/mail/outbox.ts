// The mail outbox: a mail is rendered and stored in the transaction of the change that causes it,
// and a job sends it (or, with no SMTP server, keeps it for /dev/mail). Nothing is lost or sent twice for a rollback.
import type { Database } from "../../../db/client.ts";
import { enqueueJob } from "../shared/jobs.ts";
import { renderEmail, type EmailParams, type EmailTemplate } from "./templates.ts";

export interface OutgoingEmail<T extends EmailTemplate> {
  to: string;
  locale: "en" | "ko";
  template: T;
  params: EmailParams[T];
}

/** Renders the mail, writes it to the outbox and enqueues its sending job; returns the outbox id. */
export async function enqueueEmail<T extends EmailTemplate>(db: Database, email: OutgoingEmail<T>): Promise<number> {
  const rendered = renderEmail(email.template, email.locale, email.params);
  const row = await db
    .insertInto("email_outbox")
    .values({
      to_address: email.to,
      locale: email.locale,
      template: email.template,
      subject: rendered.subject,
      text_body: rendered.text,
      html_body: rendered.html,
    })
    .returning("id")
    .executeTakeFirstOrThrow();
  await enqueueJob(db, "email:send", { outboxId: row.id }, { jobKey: `email:${row.id}`, maxAttempts: 10 });
  return row.id;
}
