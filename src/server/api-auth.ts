// Bearer authentication of the partner API (issue 5): API key → organization, scope check, per-key rate limit,
// and the JSON error answers every partner API endpoint shares.
import { z } from "zod";
import type { Database } from "../../db/client.ts";
import { authenticateApiKey, type ApiPrincipal } from "../domain/integrations/api-keys.ts";
import type { ApiScope } from "../domain/integrations/schemas.ts";
import { DomainError, isDomainError } from "../domain/shared/errors.ts";
import type { RateLimits } from "./rate-limit.ts";

export const PARTNER_API_ERRORS = [
  "unauthorized",
  "insufficient_scope",
  "partner_not_authorized",
  "not_found",
  "invalid_parameters",
  "validation_failed",
  "conflict",
  "rate_limited",
  "method_not_allowed",
  "unsupported_media_type",
] as const;
export type PartnerApiErrorCode = (typeof PARTNER_API_ERRORS)[number];

export const PartnerApiErrorSchema = z.object({
  error: z.enum(PARTNER_API_ERRORS),
  message: z.string().optional().meta({ description: "A human-readable explanation (English)." }),
  fields: z.record(z.string(), z.array(z.string())).optional().meta({ description: "Messages per field or parameter name." }),
});

const JSON_TYPE = "application/json; charset=utf-8";
const REALM = 'Bearer realm="partner-api"';

/** A JSON answer of the partner API: never cached (per-organization data), no CORS (server-to-server, keys are secrets). */
export function partnerApiJson(body: unknown, status = 200, headers: Record<string, string> = {}): Response {
  return new Response(JSON.stringify(body), {
    status,
    headers: { "content-type": JSON_TYPE, "cache-control": "no-store", ...headers },
  });
}

export function partnerApiError(
  status: number,
  error: PartnerApiErrorCode,
  options: { message?: string; fields?: Record<string, string[]>; headers?: Record<string, string> } = {},
): Response {
  const body = { error, ...(options.message ? { message: options.message } : {}), ...(options.fields ? { fields: options.fields } : {}) };
  return partnerApiJson(body, status, options.headers ?? {});
}

function tooManyFailures(seconds: number): Response {
  return partnerApiError(429, "rate_limited", { message: "Too many requests with an invalid API key from this client.", headers: { "retry-after": String(seconds) } });
}

export function unauthorized(message = "A valid API key is required: send `Authorization: Bearer mk_…`."): Response {
  return partnerApiError(401, "unauthorized", { message, headers: { "www-authenticate": `${REALM}, error="invalid_token"` } });
}

/** DomainErrors of the lead core and of key authentication, as the API's documented answers. */
export function domainErrorResponse(error: DomainError): Response {
  switch (error.code) {
    case "UNAUTHENTICATED":
      return unauthorized();
    case "PARTNER_NOT_AUTHORIZED":
      return partnerApiError(403, "partner_not_authorized", { message: "The organization is not authorized on the marketplace (R1)." });
    case "NOT_FOUND":
      return partnerApiError(404, "not_found", { message: "No such lead." });
    case "CONFLICT":
    case "STALE_VERSION":
      return partnerApiError(409, "conflict", { message: error.message !== error.code ? error.message : "The lead changed meanwhile; read it again." });
    case "RATE_LIMITED":
      return partnerApiError(429, "rate_limited", { message: "Too many requests for this API key.", headers: { "retry-after": String(error.retryAfter ?? 60) } });
    case "VALIDATION_FAILED":
      return partnerApiError(422, "validation_failed", {
        message: error.message !== error.code ? error.message : "The change is not allowed.",
        fields: Object.keys(error.fields).length ? error.fields : undefined,
      });
    default:
      return partnerApiError(403, "insufficient_scope", { message: error.message });
  }
}

export interface ApiAuthDeps {
  db: Database;
  rateLimits: Pick<RateLimits, "consume" | "blockedFor">;
  /** The caller's address: failed key attempts are limited per client. */
  clientKey?: string;
}

/**
 * The caller's key, if the request carries a valid one with `scope`; otherwise the error Response to return.
 * 401 (missing, malformed, unknown or revoked key), 403 (scope missing, organization not authorized), 429 (rate limit).
 */
export async function authenticateApiRequest(request: Request, deps: ApiAuthDeps, scope: ApiScope): Promise<ApiPrincipal | Response> {
  // A client that keeps sending bad keys waits before any key of its is looked at again.
  if (deps.clientKey) {
    const wait = await deps.rateLimits.blockedFor("apiAuthFailuresClient", deps.clientKey);
    if (wait > 0) return tooManyFailures(wait);
  }
  const header = request.headers.get("authorization") ?? "";
  const match = /^Bearer[ ]+(\S+)\s*$/i.exec(header);
  let principal: ApiPrincipal;
  try {
    if (!match) throw new DomainError("UNAUTHENTICATED");
    principal = await authenticateApiKey(deps.db, match[1]!);
  } catch (error) {
    if (!isDomainError(error)) throw error;
    if (error.code === "UNAUTHENTICATED" && deps.clientKey) {
      try {
        await deps.rateLimits.consume("apiAuthFailuresClient", deps.clientKey);
      } catch (limit) {
        if (isDomainError(limit, "RATE_LIMITED")) return tooManyFailures(limit.retryAfter ?? 60);
        throw limit;
      }
    }
    return domainErrorResponse(error);
  }
  if (!principal.scopes.includes(scope)) {
    return partnerApiError(403, "insufficient_scope", {
      message: `This API key lacks the \`${scope}\` scope.`,
      headers: { "www-authenticate": `${REALM}, error="insufficient_scope", scope="${scope}"` },
    });
  }
  try {
    await deps.rateLimits.consume("partnerApiKey", principal.keyId);
  } catch (error) {
    if (isDomainError(error, "RATE_LIMITED")) return domainErrorResponse(error);
    throw error;
  }
  return principal;
}
