// Users repository: functions taking `db` first, so the caller owns the transaction (convention 4).
import { sql } from "kysely";
import type { Database } from "../../../db/client.ts";

export interface UserRow {
  id: string;
  email: string;
  displayName: string;
  locale: "en" | "ko";
  passwordHash: string | null;
  emailVerified: boolean;
  isOperator: boolean;
}

const columns = ["id", "email", "display_name", "locale", "password_hash", "email_verified_at", "is_operator"] as const;

function toUser(row: {
  id: string;
  email: string;
  display_name: string;
  locale: string;
  password_hash: string | null;
  email_verified_at: Date | null;
  is_operator: boolean;
}): UserRow {
  return {
    id: row.id,
    email: row.email,
    displayName: row.display_name,
    locale: row.locale === "ko" ? "ko" : "en",
    passwordHash: row.password_hash,
    emailVerified: row.email_verified_at !== null,
    isOperator: row.is_operator,
  };
}

/** By address, case-insensitively (matches the unique index on lower(email)). */
export async function findUserByEmail(db: Database, email: string): Promise<UserRow | undefined> {
  const row = await db
    .selectFrom("users")
    .select(columns)
    .where(sql<string>`lower(email)`, "=", email.trim().toLowerCase())
    .executeTakeFirst();
  return row && toUser(row);
}

export async function findUserById(db: Database, id: string): Promise<UserRow | undefined> {
  const row = await db.selectFrom("users").select(columns).where("id", "=", id).executeTakeFirst();
  return row && toUser(row);
}

export async function insertUser(
  db: Database,
  user: { email: string; displayName: string; passwordHash: string; locale: "en" | "ko"; isOperator?: boolean; emailVerifiedAt?: Date | null },
): Promise<string> {
  const row = await db
    .insertInto("users")
    .values({
      email: user.email,
      display_name: user.displayName,
      password_hash: user.passwordHash,
      locale: user.locale,
      is_operator: user.isOperator ?? false,
      email_verified_at: user.emailVerifiedAt ?? null,
    })
    .returning("id")
    .executeTakeFirstOrThrow();
  return row.id;
}

export async function updatePasswordHash(db: Database, userId: string, passwordHash: string, now: Date): Promise<void> {
  await db
    .updateTable("users")
    .set({ password_hash: passwordHash, password_changed_at: now, updated_at: now })
    .where("id", "=", userId)
    .execute();
}

/** Idempotent: a second verification keeps the first timestamp. */
export async function markEmailVerified(db: Database, userId: string, now: Date): Promise<void> {
  await db
    .updateTable("users")
    .set({ email_verified_at: sql<Date>`coalesce(email_verified_at, ${now}::timestamptz)`, updated_at: now })
    .where("id", "=", userId)
    .execute();
}

/** The confirmed new address is verified by the very link that confirmed it. */
export async function updateEmail(db: Database, userId: string, email: string, now: Date): Promise<void> {
  await db.updateTable("users").set({ email, email_verified_at: now, updated_at: now }).where("id", "=", userId).execute();
}

export async function makeOperator(db: Database, userId: string, passwordHash: string, now: Date): Promise<void> {
  await db
    .updateTable("users")
    .set({
      is_operator: true,
      password_hash: passwordHash,
      password_changed_at: now,
      email_verified_at: sql<Date>`coalesce(email_verified_at, ${now}::timestamptz)`,
      updated_at: now,
    })
    .where("id", "=", userId)
    .execute();
}

/** Whether a partner slug is taken (the caller still handles the race through the unique constraint). */
export async function partnerSlugTaken(db: Database, slug: string): Promise<boolean> {
  const row = await db.selectFrom("partners").select("id").where("slug", "=", slug).executeTakeFirst();
  return row !== undefined;
}
