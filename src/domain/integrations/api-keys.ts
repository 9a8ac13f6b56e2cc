// Organization API keys (issue 5): "mk_<prefix>_<secret>", shown once, only SHA-256(secret) stored; scoped and revocable.
import { sql } from "kysely";
import { encodeBase32LowerCaseNoPadding } from "@oslojs/encoding";
import type { Database } from "../../../db/client.ts";
import { generateToken, hashesEqual, hashToken } from "../auth/tokens.ts";
import { requirePartnerPermission, type PartnerAccess } from "../partners/membership.ts";
import { audit } from "../shared/audit.ts";
import { DomainError } from "../shared/errors.ts";
import { isUuid } from "../shared/ids.ts";
import { createApiKeySchema, fieldErrors, type ApiScope, type CreateApiKeyInput } from "./schemas.ts";

export interface ApiKeySummary {
  id: string;
  name: string;
  prefix: string;
  scopes: ApiScope[];
  createdAt: Date;
  createdByName: string | null;
  lastUsedAt: Date | null;
  revokedAt: Date | null;
}

const KEY_PATTERN = /^mk_([a-z2-7]{8,16})_([a-z2-7]{32})$/;

function newPrefix(): string {
  const bytes = new Uint8Array(5);
  crypto.getRandomValues(bytes);
  return encodeBase32LowerCaseNoPadding(bytes);
}

/** Creates a key; the returned `key` is the only time the secret exists outside the caller's hands. */
export async function createApiKey(
  db: Database,
  userId: string,
  partnerSlug: string,
  input: CreateApiKeyInput,
): Promise<{ id: string; prefix: string; key: string; name: string; scopes: ApiScope[] }> {
  const partner = await requirePartnerPermission(db, userId, partnerSlug, "apiKeys.manage");
  const parsed = createApiKeySchema.safeParse(input);
  if (!parsed.success) throw new DomainError("VALIDATION_FAILED", undefined, { fields: fieldErrors(parsed.error) });
  const { name, scopes } = parsed.data;
  const unique = [...new Set(scopes)].sort() as ApiScope[];
  const secret = generateToken();
  return db.transaction().execute(async (trx) => {
    const prefix = newPrefix();
    const row = await trx
      .insertInto("api_keys")
      .values({ partner_id: partner.partnerId, name, prefix, secret_hash: Buffer.from(hashToken(secret)), scopes: unique, created_by: userId })
      .returning("id")
      .executeTakeFirstOrThrow()
      .catch((error: unknown) => {
        // The partial unique index on active names decides, also between two submits of the same form.
        if ((error as { constraint?: string }).constraint === "api_keys_partner_name_key") {
          throw new DomainError("VALIDATION_FAILED", "an active key has this name", { fields: { name: ["integrations.error.nameTaken"] } });
        }
        throw error;
      });
    await audit(trx, { actorUserId: userId, action: "apiKey.created", subjectType: "partner", subjectId: partner.partnerId, data: { keyId: row.id, name, prefix, scopes: unique } });
    return { id: row.id, prefix, key: `mk_${prefix}_${secret}`, name, scopes: unique };
  });
}

export async function listApiKeys(db: Database, userId: string, partnerSlug: string): Promise<{ partner: PartnerAccess; keys: ApiKeySummary[] }> {
  const partner = await requirePartnerPermission(db, userId, partnerSlug, "apiKeys.manage");
  const rows = await db
    .selectFrom("api_keys as k")
    .leftJoin("users as u", "u.id", "k.created_by")
    .select(["k.id", "k.name", "k.prefix", "k.scopes", "k.created_at", "k.last_used_at", "k.revoked_at", "u.display_name"])
    .where("k.partner_id", "=", partner.partnerId)
    .orderBy("k.revoked_at", (ob) => ob.desc().nullsFirst())
    .orderBy("k.created_at", "desc")
    .execute();
  return {
    partner,
    keys: rows.map((r) => ({
      id: r.id,
      name: r.name,
      prefix: r.prefix,
      scopes: r.scopes as ApiScope[],
      createdAt: new Date(r.created_at),
      createdByName: r.display_name,
      lastUsedAt: r.last_used_at ? new Date(r.last_used_at) : null,
      revokedAt: r.revoked_at ? new Date(r.revoked_at) : null,
    })),
  };
}

/** Revokes at once (the next request with it is refused); revoking twice is harmless. */
export async function revokeApiKey(db: Database, userId: string, partnerSlug: string, keyId: string): Promise<void> {
  const partner = await requirePartnerPermission(db, userId, partnerSlug, "apiKeys.manage");
  if (!isUuid(keyId)) throw new DomainError("NOT_FOUND");
  await db.transaction().execute(async (trx) => {
    const row = await trx
      .updateTable("api_keys")
      .set({ revoked_at: sql`coalesce(revoked_at, now())` })
      .where("id", "=", keyId)
      .where("partner_id", "=", partner.partnerId)
      .returning(["id", "prefix"])
      .executeTakeFirst();
    if (!row) throw new DomainError("NOT_FOUND");
    await audit(trx, { actorUserId: userId, action: "apiKey.revoked", subjectType: "partner", subjectId: partner.partnerId, data: { keyId, prefix: row.prefix } });
  });
}

export interface ApiPrincipal {
  keyId: string;
  keyName: string;
  prefix: string;
  partnerId: string;
  partnerSlug: string;
  scopes: ApiScope[];
}

/**
 * The key behind a bearer token. Unknown, malformed or revoked → UNAUTHENTICATED (indistinguishable);
 * a partner no longer authorized (R1) → PARTNER_NOT_AUTHORIZED. Updates last_used_at at most once a minute.
 */
export async function authenticateApiKey(db: Database, token: string): Promise<ApiPrincipal> {
  const match = KEY_PATTERN.exec(token);
  // Hash even on a malformed token, so the answer takes about as long either way.
  const given = hashToken(match?.[2] ?? token);
  if (!match) throw new DomainError("UNAUTHENTICATED");
  const row = await db
    .selectFrom("api_keys as k")
    .innerJoin("partners as p", "p.id", "k.partner_id")
    .select(["k.id", "k.name", "k.prefix", "k.secret_hash", "k.scopes", "k.revoked_at", "k.last_used_at", "p.id as partnerId", "p.slug", "p.status"])
    .where("k.prefix", "=", match[1]!)
    .executeTakeFirst();
  if (!row || !hashesEqual(new Uint8Array(row.secret_hash), given) || row.revoked_at) throw new DomainError("UNAUTHENTICATED");
  if (row.status !== "authorized") throw new DomainError("PARTNER_NOT_AUTHORIZED");
  if (!row.last_used_at || Date.now() - new Date(row.last_used_at).getTime() > 60_000) {
    // Throttled in SQL too, so a burst of requests from one key writes the row once.
    await db
      .updateTable("api_keys")
      .set({ last_used_at: sql`now()` })
      .where("id", "=", row.id)
      .where((eb) => eb.or([eb("last_used_at", "is", null), eb("last_used_at", "<", sql<Date>`now() - interval '1 minute'`)]))
      .execute();
  }
  return { keyId: row.id, keyName: row.name, prefix: row.prefix, partnerId: row.partnerId, partnerSlug: row.slug, scopes: row.scopes as ApiScope[] };
}
