// Rate limits with rate-limiter-flexible's Postgres store, so limits hold across web nodes.
import pg from "pg";
import { RateLimiterPostgres, RateLimiterRes } from "rate-limiter-flexible";
import { DomainError } from "../domain/shared/errors.ts";

/** Points per window (seconds). Keys are prefixed per limiter. */
export const LIMITS = {
  signInAccount: { points: 10, duration: 15 * 60 },
  signInClient: { points: 50, duration: 15 * 60 },
  signUpClient: { points: 10, duration: 60 * 60 },
  passwordResetAccount: { points: 3, duration: 60 * 60 },
  passwordResetClient: { points: 20, duration: 60 * 60 },
  verificationEmailAccount: { points: 3, duration: 60 * 60 },
  invitationsPartner: { points: 50, duration: 24 * 60 * 60 },
  publicFormClient: { points: 20, duration: 60 * 60 },
  publicFormEmail: { points: 5, duration: 60 * 60 },
  /** Partner API (issue 5): requests per API key per minute. */
  partnerApiKey: { points: 120, duration: 60 },
  /** Requests with a missing, unknown or revoked API key, per client address; once spent, even valid keys wait. */
  apiAuthFailuresClient: { points: 30, duration: 15 * 60 },
} as const;

export type LimitName = keyof typeof LIMITS;

export interface RateLimits {
  /** Takes one point; throws DomainError RATE_LIMITED (with retryAfter seconds) when none is left. */
  consume(name: LimitName, key: string): Promise<void>;
  /** Seconds until `key` may try again when its points are spent, else 0 (takes no point). */
  blockedFor(name: LimitName, key: string): Promise<number>;
  /** Gives the key its points back (e.g. after a successful sign-in). */
  reset(name: LimitName, key: string): Promise<void>;
  /** Closes the store's connections. */
  close(): Promise<void>;
}

export function createRateLimits(connectionString: string): RateLimits {
  const pool = new pg.Pool({ connectionString, max: 5, application_name: "marketplace-ratelimit" });
  pool.on("error", () => {});
  const limiters = new Map<LimitName, RateLimiterPostgres>();
  const limiter = (name: LimitName) => {
    let existing = limiters.get(name);
    if (!existing) {
      existing = new RateLimiterPostgres({
        storeClient: pool,
        storeType: "pool",
        tableName: "rate_limits",
        tableCreated: true,
        keyPrefix: name,
        ...LIMITS[name],
      });
      limiters.set(name, existing);
    }
    return existing;
  };
  return {
    async consume(name, key) {
      try {
        await limiter(name).consume(key.toLowerCase());
      } catch (error) {
        if (error instanceof RateLimiterRes) {
          throw new DomainError("RATE_LIMITED", "Too many attempts", { retryAfter: Math.max(1, Math.ceil(error.msBeforeNext / 1000)) });
        }
        throw error;
      }
    },
    async blockedFor(name, key) {
      const state = await limiter(name).get(key.toLowerCase());
      return state && state.remainingPoints <= 0 && state.msBeforeNext > 0 ? Math.ceil(state.msBeforeNext / 1000) : 0;
    },
    async reset(name, key) {
      await limiter(name).delete(key.toLowerCase());
    },
    close: () => pool.end(),
  };
}
