// Builders for the portal tests: users, organizations and memberships, each with only what a test states.
import { randomBytes } from "node:crypto";
import type { Database } from "../../db/client.ts";
import type { PartnerRole } from "../../src/domain/partners/permissions.ts";

const unique = () => `${Date.now().toString(36)}${randomBytes(3).toString("hex")}`;

export async function createUser(db: Database, spec: { email?: string; name?: string; locale?: "en" | "ko" } = {}) {
  const id = unique();
  const row = await db
    .insertInto("users")
    .values({
      email: spec.email ?? `user-${id}@example.com`,
      display_name: spec.name ?? `User ${id}`,
      locale: spec.locale ?? "en",
      email_verified_at: new Date(),
    })
    .returning(["id", "email", "display_name"])
    .executeTakeFirstOrThrow();
  return { id: row.id, email: row.email, name: row.display_name };
}

export async function createPartner(db: Database, spec: { status?: "pending" | "authorized" | "rejected" | "suspended"; reason?: string } = {}) {
  const slug = `org-${unique()}`;
  const row = await db
    .insertInto("partners")
    .values({ slug, name: `Org ${slug}`, status: spec.status ?? "pending", status_reason: spec.reason ?? null })
    .returning(["id", "slug", "name"])
    .executeTakeFirstOrThrow();
  return { id: row.id, slug: row.slug, name: row.name };
}

export async function addMember(db: Database, partnerId: string, userId: string, role: PartnerRole) {
  await db.insertInto("partner_members").values({ partner_id: partnerId, user_id: userId, role }).execute();
}

/** An organization with an owner, an admin and a member, each a fresh user. */
export async function createTeam(db: Database, spec: Parameters<typeof createPartner>[1] = {}) {
  const partner = await createPartner(db, spec);
  const owner = await createUser(db);
  const admin = await createUser(db);
  const member = await createUser(db);
  await addMember(db, partner.id, owner.id, "owner");
  await addMember(db, partner.id, admin.id, "admin");
  await addMember(db, partner.id, member.id, "member");
  return { partner, owner, admin, member };
}

export async function roleOf(db: Database, partnerId: string, userId: string): Promise<string | undefined> {
  const row = await db
    .selectFrom("partner_members")
    .select("role")
    .where("partner_id", "=", partnerId)
    .where("user_id", "=", userId)
    .executeTakeFirst();
  return row?.role;
}

export async function auditActions(db: Database, subjectId: string): Promise<string[]> {
  const rows = await db.selectFrom("audit_log").select("action").where("subject_id", "=", subjectId).orderBy("id").execute();
  return rows.map((r) => r.action);
}

/** Runs `fn`, expecting a DomainError with `code`. */
export async function expectCode(promise: Promise<unknown>, code: string): Promise<void> {
  let caught: unknown;
  try {
    await promise;
  } catch (error) {
    caught = error;
  }
  if (!caught) throw new Error(`expected DomainError ${code}, but it succeeded`);
  const actual = (caught as { code?: string }).code;
  if (actual !== code) throw new Error(`expected DomainError ${code}, got ${actual ?? String(caught)}`);
}
