// Reading the audit log for the console: newest first, filtered by subject type, paginated.
import { assertOperator, type OperatorContext } from "./context.ts";
import type { AuditFilter } from "./schemas.ts";

export const AUDIT_PAGE_SIZE = 50;

export interface AuditRow {
  id: number;
  createdAt: Date;
  actorEmail: string | null;
  action: string;
  subjectType: string;
  subjectId: string;
  data: unknown;
}

export async function listAuditLog(
  ctx: OperatorContext,
  filter: AuditFilter,
): Promise<{ rows: AuditRow[]; total: number; page: number; totalPages: number }> {
  assertOperator(ctx.actor);
  let base = ctx.db.selectFrom("audit_log as a");
  if (filter.subjectType) base = base.where("a.subject_type", "=", filter.subjectType);
  const { n } = await base.select((eb) => eb.fn.countAll<number>().as("n")).executeTakeFirstOrThrow();
  const total = Number(n);
  const totalPages = Math.max(1, Math.ceil(total / AUDIT_PAGE_SIZE));
  const page = Math.min(filter.page, totalPages);
  const rows = await base
    .leftJoin("users as u", "u.id", "a.actor_user_id")
    .select(["a.id", "a.created_at", "u.email", "a.action", "a.subject_type", "a.subject_id", "a.data"])
    .orderBy("a.id", "desc")
    .limit(AUDIT_PAGE_SIZE)
    .offset((page - 1) * AUDIT_PAGE_SIZE)
    .execute();
  return {
    total,
    page,
    totalPages,
    rows: rows.map((r) => ({
      id: Number(r.id),
      createdAt: r.created_at,
      actorEmail: r.email ?? null,
      action: r.action,
      subjectType: r.subject_type,
      subjectId: r.subject_id,
      data: r.data,
    })),
  };
}
