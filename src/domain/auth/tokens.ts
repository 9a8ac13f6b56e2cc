// Random tokens (≥ 120 bits) and their SHA-256 hashes: only hashes are stored (convention 12).
import { sha256 } from "@oslojs/crypto/sha2";
import { constantTimeEqual } from "@oslojs/crypto/subtle";
import { encodeBase32LowerCaseNoPadding } from "@oslojs/encoding";

/** 160 random bits as 32 lower-case base32 characters: safe in URLs and cookies. */
export function generateToken(): string {
  const bytes = new Uint8Array(20);
  crypto.getRandomValues(bytes);
  return encodeBase32LowerCaseNoPadding(bytes);
}

export function hashToken(token: string): Uint8Array {
  return sha256(new TextEncoder().encode(token));
}

export function hashesEqual(a: Uint8Array, b: Uint8Array): boolean {
  return a.byteLength === b.byteLength && constantTimeEqual(a, b);
}
