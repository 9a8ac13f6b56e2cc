// The one place that maps domain error codes to HTTP statuses; unknown errors are logged whole, answered generically.
import type { DomainErrorCode } from "../domain/shared/errors.ts";

export const STATUS_BY_CODE: Record<DomainErrorCode, number> = {
  NOT_FOUND: 404,
  FORBIDDEN: 403,
  UNAUTHENTICATED: 401,
  VALIDATION_FAILED: 400,
  CONFLICT: 409,
  STALE_VERSION: 409,
  RATE_LIMITED: 429,
  TOKEN_INVALID: 400,
  PARTNER_NOT_AUTHORIZED: 403,
  LAST_OWNER: 409,
  EMAIL_TAKEN: 409,
  INVALID_CREDENTIALS: 400,
  EMAIL_NOT_VERIFIED: 403,
  SOVEREIGN_CLOUD: 403,
  NOT_ACCEPTING_REQUESTS: 409,
};
