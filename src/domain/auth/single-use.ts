// Single-use, expiring tokens (email verification, password reset, email change): stored hashed,
// spent by one conditional UPDATE so a double click or a race spends a token once (convention 12).
import { sql } from "kysely";
import type { Database } from "../../../db/client.ts";
import { generateToken, hashToken } from "./tokens.ts";

export type TokenPurpose = "email_verification" | "password_reset" | "email_change";

export const TOKEN_LIFETIME_MS: Record<TokenPurpose, number> = {
  email_verification: 48 * 60 * 60 * 1000,
  password_reset: 60 * 60 * 1000,
  email_change: 24 * 60 * 60 * 1000,
};

/** Issues a token; earlier unused tokens of the same purpose for the user stop working. */
export async function issueToken(
  db: Database,
  userId: string,
  purpose: TokenPurpose,
  data: Record<string, string> = {},
  now = new Date(),
): Promise<string> {
  await db
    .updateTable("auth_tokens")
    .set({ used_at: now })
    .where("user_id", "=", userId)
    .where("purpose", "=", purpose)
    .where("used_at", "is", null)
    .execute();
  const token = generateToken();
  await db
    .insertInto("auth_tokens")
    .values({
      user_id: userId,
      purpose,
      token_hash: Buffer.from(hashToken(token)),
      data: JSON.stringify(data),
      expires_at: new Date(now.getTime() + TOKEN_LIFETIME_MS[purpose]),
    })
    .execute();
  return token;
}

/** Spends a token: returns its user and data once; null when unknown, used, expired or of another purpose. */
export async function consumeToken(
  db: Database,
  token: string,
  purpose: TokenPurpose,
  now = new Date(),
): Promise<{ userId: string; data: Record<string, string> } | null> {
  if (!/^[a-z2-7]{20,64}$/.test(token)) return null;
  const row = await db
    .updateTable("auth_tokens")
    .set({ used_at: now })
    .where("token_hash", "=", Buffer.from(hashToken(token)))
    .where("purpose", "=", purpose)
    .where("used_at", "is", null)
    .where("expires_at", ">", sql<Date>`${now}::timestamptz`)
    .returning(["user_id", "data"])
    .executeTakeFirst();
  return row ? { userId: row.user_id, data: row.data as Record<string, string> } : null;
}

/** Whether a token could still be spent (for the confirmation page shown before the POST). */
export async function peekToken(db: Database, token: string, purpose: TokenPurpose, now = new Date()): Promise<boolean> {
  if (!/^[a-z2-7]{20,64}$/.test(token)) return false;
  const row = await db
    .selectFrom("auth_tokens")
    .select("id")
    .where("token_hash", "=", Buffer.from(hashToken(token)))
    .where("purpose", "=", purpose)
    .where("used_at", "is", null)
    .where("expires_at", ">", now)
    .executeTakeFirst();
  return row !== undefined;
}
