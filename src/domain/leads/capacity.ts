// Capacity pause (issue 5): a partner at capacity stops taking new trial requests ("not accepting new customers
// right now"); requests already pending still become leads, so nothing in flight is lost. Search follows (R10).
import type { Database } from "../../../db/client.ts";
import { requirePartnerPermission } from "../partners/membership.ts";
import { listingIdsOfPartner } from "../search/repository.ts";
import { audit } from "../shared/audit.ts";
import { enqueueListingSync } from "../shared/jobs.ts";

export interface CapacityActor {
  db: Database;
  userId: string;
  now?: Date;
}

/**
 * Pauses (`accepting: false`) or resumes new trial requests; owners and admins only (`org.manage`). The change,
 * its audit entry and the search sync of the partner's listing commit together. Returns false when nothing changed.
 */
export async function setAcceptingRequests(actor: CapacityActor, partnerSlug: string, accepting: boolean): Promise<boolean> {
  const access = await requirePartnerPermission(actor.db, actor.userId, partnerSlug, "org.manage");
  const now = actor.now ?? new Date();
  return actor.db.transaction().execute(async (trx) => {
    // Conditional, so a double submit (or two admins at once) records one change.
    const changed = await trx
      .updateTable("partners")
      .set({ accepting_requests: accepting, paused_at: accepting ? null : now, updated_at: now })
      .where("id", "=", access.partnerId)
      .where("accepting_requests", "=", !accepting)
      .returning("id")
      .executeTakeFirst();
    if (!changed) return false;
    await audit(trx, {
      actorUserId: actor.userId,
      action: accepting ? "partner.requests_resumed" : "partner.requests_paused",
      subjectType: "partner",
      subjectId: access.partnerId,
    });
    await enqueueListingSync(trx, await listingIdsOfPartner(trx, access.partnerId));
    return true;
  });
}

export interface ListingAvailability {
  acceptingRequests: boolean;
  /** Typical minutes to a first response (responsiveness.ts); null without enough data. */
  responseTimeMinutes: number | null;
}

/** What the public listing page shows about the partner's availability; undefined when the listing isn't known. */
export async function getListingAvailability(db: Database, listingSlug: string): Promise<ListingAvailability | undefined> {
  const row = await db
    .selectFrom("listings as l")
    .innerJoin("partners as p", "p.id", "l.partner_id")
    .select(["p.accepting_requests", "p.response_time_minutes"])
    .where("l.slug", "=", listingSlug)
    .executeTakeFirst();
  return row ? { acceptingRequests: row.accepting_requests, responseTimeMinutes: row.response_time_minutes } : undefined;
}
