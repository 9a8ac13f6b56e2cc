// Listing moderation (R10): the operator sees published listings and can unpublish one with a reason.
import { sql } from "kysely";
import { enqueueEmail } from "../mail/outbox.ts";
import { audit } from "../shared/audit.ts";
import { DomainError } from "../shared/errors.ts";
import { enqueueListingSync } from "../shared/jobs.ts";
import { assertOperator, nowOf, portalUrl, type OperatorContext } from "./context.ts";
import { partnerManagers } from "./notify.ts";
import { isUuid } from "../shared/ids.ts";
import { PAGE_SIZE, validation, type ActionResult } from "./partners.ts";
import { ReasonInput, type PartnerStatus } from "./schemas.ts";
import { recordRevision } from "../listings/revisions.ts";

export interface PublishedListingRow {
  id: string;
  slug: string;
  name: string;
  partnerId: string;
  partnerName: string;
  partnerStatus: PartnerStatus;
  publishedAt: Date | null;
  updatedAt: Date;
}

export async function listPublishedListings(
  ctx: OperatorContext,
  filter: { q?: string; page: number },
): Promise<{ rows: PublishedListingRow[]; total: number; page: number; totalPages: number }> {
  assertOperator(ctx.actor);
  let base = ctx.db.selectFrom("listings as l").innerJoin("partners as p", "p.id", "l.partner_id").where("l.status", "=", "published");
  if (filter.q) {
    const pattern = `%${filter.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    base = base.where((eb) => eb.or([eb("l.name", "ilike", pattern), eb("p.name", "ilike", pattern), eb("l.slug", "ilike", pattern)]));
  }
  const { n } = await base.select((eb) => eb.fn.countAll<number>().as("n")).executeTakeFirstOrThrow();
  const total = Number(n);
  const totalPages = Math.max(1, Math.ceil(total / PAGE_SIZE));
  const page = Math.min(filter.page, totalPages);
  const rows = await base
    .select(["l.id", "l.slug", "l.name", "l.published_at", "l.updated_at", "p.id as partner_id", "p.name as partner_name", "p.status as partner_status"])
    .orderBy("l.updated_at", "desc")
    .orderBy("l.id")
    .limit(PAGE_SIZE)
    .offset((page - 1) * PAGE_SIZE)
    .execute();
  return {
    total,
    page,
    totalPages,
    rows: rows.map((r) => ({
      id: r.id,
      slug: r.slug,
      name: r.name,
      partnerId: r.partner_id,
      partnerName: r.partner_name,
      partnerStatus: r.partner_status as PartnerStatus,
      publishedAt: r.published_at,
      updatedAt: r.updated_at,
    })),
  };
}

/** Unpublishes a published listing with a reason: revision, audit, mail and search removal in one transaction. */
export async function moderateListing(ctx: OperatorContext, listingId: string, input: unknown): Promise<ActionResult> {
  assertOperator(ctx.actor);
  if (!isUuid(listingId)) throw new DomainError("NOT_FOUND");
  const parsed = ReasonInput.safeParse(input ?? {});
  if (!parsed.success) throw validation(parsed.error.issues);
  const { reason } = parsed.data;
  const now = nowOf(ctx);

  return ctx.db.transaction().execute(async (trx) => {
    const listing = await trx
      .updateTable("listings")
      .set({ status: "unpublished", updated_at: now, version: sql`version + 1` })
      .where("id", "=", listingId)
      .where("status", "=", "published")
      .returningAll()
      .executeTakeFirst();
    if (!listing) {
      const exists = await trx.selectFrom("listings").select("id").where("id", "=", listingId).executeTakeFirst();
      if (!exists) throw new DomainError("NOT_FOUND");
      return { changed: false, listingIds: [] };
    }
    const partner = await trx
      .updateTable("partners")
      .set({ updated_at: now })
      .where("id", "=", listing.partner_id)
      .returning(["id", "slug", "name"])
      .executeTakeFirstOrThrow();
    const { id: _id, partner_id: _p, created_at: _c, ...snapshot } = listing;
    await recordRevision(trx, {
      partnerId: partner.id,
      action: "moderated",
      actorUserId: ctx.actor.id,
      changedFields: ["status"],
      snapshot,
      reason,
    });
    await audit(trx, {
      actorUserId: ctx.actor.id,
      action: "listing.unpublish",
      subjectType: "listing",
      subjectId: listingId,
      data: { reason, partnerId: partner.id },
    });
    for (const r of await partnerManagers(trx, partner.id)) {
      await enqueueEmail(trx, {
        to: r.email,
        locale: r.locale,
        template: "listing-moderated",
        params: { partnerName: partner.name, reason, url: portalUrl(ctx, r.locale, partner.slug, "/listing") },
      });
    }
    await enqueueListingSync(trx, [listingId]);
    return { changed: true, listingIds: [listingId] };
  });
}
