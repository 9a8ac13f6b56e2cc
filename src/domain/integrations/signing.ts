// Webhook signatures (issue 5): HMAC-SHA256 over "<timestamp>.<body>" with the endpoint's secret; recipe in docs/webhooks.md.
import { createHmac, timingSafeEqual } from "node:crypto";

export const SIGNATURE_VERSION = "v1";

/** The `Webhook-Signature` header value for a body sent at `timestamp` (Unix seconds). */
export function signWebhook(secret: string, timestamp: number, body: string): string {
  return `${SIGNATURE_VERSION}=${createHmac("sha256", secret).update(`${timestamp}.${body}`).digest("hex")}`;
}

/** The receiver's check, as documented: fresh timestamp and a constant-time match of any v1 signature in the header. */
export function verifyWebhookSignature(
  secret: string,
  headers: { timestamp: string | null; signature: string | null },
  body: string,
  options: { toleranceSeconds?: number; now?: Date } = {},
): boolean {
  const timestamp = Number(headers.timestamp);
  if (!Number.isInteger(timestamp) || !headers.signature) return false;
  const nowSeconds = Math.floor((options.now ?? new Date()).getTime() / 1000);
  if (Math.abs(nowSeconds - timestamp) > (options.toleranceSeconds ?? 300)) return false;
  const expected = Buffer.from(signWebhook(secret, timestamp, body));
  return headers.signature.split(/[ ,]+/).some((candidate) => {
    const given = Buffer.from(candidate);
    return given.length === expected.length && timingSafeEqual(given, expected);
  });
}
