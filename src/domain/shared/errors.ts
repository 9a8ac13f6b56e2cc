// Typed domain errors: a SCREAMING_SNAKE_CASE code the web layer maps to a status, plus optional field messages.
export type DomainErrorCode =
  | "NOT_FOUND"
  | "FORBIDDEN"
  | "UNAUTHENTICATED"
  | "VALIDATION_FAILED"
  | "CONFLICT"
  | "STALE_VERSION"
  | "RATE_LIMITED"
  | "TOKEN_INVALID"
  | "PARTNER_NOT_AUTHORIZED"
  | "LAST_OWNER"
  | "EMAIL_TAKEN"
  | "INVALID_CREDENTIALS"
  | "EMAIL_NOT_VERIFIED"
  | "SOVEREIGN_CLOUD"
  /** The partner paused new trial requests (at capacity). */
  | "NOT_ACCEPTING_REQUESTS";

export class DomainError extends Error {
  override name = "DomainError";
  readonly code: DomainErrorCode;
  /** Field-level messages (message keys or plain text) for forms. */
  readonly fields: Record<string, string[]>;
  /** Seconds to wait, for RATE_LIMITED. */
  readonly retryAfter?: number;

  constructor(code: DomainErrorCode, message?: string, options: { fields?: Record<string, string[]>; retryAfter?: number; cause?: unknown } = {}) {
    super(message ?? code, { cause: options.cause });
    this.code = code;
    this.fields = options.fields ?? {};
    this.retryAfter = options.retryAfter;
  }
}

export function isDomainError(error: unknown, code?: DomainErrorCode): error is DomainError {
  return error instanceof DomainError && (code === undefined || error.code === code);
}
