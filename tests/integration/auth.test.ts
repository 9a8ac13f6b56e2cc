// Accounts and sessions against real Postgres (issue 4): sign-up transaction, no enumeration, sign-in and its
// rate limits (real RateLimiterPostgres), single-use tokens, password reset, Lucia-style sessions.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sql } from "kysely";
import { hashPassword } from "../../src/domain/auth/password.ts";
import {
  changePassword,
  confirmEmailChange,
  createOrPromoteOperator,
  requestEmailChange,
  requestPasswordReset,
  resetPassword,
  signIn,
  signOutEverywhere,
  signUp,
  verifyEmail,
  type AuthDeps,
} from "../../src/domain/auth/service.ts";
import { signUpSchema } from "../../src/domain/auth/schemas.ts";
import { ABSOLUTE_LIFETIME_MS, createSession, INACTIVITY_TIMEOUT_MS, validateSessionToken } from "../../src/domain/auth/sessions.ts";
import { consumeToken, issueToken } from "../../src/domain/auth/single-use.ts";
import { isDomainError } from "../../src/domain/shared/errors.ts";
import { createRateLimits, type RateLimits } from "../../src/server/rate-limit.ts";
import { useTestDatabase } from "../setup/db.ts";

const testDb = useTestDatabase();
const baseUrl = "http://marketplace.test";
const PASSWORD = "violet harbor tractor";
let n = 0;
const email = (tag: string) => `${tag}-${Date.now().toString(36)}-${n++}@example.com`;
const deps = (extra: Partial<AuthDeps> = {}): AuthDeps => ({ db: testDb.db, baseUrl, ...extra });

let rateLimits: RateLimits;
beforeAll(() => {
  rateLimits = createRateLimits(testDb.url);
});
afterAll(() => rateLimits.close());

async function mailsTo(address: string) {
  return testDb.db.selectFrom("email_outbox").selectAll().where("to_address", "=", address).orderBy("id").execute();
}

/** The token in the last mail's link to `path`. */
async function tokenFromMail(address: string, path: string): Promise<string> {
  const mails = await mailsTo(address);
  const text = mails.at(-1)?.text_body ?? "";
  const match = text.match(new RegExp(`${path}\\?token=([a-z2-7]+)`));
  if (!match?.[1]) throw new Error(`no ${path} link in mail to ${address}`);
  return match[1];
}

async function registeredUser(tag: string, opts: { verified?: boolean } = {}) {
  const address = email(tag);
  const db = testDb.db;
  const row = await db
    .insertInto("users")
    .values({
      email: address,
      display_name: tag,
      password_hash: await hashPassword(PASSWORD),
      email_verified_at: opts.verified === false ? null : new Date(),
    })
    .returning("id")
    .executeTakeFirstOrThrow();
  return { id: row.id, email: address };
}

async function expectCode(promise: Promise<unknown>, code: string) {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(isDomainError(error) ? error.code : error).toBe(code);
  return error;
}

describe("sign-up (R1: every partner starts pending)", () => {
  it("creates the user, a pending organization with the user as owner, and the verification mail in one go", async () => {
    const address = email("signup");
    await signUp(deps(), { name: "Kim Minji", email: address, password: PASSWORD, organization: "Acme Cloud, Inc." }, "ko");
    const user = await testDb.db.selectFrom("users").selectAll().where("email", "=", address).executeTakeFirstOrThrow();
    expect(user.email_verified_at).toBeNull();
    expect(user.locale).toBe("ko");
    expect(user.password_hash).toMatch(/^\$argon2id\$/);
    const membership = await testDb.db
      .selectFrom("partner_members as m")
      .innerJoin("partners as p", "p.id", "m.partner_id")
      .select(["m.role", "p.status", "p.slug", "p.name"])
      .where("m.user_id", "=", user.id)
      .execute();
    expect(membership).toEqual([{ role: "owner", status: "pending", slug: expect.stringMatching(/^acme-cloud-inc/), name: "Acme Cloud, Inc." }]);
    const mails = await mailsTo(address);
    expect(mails.map((m) => m.template)).toEqual(["email-verification"]);
    expect(mails[0]!.text_body).toContain(`${baseUrl}/ko/verify-email?token=`);
  });

  it("rolls everything back when the last step (the mail) fails: one transaction", async () => {
    const address = email("rollback");
    // This file's own database: make the outbox refuse inserts for a moment.
    await sql`create function refuse_mail() returns trigger language plpgsql as $$ begin raise exception 'outbox down'; end $$`.execute(testDb.db);
    await sql`create trigger refuse_mail before insert on email_outbox for each row execute function refuse_mail()`.execute(testDb.db);
    try {
      await expect(signUp(deps(), { name: "X", email: address, password: PASSWORD, organization: "Rollback Org" }, "en")).rejects.toThrow(/outbox down/);
    } finally {
      await sql`drop trigger refuse_mail on email_outbox`.execute(testDb.db);
      await sql`drop function refuse_mail()`.execute(testDb.db);
    }
    expect(await testDb.db.selectFrom("users").select("id").where("email", "=", address).execute()).toEqual([]);
    expect(await testDb.db.selectFrom("partners").select("id").where("name", "=", "Rollback Org").execute()).toEqual([]);
  });

  it("gives two organizations with one name distinct slugs, and non-ASCII names a partner-<random> slug", async () => {
    for (const organization of ["Twin Tech", "Twin Tech", "한빛 클라우드"]) {
      await signUp(deps(), { name: "T", email: email("twin"), password: PASSWORD, organization }, "en");
    }
    const slugs = await testDb.db.selectFrom("partners").select("slug").where("name", "in", ["Twin Tech", "한빛 클라우드"]).execute();
    expect(new Set(slugs.map((s) => s.slug)).size).toBe(3);
    expect(slugs.map((s) => s.slug)).toContain("twin-tech");
    expect(slugs.some((s) => /^partner-[0-9a-f]+$/.test(s.slug))).toBe(true);
  });

  it("reveals nothing for a taken address: same result, no new user or organization", async () => {
    const existing = await registeredUser("dup-verified");
    const before = await testDb.db.selectFrom("partners").select(sql<number>`count(*)::int`.as("n")).executeTakeFirstOrThrow();
    await expect(
      signUp(deps(), { name: "Other", email: existing.email.toUpperCase(), password: PASSWORD, organization: "Sneaky" }, "en"),
    ).resolves.toBeUndefined();
    const after = await testDb.db.selectFrom("partners").select(sql<number>`count(*)::int`.as("n")).executeTakeFirstOrThrow();
    expect(after.n).toBe(before.n);
    expect(await mailsTo(existing.email)).toEqual([]);

    // An unverified owner gets a fresh verification link instead (no "someone tried" template yet).
    const unverified = await registeredUser("dup-unverified", { verified: false });
    await signUp(deps(), { name: "Other", email: unverified.email, password: PASSWORD, organization: "Sneaky" }, "en");
    expect((await mailsTo(unverified.email)).map((m) => m.template)).toEqual(["email-verification"]);
  });

  it("refuses a common password with a field message", () => {
    const r = signUpSchema.safeParse({ name: "A", email: email("common"), password: "iloveyou1", organization: "Org" });
    expect(r.success).toBe(false);
    expect(r.error!.issues).toEqual([expect.objectContaining({ path: ["password"], message: "auth.password.common" })]);
  });
});

describe("sign-in", () => {
  it("starts a fresh session on success and sends operators' fallback to the console", async () => {
    const user = await registeredUser("signin");
    const a = await signIn(deps(), { email: ` ${user.email.toUpperCase()} `.trim().toLowerCase(), password: PASSWORD });
    const b = await signIn(deps(), { email: user.email, password: PASSWORD });
    expect(a.token).not.toBe(b.token);
    expect(a.user).toEqual({ id: user.id, isOperator: false, emailVerified: true });
    expect((await validateSessionToken(testDb.db, a.token))?.user.id).toBe(user.id);
  });

  it("answers the same generic error for a wrong password and an unknown address", async () => {
    const user = await registeredUser("wrong");
    const wrong = await expectCode(signIn(deps(), { email: user.email, password: "not the password" }), "INVALID_CREDENTIALS");
    const unknown = await expectCode(signIn(deps(), { email: email("nobody"), password: PASSWORD }), "INVALID_CREDENTIALS");
    expect((wrong as Error).message).toBe((unknown as Error).message);
  });

  it("lets an unverified user sign in (the banner asks to verify)", async () => {
    const user = await registeredUser("unverified-signin", { verified: false });
    expect((await signIn(deps(), { email: user.email, password: PASSWORD })).user.emailVerified).toBe(false);
  });

  it("locks an account after 10 failures with a retry time, across limiter instances (Postgres store)", async () => {
    const user = await registeredUser("brute");
    for (let i = 0; i < 10; i++) {
      await expectCode(signIn(deps({ rateLimits }), { email: user.email, password: `guess-${i}` }, `10.0.0.${i}`), "INVALID_CREDENTIALS");
    }
    // A second web node (another limiter on the same table) sees the same count; even the right password is refused.
    const otherNode = createRateLimits(testDb.url);
    const error = await expectCode(signIn(deps({ rateLimits: otherNode }), { email: user.email, password: PASSWORD }, "10.0.1.1"), "RATE_LIMITED");
    expect((error as { retryAfter?: number }).retryAfter).toBeGreaterThan(0);
    await otherNode.close();
  });

  it("gives the account its points back after a successful sign-in", async () => {
    const user = await registeredUser("reset-points");
    for (let i = 0; i < 9; i++) await expectCode(signIn(deps({ rateLimits }), { email: user.email, password: "nope nope" }), "INVALID_CREDENTIALS");
    await signIn(deps({ rateLimits }), { email: user.email, password: PASSWORD });
    for (let i = 0; i < 9; i++) await expectCode(signIn(deps({ rateLimits }), { email: user.email, password: "nope nope" }), "INVALID_CREDENTIALS");
  });

  it("limits one client across many accounts", async () => {
    const client = `client-${n++}`;
    for (let i = 0; i < 50; i++) {
      await expectCode(signIn(deps({ rateLimits }), { email: email("spray"), password: PASSWORD }, client), "INVALID_CREDENTIALS");
    }
    await expectCode(signIn(deps({ rateLimits }), { email: email("spray"), password: PASSWORD }, client), "RATE_LIMITED");
  }, 60_000);
});

describe("single-use tokens (convention 12)", () => {
  it("verifies an address once; a reused token is refused", async () => {
    const address = email("verify");
    await signUp(deps(), { name: "V", email: address, password: PASSWORD, organization: "Verify Org" }, "en");
    const token = await tokenFromMail(address, "/verify-email");
    await verifyEmail(deps(), token);
    const user = await testDb.db.selectFrom("users").select("email_verified_at").where("email", "=", address).executeTakeFirstOrThrow();
    expect(user.email_verified_at).not.toBeNull();
    await expectCode(verifyEmail(deps(), token), "TOKEN_INVALID");
  });

  it("refuses an expired token", async () => {
    const user = await registeredUser("expired", { verified: false });
    const issuedAt = new Date(Date.now() - 49 * 60 * 60 * 1000);
    const token = await issueToken(testDb.db, user.id, "email_verification", {}, issuedAt);
    await expectCode(verifyEmail(deps(), token), "TOKEN_INVALID");
    const reset = await issueToken(testDb.db, user.id, "password_reset", {}, new Date(Date.now() - 61 * 60 * 1000));
    await expectCode(resetPassword(deps(), { token: reset, password: "a brand new secret" }), "TOKEN_INVALID");
  });

  it("refuses a token of another purpose", async () => {
    const user = await registeredUser("purpose");
    const token = await issueToken(testDb.db, user.id, "email_verification");
    await expectCode(resetPassword(deps(), { token, password: "a brand new secret" }), "TOKEN_INVALID");
  });

  it("spends a token once under two concurrent uses", async () => {
    const user = await registeredUser("race");
    const token = await issueToken(testDb.db, user.id, "password_reset");
    const results = await Promise.all([consumeToken(testDb.db, token, "password_reset"), consumeToken(testDb.db, token, "password_reset")]);
    expect(results.filter((r) => r !== null)).toHaveLength(1);

    const token2 = await issueToken(testDb.db, user.id, "password_reset");
    const resets = await Promise.allSettled([
      resetPassword(deps(), { token: token2, password: "first new secret" }),
      resetPassword(deps(), { token: token2, password: "second new secret" }),
    ]);
    expect(resets.filter((r) => r.status === "fulfilled")).toHaveLength(1);
  });
});

describe("password reset", () => {
  it("answers the same for unknown addresses and sends nothing", async () => {
    const unknown = email("ghost");
    await expect(requestPasswordReset(deps(), unknown)).resolves.toBeUndefined();
    expect(await mailsTo(unknown)).toEqual([]);
  });

  it("ends every session, then signs this browser in with the new password", async () => {
    const user = await registeredUser("resetter");
    const old1 = await createSession(testDb.db, user.id);
    const old2 = await createSession(testDb.db, user.id);
    await requestPasswordReset(deps(), user.email);
    const token = await tokenFromMail(user.email, "/reset-password");
    const result = await resetPassword(deps(), { token, password: "a brand new secret" });
    expect(await validateSessionToken(testDb.db, old1.token)).toBeNull();
    expect(await validateSessionToken(testDb.db, old2.token)).toBeNull();
    expect((await validateSessionToken(testDb.db, result.token))?.user.id).toBe(user.id);
    const row = await testDb.db.selectFrom("users").select("password_changed_at").where("id", "=", user.id).executeTakeFirstOrThrow();
    expect(row.password_changed_at).not.toBeNull();
    await expectCode(signIn(deps(), { email: user.email, password: PASSWORD }), "INVALID_CREDENTIALS");
    await signIn(deps(), { email: user.email, password: "a brand new secret" });
    await expectCode(resetPassword(deps(), { token, password: "yet another secret" }), "TOKEN_INVALID");
  });

  it("is rate-limited per account", async () => {
    const user = await registeredUser("reset-limit");
    for (let i = 0; i < 3; i++) await requestPasswordReset(deps({ rateLimits }), user.email, `c-${n++}`);
    await expectCode(requestPasswordReset(deps({ rateLimits }), user.email, `c-${n++}`), "RATE_LIMITED");
  });
});

describe("account changes need the current password", () => {
  it("changes the password and ends the other sessions only", async () => {
    const user = await registeredUser("changer");
    const here = await createSession(testDb.db, user.id);
    const elsewhere = await createSession(testDb.db, user.id);
    const err = await expectCode(
      changePassword(deps(), { userId: user.id, sessionId: here.session.id, currentPassword: "wrong one", newPassword: "another good secret" }),
      "VALIDATION_FAILED",
    );
    expect((err as { fields: Record<string, string[]> }).fields.currentPassword).toEqual(["auth.currentPassword.incorrect"]);
    await changePassword(deps(), { userId: user.id, sessionId: here.session.id, currentPassword: PASSWORD, newPassword: "another good secret" });
    expect(await validateSessionToken(testDb.db, here.token)).not.toBeNull();
    expect(await validateSessionToken(testDb.db, elsewhere.token)).toBeNull();
  });

  it("changes the email only when the link sent to the new address is confirmed", async () => {
    const user = await registeredUser("mover");
    const newAddress = email("moved");
    await requestEmailChange(deps(), { userId: user.id, currentPassword: PASSWORD, newEmail: newAddress });
    const still = await testDb.db.selectFrom("users").select("email").where("id", "=", user.id).executeTakeFirstOrThrow();
    expect(still.email).toBe(user.email);
    const token = await tokenFromMail(newAddress, "/account/confirm-email");
    await confirmEmailChange(deps(), token);
    const moved = await testDb.db.selectFrom("users").select(["email", "email_verified_at"]).where("id", "=", user.id).executeTakeFirstOrThrow();
    expect(moved.email).toBe(newAddress);
    await expectCode(confirmEmailChange(deps(), token), "TOKEN_INVALID");
  });

  it("sends nothing to an address that already has an account, and says the same", async () => {
    const user = await registeredUser("mover2");
    const other = await registeredUser("occupied");
    await requestEmailChange(deps(), { userId: user.id, currentPassword: PASSWORD, newEmail: other.email });
    expect(await mailsTo(other.email)).toEqual([]);
  });

  it("signs out everywhere else", async () => {
    const user = await registeredUser("everywhere");
    const here = await createSession(testDb.db, user.id);
    const there = await createSession(testDb.db, user.id);
    await signOutEverywhere(deps(), user.id, here.session.id);
    expect(await validateSessionToken(testDb.db, here.token)).not.toBeNull();
    expect(await validateSessionToken(testDb.db, there.token)).toBeNull();
  });
});

describe("sessions (Lucia guide)", () => {
  it("validates a token and refuses a tampered secret", async () => {
    const user = await registeredUser("session");
    const { token } = await createSession(testDb.db, user.id);
    expect((await validateSessionToken(testDb.db, token))?.user.email).toBe(user.email);
    const [id, secret] = token.split(".") as [string, string];
    const flipped = secret.slice(0, -1) + (secret.endsWith("a") ? "b" : "a");
    expect(await validateSessionToken(testDb.db, `${id}.${flipped}`)).toBeNull();
    expect(await validateSessionToken(testDb.db, `${id}.`)).toBeNull();
    expect(await validateSessionToken(testDb.db, `${id}.${secret}.x`)).toBeNull();
    // Only a hash of the secret is stored.
    const row = await testDb.db.selectFrom("sessions").select("secret_hash").where("id", "=", id).executeTakeFirstOrThrow();
    expect(Buffer.from(row.secret_hash).toString()).not.toContain(secret);
  });

  it("slides the expiry on use and expires after inactivity", async () => {
    const user = await registeredUser("sliding");
    const start = new Date("2030-01-01T00:00:00Z");
    const { token, session } = await createSession(testDb.db, user.id, start);
    const later = new Date(start.getTime() + 5 * 24 * 3600 * 1000);
    const refreshed = await validateSessionToken(testDb.db, token, later);
    expect(refreshed?.refreshed).toBe(true);
    expect(refreshed!.session.expiresAt.getTime()).toBe(later.getTime() + INACTIVITY_TIMEOUT_MS);
    expect(refreshed!.session.expiresAt.getTime()).toBeGreaterThan(session.expiresAt.getTime());
    const idle = new Date(later.getTime() + INACTIVITY_TIMEOUT_MS + 1000);
    expect(await validateSessionToken(testDb.db, token, idle)).toBeNull();
  });

  it("ends at the absolute lifetime however active", async () => {
    const user = await registeredUser("absolute");
    const start = new Date("2030-02-01T00:00:00Z");
    const { token } = await createSession(testDb.db, user.id, start);
    let at = start.getTime();
    while (at + 5 * 24 * 3600 * 1000 < start.getTime() + ABSOLUTE_LIFETIME_MS) {
      at += 5 * 24 * 3600 * 1000;
      expect(await validateSessionToken(testDb.db, token, new Date(at))).not.toBeNull();
    }
    expect(await validateSessionToken(testDb.db, token, new Date(start.getTime() + ABSOLUTE_LIFETIME_MS))).toBeNull();
  });
});

describe("operator:create", () => {
  it("creates a verified operator, or promotes an existing account", async () => {
    const address = email("op");
    const created = await createOrPromoteOperator({ db: testDb.db }, { email: address, password: "operator secret phrase" });
    expect(created.created).toBe(true);
    const signedIn = await signIn(deps(), { email: address, password: "operator secret phrase" });
    expect(signedIn.user).toMatchObject({ isOperator: true, emailVerified: true });

    const partner = await registeredUser("promote", { verified: false });
    const promoted = await createOrPromoteOperator({ db: testDb.db }, { email: partner.email, password: "operator secret phrase" });
    expect(promoted).toEqual({ userId: partner.id, created: false });
    const row = await testDb.db.selectFrom("users").select(["is_operator", "email_verified_at"]).where("id", "=", partner.id).executeTakeFirstOrThrow();
    expect(row.is_operator).toBe(true);
    expect(row.email_verified_at).not.toBeNull();
  });
});
