// The listing's history (its "History" page): one row per save, publish, unpublish or moderation, written in the
// transaction of the change itself, like the audit log.
import type { Database } from "../../../db/client.ts";

export interface RevisionInput {
  partnerId: string;
  action: "saved" | "published" | "unpublished" | "moderated";
  actorUserId: string | null;
  changedFields: string[];
  /** What the listing (or the changed part of it) looked like after the change. */
  snapshot: unknown;
  /** A moderator's reason. */
  reason?: string;
}

export async function recordRevision(db: Database, revision: RevisionInput): Promise<void> {
  await db
    .insertInto("listing_revisions")
    .values({
      partner_id: revision.partnerId,
      action: revision.action,
      actor_user_id: revision.actorUserId,
      changed_fields: revision.changedFields,
      snapshot: JSON.stringify(revision.snapshot),
      ...(revision.reason !== undefined ? { reason: revision.reason } : {}),
    })
    .execute();
}
