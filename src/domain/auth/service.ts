// Accounts and sessions: sign-up (user + pending partner organization), sign-in, verification, password reset,
// re-authenticated password/email changes, operator creation. Framework-free; pages are thin callers.
import { randomBytes } from "node:crypto";
import type { Database } from "../../../db/client.ts";
import { enqueueEmail } from "../mail/outbox.ts";
import { audit } from "../shared/audit.ts";
import { DomainError } from "../shared/errors.ts";
import { hashPassword, verifyPassword } from "./password.ts";
import type { SignInInput, SignUpInput } from "./schemas.ts";
import { createSession, invalidateSession, invalidateUserSessions, type Session } from "./sessions.ts";
import { consumeToken, issueToken } from "./single-use.ts";
import {
  findUserByEmail,
  findUserById,
  insertUser,
  makeOperator,
  markEmailVerified,
  partnerSlugTaken,
  updateEmail,
  updatePasswordHash,
  type UserRow,
} from "./users.ts";

export type Locale = "en" | "ko";

/** The limits this module takes points from (a subset of src/server/rate-limit.ts LIMITS, matched structurally). */
export type AuthLimit =
  | "signInAccount"
  | "signInClient"
  | "signUpClient"
  | "passwordResetAccount"
  | "passwordResetClient"
  | "verificationEmailAccount";

export interface AuthRateLimits {
  /** Throws DomainError RATE_LIMITED (with retryAfter) when no point is left. */
  consume(name: AuthLimit, key: string): Promise<void>;
  reset(name: AuthLimit, key: string): Promise<void>;
}

export interface AuthDeps {
  db: Database;
  /** Public origin for links in mail ("https://example.com"). */
  baseUrl: string;
  now?: Date;
  /** Absent in tests that don't exercise limits. */
  rateLimits?: AuthRateLimits;
}

export interface SignedIn {
  token: string;
  session: Session;
  user: { id: string; isOperator: boolean; emailVerified: boolean };
}

const clock = (deps: AuthDeps) => deps.now ?? new Date();

async function limit(deps: AuthDeps, name: AuthLimit, key: string): Promise<void> {
  await deps.rateLimits?.consume(name, key);
}

/** An absolute link to a confirmation page (never the action itself: mail scanners open links). */
export function tokenLink(baseUrl: string, locale: Locale, path: string, token: string): string {
  const url = new URL((locale === "ko" ? "/ko" : "") + path, baseUrl);
  url.searchParams.set("token", token);
  return url.href;
}

/** "Acme Cloud, Inc." → "acme-cloud-inc"; nothing usable (e.g. Hangul only) → "partner-<random>". No romanization. */
export function slugifyOrganization(name: string): string {
  const slug = name
    .normalize("NFD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/&/g, " and ")
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "")
    .slice(0, 60)
    .replace(/-+$/g, "");
  return slug.length >= 2 ? slug : `partner-${randomBytes(3).toString("hex")}`;
}

async function uniqueSlug(db: Database, name: string): Promise<string> {
  const base = slugifyOrganization(name);
  if (!(await partnerSlugTaken(db, base))) return base;
  for (let i = 0; i < 5; i++) {
    const candidate = `${base}-${randomBytes(2).toString("hex")}`;
    if (!(await partnerSlugTaken(db, candidate))) return candidate;
  }
  return `partner-${randomBytes(6).toString("hex")}`;
}

function uniqueViolation(error: unknown): string | undefined {
  const e = error as { code?: string; constraint?: string } | null;
  return e && e.code === "23505" ? (e.constraint ?? "unknown") : undefined;
}

async function sendVerification(db: Database, baseUrl: string, user: Pick<UserRow, "id" | "email" | "displayName" | "locale">, now: Date) {
  const token = await issueToken(db, user.id, "email_verification", {}, now);
  await enqueueEmail(db, {
    to: user.email,
    locale: user.locale,
    template: "email-verification",
    params: { name: user.displayName, url: tokenLink(baseUrl, user.locale, "/verify-email", token) },
  });
}

/**
 * Every sign-up is a partner: user + pending organization (unique slug) + owner membership + verification mail,
 * in one transaction. The answer is the same whether or not the address already has an account.
 */
export async function signUp(deps: AuthDeps, input: SignUpInput, locale: Locale, clientKey?: string): Promise<void> {
  if (clientKey) await limit(deps, "signUpClient", clientKey);
  const now = clock(deps);
  // Hashed before looking the address up, so both paths cost the same time.
  const passwordHash = await hashPassword(input.password);
  for (let attempt = 0; ; attempt++) {
    try {
      await deps.db.transaction().execute(async (trx) => {
        const existing = await findUserByEmail(trx, input.email);
        if (existing) {
          // Don't reveal the account; help its owner instead. No "someone tried to sign up" template exists yet,
          // so an unverified account gets a fresh verification link and a verified one gets nothing.
          if (!existing.emailVerified) await sendVerification(trx, deps.baseUrl, existing, now);
          return;
        }
        const userId = await insertUser(trx, { email: input.email, displayName: input.name, passwordHash, locale });
        const partner = await trx
          .insertInto("partners")
          .values({ slug: await uniqueSlug(trx, input.organization), name: input.organization, status: "pending" })
          .returning(["id", "slug"])
          .executeTakeFirstOrThrow();
        await trx.insertInto("partner_members").values({ partner_id: partner.id, user_id: userId, role: "owner" }).execute();
        await audit(trx, { actorUserId: userId, action: "user.signed_up", subjectType: "user", subjectId: userId, data: { partnerId: partner.id } });
        await audit(trx, { actorUserId: userId, action: "partner.created", subjectType: "partner", subjectId: partner.id, data: { slug: partner.slug } });
        await sendVerification(trx, deps.baseUrl, { id: userId, email: input.email, displayName: input.name, locale }, now);
      });
      return;
    } catch (error) {
      const constraint = uniqueViolation(error);
      // A concurrent sign-up with the same address: same answer as any duplicate.
      if (constraint === "users_email_key") return;
      // Two organizations racing for one slug: try again with a fresh one.
      if (constraint && constraint.startsWith("partners_slug") && attempt < 2) continue;
      throw error;
    }
  }
}

let dummyHash: Promise<string> | undefined;
/** A real argon2id hash to verify against when the address is unknown, so timing doesn't tell. */
function getDummyHash(): Promise<string> {
  dummyHash ??= hashPassword(randomBytes(16).toString("hex"));
  return dummyHash;
}

function invalidCredentials(): DomainError {
  return new DomainError("INVALID_CREDENTIALS", "auth.signIn.invalid", { fields: { _form: ["auth.signIn.invalid"] } });
}

/** Checks a password; every attempt takes a point per client and per account; success gives the account its points back. */
export async function signIn(deps: AuthDeps, input: Pick<SignInInput, "email" | "password">, clientKey?: string): Promise<SignedIn> {
  if (clientKey) await limit(deps, "signInClient", clientKey);
  await limit(deps, "signInAccount", input.email);
  const user = await findUserByEmail(deps.db, input.email);
  if (!user || !user.passwordHash) {
    await verifyPassword(await getDummyHash(), input.password);
    throw invalidCredentials();
  }
  if (!(await verifyPassword(user.passwordHash, input.password))) throw invalidCredentials();
  await deps.rateLimits?.reset("signInAccount", input.email);
  // A fresh session on every sign-in (no fixation).
  const { token, session } = await createSession(deps.db, user.id, clock(deps));
  return { token, session, user: { id: user.id, isOperator: user.isOperator, emailVerified: user.emailVerified } };
}

export async function signOut(deps: Pick<AuthDeps, "db">, sessionId: string): Promise<void> {
  await invalidateSession(deps.db, sessionId);
}

/** "Sign out everywhere": ends every other session of the user, keeping this browser's. */
export async function signOutEverywhere(deps: Pick<AuthDeps, "db">, userId: string, currentSessionId: string): Promise<void> {
  await deps.db.transaction().execute(async (trx) => {
    await invalidateUserSessions(trx, userId, currentSessionId);
    await audit(trx, { actorUserId: userId, action: "user.signed_out_everywhere", subjectType: "user", subjectId: userId });
  });
}

/** How many sessions the user has besides this one (shown next to "sign out everywhere"). */
export async function countOtherSessions(deps: Pick<AuthDeps, "db" | "now">, userId: string, currentSessionId: string): Promise<number> {
  const row = await deps.db
    .selectFrom("sessions")
    .select((eb) => eb.fn.countAll<number>().as("n"))
    .where("user_id", "=", userId)
    .where("id", "!=", currentSessionId)
    .where("expires_at", ">", deps.now ?? new Date())
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/** Spends a verification token (from the confirmation page's POST). */
export async function verifyEmail(deps: AuthDeps, token: string): Promise<{ userId: string }> {
  const now = clock(deps);
  return deps.db.transaction().execute(async (trx) => {
    const spent = await consumeToken(trx, token, "email_verification", now);
    if (!spent) throw new DomainError("TOKEN_INVALID", "auth.token.invalid");
    await markEmailVerified(trx, spent.userId, now);
    return { userId: spent.userId };
  });
}

/** Sends a new verification link (earlier ones stop working); false when the address is already verified. */
export async function resendVerification(deps: AuthDeps, userId: string): Promise<boolean> {
  const user = await findUserById(deps.db, userId);
  if (!user) throw new DomainError("NOT_FOUND");
  if (user.emailVerified) return false;
  await limit(deps, "verificationEmailAccount", user.email);
  const now = clock(deps);
  await deps.db.transaction().execute((trx) => sendVerification(trx, deps.baseUrl, user, now));
  return true;
}

/** Always the same outcome for the caller: whether the address has an account is never revealed. */
export async function requestPasswordReset(deps: AuthDeps, email: string, clientKey?: string): Promise<void> {
  if (clientKey) await limit(deps, "passwordResetClient", clientKey);
  // Keyed by the typed address, known or not, so the limit itself reveals nothing.
  await limit(deps, "passwordResetAccount", email);
  const now = clock(deps);
  await deps.db.transaction().execute(async (trx) => {
    const user = await findUserByEmail(trx, email);
    if (!user) return;
    const token = await issueToken(trx, user.id, "password_reset", {}, now);
    await enqueueEmail(trx, {
      to: user.email,
      locale: user.locale,
      template: "password-reset",
      params: { name: user.displayName, url: tokenLink(deps.baseUrl, user.locale, "/reset-password", token) },
    });
  });
}

/** Spends a reset token: new hash, every session ended, then a new session for this browser. */
export async function resetPassword(deps: AuthDeps, input: { token: string; password: string }): Promise<SignedIn> {
  const now = clock(deps);
  const passwordHash = await hashPassword(input.password);
  const userId = await deps.db.transaction().execute(async (trx) => {
    const spent = await consumeToken(trx, input.token, "password_reset", now);
    if (!spent) throw new DomainError("TOKEN_INVALID", "auth.token.invalid");
    await updatePasswordHash(trx, spent.userId, passwordHash, now);
    // The link reached the inbox, which is what verification proves.
    await markEmailVerified(trx, spent.userId, now);
    await invalidateUserSessions(trx, spent.userId);
    await audit(trx, { actorUserId: spent.userId, action: "user.password_reset", subjectType: "user", subjectId: spent.userId });
    return spent.userId;
  });
  const user = await findUserById(deps.db, userId);
  if (user) await deps.rateLimits?.reset("signInAccount", user.email);
  const { token, session } = await createSession(deps.db, userId, now);
  return { token, session, user: { id: userId, isOperator: user?.isOperator ?? false, emailVerified: true } };
}

/** Re-authentication for account changes; guesses count against the account's sign-in limit. */
async function reauthenticate(deps: AuthDeps, user: UserRow, currentPassword: string): Promise<void> {
  await limit(deps, "signInAccount", user.email);
  if (!user.passwordHash || !(await verifyPassword(user.passwordHash, currentPassword))) {
    throw new DomainError("VALIDATION_FAILED", "auth.currentPassword.incorrect", {
      fields: { currentPassword: ["auth.currentPassword.incorrect"] },
    });
  }
}

/** Changes the password after re-authentication and ends the user's other sessions. */
export async function changePassword(
  deps: AuthDeps,
  input: { userId: string; sessionId: string; currentPassword: string; newPassword: string },
): Promise<void> {
  const user = await findUserById(deps.db, input.userId);
  if (!user) throw new DomainError("NOT_FOUND");
  await reauthenticate(deps, user, input.currentPassword);
  const now = clock(deps);
  const passwordHash = await hashPassword(input.newPassword);
  await deps.db.transaction().execute(async (trx) => {
    await updatePasswordHash(trx, user.id, passwordHash, now);
    await invalidateUserSessions(trx, user.id, input.sessionId);
    await audit(trx, { actorUserId: user.id, action: "user.password_changed", subjectType: "user", subjectId: user.id });
  });
}

/**
 * Starts an email change after re-authentication: a link goes to the NEW address; nothing changes until it is confirmed.
 * An address that already has an account gets no mail, and the caller sees the same result (no enumeration).
 */
export async function requestEmailChange(deps: AuthDeps, input: { userId: string; currentPassword: string; newEmail: string }): Promise<void> {
  const user = await findUserById(deps.db, input.userId);
  if (!user) throw new DomainError("NOT_FOUND");
  await reauthenticate(deps, user, input.currentPassword);
  if (input.newEmail === user.email) {
    throw new DomainError("VALIDATION_FAILED", "auth.changeEmail.same", { fields: { newEmail: ["auth.changeEmail.same"] } });
  }
  await limit(deps, "verificationEmailAccount", user.email);
  const now = clock(deps);
  await deps.db.transaction().execute(async (trx) => {
    if (await findUserByEmail(trx, input.newEmail)) return;
    const token = await issueToken(trx, user.id, "email_change", { newEmail: input.newEmail }, now);
    await enqueueEmail(trx, {
      to: input.newEmail,
      locale: user.locale,
      template: "email-change",
      params: { name: user.displayName, newEmail: input.newEmail, url: tokenLink(deps.baseUrl, user.locale, "/account/confirm-email", token) },
    });
  });
}

/** Spends an email-change token: the account moves to the new (now verified) address. */
export async function confirmEmailChange(deps: AuthDeps, token: string): Promise<{ userId: string; email: string }> {
  const now = clock(deps);
  try {
    return await deps.db.transaction().execute(async (trx) => {
      const spent = await consumeToken(trx, token, "email_change", now);
      const newEmail = spent?.data.newEmail;
      if (!spent || !newEmail) throw new DomainError("TOKEN_INVALID", "auth.token.invalid");
      await updateEmail(trx, spent.userId, newEmail, now);
      await audit(trx, { actorUserId: spent.userId, action: "user.email_changed", subjectType: "user", subjectId: spent.userId, data: { email: newEmail } });
      return { userId: spent.userId, email: newEmail };
    });
  } catch (error) {
    // Someone signed up with that address after the link was sent; the token stays unspent (rolled back).
    if (uniqueViolation(error) === "users_email_key") throw new DomainError("EMAIL_TAKEN", "auth.changeEmail.taken");
    throw error;
  }
}

/** `npm run operator:create`: creates an operator with a verified address, or promotes the existing account. */
export async function createOrPromoteOperator(
  deps: Pick<AuthDeps, "db" | "now">,
  input: { email: string; password: string; name?: string },
): Promise<{ userId: string; created: boolean }> {
  const now = deps.now ?? new Date();
  const passwordHash = await hashPassword(input.password);
  return deps.db.transaction().execute(async (trx) => {
    const existing = await findUserByEmail(trx, input.email);
    let userId: string;
    if (existing) {
      userId = existing.id;
      await makeOperator(trx, userId, passwordHash, now);
      // A new password: sessions started with the old one end.
      await invalidateUserSessions(trx, userId);
    } else {
      userId = await insertUser(trx, {
        email: input.email,
        displayName: input.name ?? input.email.split("@")[0] ?? input.email,
        passwordHash,
        locale: "en",
        isOperator: true,
        emailVerifiedAt: now,
      });
    }
    await audit(trx, { actorUserId: null, action: existing ? "user.promoted_operator" : "user.created_operator", subjectType: "user", subjectId: userId });
    return { userId, created: !existing };
  });
}
