// Builders for the issue-5 notification, digest and capacity tests: leads made through the real request flow.
import type { Database } from "../../db/client.ts";
import { confirmTrialRequest, submitTrialRequest } from "../../src/domain/leads/trial-requests.ts";

export const baseUrl = "https://marketplace.test";
let seq = 0;

export const mailsTo = (db: Database, to: string, template: string) =>
  db.selectFrom("email_outbox").selectAll().where("to_address", "=", to).where("template", "=", template).orderBy("id").execute();

/** Submits a trial request (service "mail") and returns the confirmation token from its mail. */
export async function submitRequest(db: Database, listingSlug: string, now?: Date): Promise<{ email: string; token: string }> {
  const email = `customer-${Date.now().toString(36)}-${seq++}@customer.example`;
  const form = { name: "Ana Kim", email, company: `Company ${seq}`, companySize: "50-249", country: "KR", services: ["mail"], seats: "5", message: "" };
  await submitTrialRequest({ db, baseUrl, now }, { listingSlug, clientKey: "ip:test", locale: "en", form });
  const [mail] = await mailsTo(db, email, "trial-request-confirm");
  return { email, token: /token=([a-z2-7]+)/.exec(mail!.text_body)![1]! };
}

/** Submits and confirms a trial request; returns the new lead's id. */
export async function requestLead(db: Database, listingSlug: string, now?: Date): Promise<string> {
  const { token } = await submitRequest(db, listingSlug, now);
  return (await confirmTrialRequest({ db, baseUrl, now }, token)).leadId;
}
