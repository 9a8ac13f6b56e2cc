// Sessions per the Lucia guide: the cookie carries "<id>.<secret>", Postgres keeps only SHA-256(secret),
// compared in constant time; sliding expiry (10 days idle) within an absolute lifetime (30 days).
import type { Database } from "../../../db/client.ts";
import { generateToken, hashesEqual, hashToken } from "./tokens.ts";

export const INACTIVITY_TIMEOUT_MS = 10 * 24 * 60 * 60 * 1000;
export const ABSOLUTE_LIFETIME_MS = 30 * 24 * 60 * 60 * 1000;
/** A session's expiry is pushed forward at most this often (one write per hour, not per request). */
const ACTIVITY_CHECK_MS = 60 * 60 * 1000;

export interface Session {
  id: string;
  userId: string;
  createdAt: Date;
  expiresAt: Date;
}

export interface SessionUser {
  id: string;
  email: string;
  displayName: string;
  locale: "en" | "ko";
  emailVerified: boolean;
  isOperator: boolean;
}

export async function createSession(db: Database, userId: string, now = new Date()): Promise<{ token: string; session: Session }> {
  const id = generateToken();
  const secret = generateToken();
  const expiresAt = new Date(Math.min(now.getTime() + INACTIVITY_TIMEOUT_MS, now.getTime() + ABSOLUTE_LIFETIME_MS));
  await db
    .insertInto("sessions")
    .values({ id, secret_hash: Buffer.from(hashToken(secret)), user_id: userId, created_at: now, last_verified_at: now, expires_at: expiresAt })
    .execute();
  return { token: `${id}.${secret}`, session: { id, userId, createdAt: now, expiresAt } };
}

/** The session and user a token belongs to, or null; extends the session when it has been idle a while. */
export async function validateSessionToken(
  db: Database,
  token: string,
  now = new Date(),
): Promise<{ session: Session; user: SessionUser; refreshed: boolean } | null> {
  const [id, secret, extra] = token.split(".");
  if (!id || !secret || extra !== undefined || id.length > 64 || secret.length > 64) return null;
  const row = await db
    .selectFrom("sessions as s")
    .innerJoin("users as u", "u.id", "s.user_id")
    .select([
      "s.id", "s.secret_hash", "s.user_id", "s.created_at", "s.last_verified_at", "s.expires_at",
      "u.email", "u.display_name", "u.locale", "u.email_verified_at", "u.is_operator",
    ])
    .where("s.id", "=", id)
    .executeTakeFirst();
  if (!row) return null;
  if (!hashesEqual(hashToken(secret), new Uint8Array(row.secret_hash))) return null;
  const absoluteEnd = row.created_at.getTime() + ABSOLUTE_LIFETIME_MS;
  if (now.getTime() >= row.expires_at.getTime() || now.getTime() >= absoluteEnd) {
    await invalidateSession(db, id);
    return null;
  }
  let expiresAt = row.expires_at;
  let refreshed = false;
  if (now.getTime() - row.last_verified_at.getTime() >= ACTIVITY_CHECK_MS) {
    expiresAt = new Date(Math.min(now.getTime() + INACTIVITY_TIMEOUT_MS, absoluteEnd));
    await db.updateTable("sessions").set({ last_verified_at: now, expires_at: expiresAt }).where("id", "=", id).execute();
    refreshed = true;
  }
  return {
    session: { id: row.id, userId: row.user_id, createdAt: row.created_at, expiresAt },
    user: {
      id: row.user_id,
      email: row.email,
      displayName: row.display_name,
      locale: row.locale === "ko" ? "ko" : "en",
      emailVerified: row.email_verified_at !== null,
      isOperator: row.is_operator,
    },
    refreshed,
  };
}

export async function invalidateSession(db: Database, sessionId: string): Promise<void> {
  await db.deleteFrom("sessions").where("id", "=", sessionId).execute();
}

/** Ends every session of a user ("sign out everywhere", password reset), optionally keeping one. */
export async function invalidateUserSessions(db: Database, userId: string, exceptSessionId?: string): Promise<void> {
  let query = db.deleteFrom("sessions").where("user_id", "=", userId);
  if (exceptSessionId) query = query.where("id", "!=", exceptSessionId);
  await query.execute();
}
