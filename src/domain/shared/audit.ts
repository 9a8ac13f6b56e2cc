// The audit log: who did what to which subject, written in the same transaction as the change.
import type { Database } from "../../../db/client.ts";

export interface AuditEntry {
  actorUserId: string | null;
  action: string;
  subjectType: "partner" | "listing" | "program" | "service" | "offer" | "user" | "member" | "invitation" | "lead";
  subjectId: string;
  data?: Record<string, unknown>;
}

export async function audit(db: Database, entry: AuditEntry): Promise<void> {
  await db
    .insertInto("audit_log")
    .values({
      actor_user_id: entry.actorUserId,
      action: entry.action,
      subject_type: entry.subjectType,
      subject_id: entry.subjectId,
      data: JSON.stringify(entry.data ?? {}),
    })
    .execute();
}
