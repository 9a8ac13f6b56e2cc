// "Request a trial" (pipeline steps 1–2): a customer's request waits for their email confirmation, then becomes
// a lead of exactly one partner, with its events and notification mails written in the same transaction.
import { createHash, randomUUID } from "node:crypto";
import type { Database } from "../../../db/client.ts";
import { isSovereignCloudCountry } from "../catalog/vocabulary.ts";
import { generateToken, hashToken } from "../auth/tokens.ts";
import { enqueueEmail } from "../mail/outbox.ts";
import { DomainError } from "../shared/errors.ts";
import { listNewLeadRecipients } from "./notifications.ts";
import { findRequestableListing } from "./repository.ts";
import { trialRequestFormSchema, trialRequestTokenSchema, type TrialRequestFormInput } from "./trial-request-schema.ts";

export type Locale = "en" | "ko";

/** Unconfirmed requests stop being confirmable (and are marked expired by `expireTrialRequests`). */
export const TRIAL_REQUEST_LIFETIME_MS = 48 * 60 * 60 * 1000;

/**
 * A resubmission while a request is pending returns that request. Within this pause it changes nothing and sends
 * nothing (double click, reload); after it, the details are refreshed and a new confirmation mail is sent with a new
 * link (the customer probably lost the first mail), which makes the earlier link stop working.
 */
export const CONFIRMATION_RESEND_AFTER_MS = 5 * 60 * 1000;

/** The limits this service applies; the web layer's RateLimits fits this shape. */
export interface TrialRequestRateLimits {
  consume(name: "publicFormClient" | "publicFormEmail", key: string): Promise<void>;
}

export interface TrialRequestDeps {
  db: Database;
  /** Absolute origin for links in mails, e.g. https://marketplace.example. */
  baseUrl: string;
  now?: Date;
  rateLimits?: TrialRequestRateLimits;
}

export interface SubmitTrialRequestInput {
  listingSlug: string;
  /** Who is asking (IP-derived key from the web layer), for the per-client limit and the record. */
  clientKey: string;
  /** The customer's language: the confirmation mail and page use it. */
  locale: Locale;
  form: TrialRequestFormInput | Record<string, unknown>;
}

export interface SubmitTrialRequestResult {
  requestId: string;
  /** "confirmed" when the same person's request to this partner was already confirmed today (no new lead). */
  status: "pending" | "confirmed";
}

const localePrefix = (locale: Locale) => (locale === "ko" ? "/ko" : "");

/** The confirmation page's path; the page shows a button and only its POST spends the token. */
export function confirmPath(locale: Locale, token: string): string {
  return `${localePrefix(locale)}/trial-requests/confirm?token=${encodeURIComponent(token)}`;
}

/** The lead's page in the partner portal. */
export function leadPath(locale: Locale, partnerSlug: string, leadId: string): string {
  return `${localePrefix(locale)}/portal/${partnerSlug}/leads/${leadId}`;
}

/** Same partner, same address, same UTC day: one request, so one lead. */
export function idempotencyKey(partnerId: string, email: string, now: Date): string {
  const day = now.toISOString().slice(0, 10);
  return createHash("sha256").update(`${partnerId}|${email.trim().toLowerCase()}|${day}`).digest("hex");
}

function validationError(fields: Record<string, string[]>): DomainError {
  return new DomainError("VALIDATION_FAILED", "The trial request is invalid", { fields });
}

/**
 * Stores a pending trial request and mails its confirmation link, in one transaction. Throws NOT_FOUND (listing not
 * public: R1/R10), NOT_ACCEPTING_REQUESTS (the partner paused new requests: nothing stored), SOVEREIGN_CLOUD (R11: nothing stored, nothing sent), VALIDATION_FAILED (fields; R3 for delegated
 * admin, services the listing doesn't offer) or RATE_LIMITED. A filled honeypot gets a made-up success and no row.
 */
export async function submitTrialRequest(deps: TrialRequestDeps, input: SubmitTrialRequestInput): Promise<SubmitTrialRequestResult> {
  const now = deps.now ?? new Date();
  const form = input.form as Record<string, unknown>;
  await deps.rateLimits?.consume("publicFormClient", input.clientKey);

  // Bots get what looks like success, so they learn nothing and move on.
  if (typeof form.website === "string" && form.website.trim() !== "") return { requestId: randomUUID(), status: "pending" };

  const listing = await findRequestableListing(deps.db, input.listingSlug);
  if (!listing) throw new DomainError("NOT_FOUND", "No such listing");
  // A partner at capacity takes no new requests; those already pending can still be confirmed (confirmTrialRequest).
  if (!listing.acceptingRequests) {
    throw new DomainError("NOT_ACCEPTING_REQUESTS", "This partner isn't accepting new customers right now");
  }

  // R11 before any other check: a sovereign-cloud customer is told so, whatever else the form says.
  if (typeof form.country === "string" && isSovereignCloudCountry(form.country)) {
    throw new DomainError("SOVEREIGN_CLOUD", "Partner features aren't available in the sovereign cloud");
  }

  const parsed = trialRequestFormSchema.safeParse(form);
  if (!parsed.success) {
    const fields: Record<string, string[]> = {};
    for (const issue of parsed.error.issues) {
      const key = String(issue.path[0] ?? "_form");
      (fields[key] ??= []).push(issue.message);
    }
    throw validationError(fields);
  }
  const data = parsed.data;

  const offered = new Set(listing.services.map((s) => s.id));
  const fields: Record<string, string[]> = {};
  if (!data.services.every((id) => offered.has(id))) fields.services = ["leads.trial.error.serviceNotOffered"];
  // R3: only a partner with a verified program may be asked to administer.
  if (data.wantsDelegatedAdmin && !listing.delegatedAdminCertified) {
    fields.wantsDelegatedAdmin = ["leads.trial.error.delegatedAdminUnavailable"];
  }
  if (Object.keys(fields).length > 0) throw validationError(fields);

  await deps.rateLimits?.consume("publicFormEmail", data.email);

  const key = idempotencyKey(listing.partnerId, data.email, now);
  const details = {
    locale: input.locale,
    contact_name: data.name,
    contact_email: data.email,
    company: data.company,
    company_size: data.companySize,
    country: data.country,
    services: data.services,
    seats: data.seats,
    message: data.message,
    wants_delegated_admin: data.wantsDelegatedAdmin,
    client_key: input.clientKey.slice(0, 200),
  };
  const mailConfirmation = (db: Database, token: string) =>
    enqueueEmail(db, {
      to: data.email,
      locale: input.locale,
      template: "trial-request-confirm",
      params: { name: data.name, partnerName: listing.partnerName, url: `${deps.baseUrl}${confirmPath(input.locale, token)}` },
    });

  // A conflicting row can change state between our insert and our look-up (it expires or is confirmed): try again.
  for (let attempt = 0; attempt < 5; attempt++) {
    const outcome = await deps.db.transaction().execute(async (trx): Promise<SubmitTrialRequestResult | "retry"> => {
      const token = generateToken();
      // The partial unique indexes decide, even under concurrency: a duplicate waits for the first insert and does nothing.
      const inserted = await trx
        .insertInto("trial_requests")
        .values({
          ...details,
          partner_id: listing.partnerId,
          listing_id: listing.listingId,
          token_hash: Buffer.from(hashToken(token)),
          idempotency_key: key,
          created_at: now,
          mailed_at: now,
          expires_at: new Date(now.getTime() + TRIAL_REQUEST_LIFETIME_MS),
        })
        .onConflict((oc) => oc.doNothing())
        .returning("id")
        .executeTakeFirst();
      if (inserted) {
        await mailConfirmation(trx, token);
        return { requestId: inserted.id, status: "pending" };
      }

      const pending = await trx
        .selectFrom("trial_requests")
        .select(["id", "expires_at"])
        .where("partner_id", "=", listing.partnerId)
        .where((eb) => eb(eb.fn("lower", ["contact_email"]), "=", data.email))
        .where("status", "=", "pending")
        .executeTakeFirst();
      if (pending) {
        if (new Date(pending.expires_at).getTime() <= now.getTime()) {
          // The expiry job hasn't run yet: expire it here so a fresh request can take its place.
          await trx.updateTable("trial_requests").set({ status: "expired" }).where("id", "=", pending.id).where("status", "=", "pending").execute();
          return "retry";
        }
        const fresh = generateToken();
        // Conditional on the pause, so of many simultaneous resubmissions at most one re-sends.
        const resent = await trx
          .updateTable("trial_requests")
          .set({ ...details, token_hash: Buffer.from(hashToken(fresh)), mailed_at: now })
          .where("id", "=", pending.id)
          .where("status", "=", "pending")
          .where("mailed_at", "<=", new Date(now.getTime() - CONFIRMATION_RESEND_AFTER_MS))
          .returning("id")
          .executeTakeFirst();
        if (resent) await mailConfirmation(trx, fresh);
        return { requestId: pending.id, status: "pending" };
      }

      const confirmed = await trx
        .selectFrom("trial_requests")
        .select("id")
        .where("idempotency_key", "=", key)
        .where("status", "=", "confirmed")
        .executeTakeFirst();
      if (confirmed) return { requestId: confirmed.id, status: "confirmed" };
      return "retry";
    });
    if (outcome !== "retry") return outcome;
  }
  throw new DomainError("CONFLICT", "The trial request could not be stored; please try again");
}

/** What the confirmation page shows before the POST; null when the link can't be used (unknown, used, expired). */
export async function peekTrialRequest(
  db: Database,
  token: string,
  now = new Date(),
): Promise<{ partnerName: string; listingSlug: string | null; locale: Locale } | null> {
  if (!trialRequestTokenSchema.safeParse(token).success) return null;
  const row = await db
    .selectFrom("trial_requests as r")
    .innerJoin("partners as p", "p.id", "r.partner_id")
    .leftJoin("listings as l", "l.id", "r.listing_id")
    .select(["p.name as partnerName", "l.slug as listingSlug", "r.locale"])
    .where("r.token_hash", "=", Buffer.from(hashToken(token)))
    .where("r.status", "=", "pending")
    .where("r.expires_at", ">", now)
    .where("p.status", "=", "authorized")
    .executeTakeFirst();
  return row ? { partnerName: row.partnerName, listingSlug: row.listingSlug, locale: row.locale === "ko" ? "ko" : "en" } : null;
}

/**
 * Spends the confirmation token and turns the request into a lead (pipeline step 2): the lead, its "created" and
 * "confirmed" events and a `lead-new` mail per partner member who hasn't opted out, all in one transaction. The
 * conditional UPDATE makes a double POST or a race create one lead. TOKEN_INVALID when unknown, used, expired, or the
 * partner lost its authorization meanwhile (R1: it can't receive leads). A capacity pause doesn't stop it: the request
 * was made before the pause, and nothing in flight is lost.
 */
export async function confirmTrialRequest(
  deps: Pick<TrialRequestDeps, "db" | "baseUrl" | "now">,
  token: string,
): Promise<{ leadId: string; partnerName: string }> {
  const now = deps.now ?? new Date();
  if (!trialRequestTokenSchema.safeParse(token).success) throw new DomainError("TOKEN_INVALID", "Invalid confirmation link");
  return deps.db.transaction().execute(async (trx) => {
    const request = await trx
      .updateTable("trial_requests")
      .set({ status: "confirmed", confirmed_at: now })
      .where("token_hash", "=", Buffer.from(hashToken(token)))
      .where("status", "=", "pending")
      .where("expires_at", ">", now)
      .where("partner_id", "in", (eb) => eb.selectFrom("partners").select("id").where("status", "=", "authorized"))
      .returningAll()
      .executeTakeFirst();
    if (!request) throw new DomainError("TOKEN_INVALID", "Invalid confirmation link");

    const partner = await trx
      .selectFrom("partners")
      .select(["name", "slug"])
      .where("id", "=", request.partner_id)
      .executeTakeFirstOrThrow();
    const lead = await trx
      .insertInto("leads")
      .values({
        partner_id: request.partner_id,
        listing_id: request.listing_id,
        contact_name: request.contact_name,
        contact_email: request.contact_email,
        company: request.company,
        company_size: request.company_size,
        country: request.country,
        services: request.services,
        seats: request.seats,
        message: request.message,
        wants_delegated_admin: request.wants_delegated_admin,
        confirmed_at: now,
        created_at: now,
        updated_at: now,
      })
      .returning("id")
      .executeTakeFirstOrThrow();
    // The timeline starts when the customer asked, not when they clicked the link.
    await trx
      .insertInto("lead_events")
      .values([
        {
          lead_id: lead.id,
          type: "created",
          data: JSON.stringify({ source: "trial_request", trialRequestId: request.id }),
          created_at: request.created_at,
        },
        { lead_id: lead.id, type: "confirmed", data: JSON.stringify({ email: request.contact_email }), created_at: now },
      ])
      .execute();
    await trx.updateTable("trial_requests").set({ lead_id: lead.id }).where("id", "=", request.id).execute();

    const names = await trx
      .selectFrom("services")
      .select(["id", "name_en", "name_ko"])
      .where("id", "in", request.services.length > 0 ? request.services : [""])
      .execute();
    const serviceNames = (locale: Locale) =>
      request.services.map((id) => {
        const s = names.find((n) => n.id === id);
        return s ? (locale === "ko" ? s.name_ko : s.name_en) : id;
      });
    const recipients = await listNewLeadRecipients(trx, request.partner_id);
    for (const member of recipients) {
      await enqueueEmail(trx, {
        to: member.email,
        locale: member.locale,
        template: "lead-new",
        params: {
          partnerName: partner.name,
          company: request.company,
          services: serviceNames(member.locale),
          url: `${deps.baseUrl}${leadPath(member.locale, partner.slug, lead.id)}`,
        },
      });
    }
    // The timeline says who was told (issue 5: "emails sent"), in the same transaction as the mails themselves.
    if (recipients.length > 0) {
      await trx
        .insertInto("lead_events")
        .values({ lead_id: lead.id, type: "emails_sent", data: JSON.stringify({ template: "lead-new", recipients: recipients.length }), created_at: now })
        .execute();
    }
    return { leadId: lead.id, partnerName: partner.name };
  });
}

/** Marks pending requests past their expiry as expired (a periodic job calls this); returns how many. */
export async function expireTrialRequests(db: Database, now = new Date()): Promise<number> {
  const rows = await db
    .updateTable("trial_requests")
    .set({ status: "expired" })
    .where("status", "=", "pending")
    .where("expires_at", "<=", now)
    .returning("id")
    .execute();
  return rows.length;
}
