// Environment configuration: parsed once with zod, failing fast with every problem listed.
import { z } from "zod";

const optionalUrl = (protocols: string[]) =>
  z
    .string()
    .trim()
    .transform((v) => (v === "" ? undefined : v))
    .pipe(
      z
        .url({ protocol: new RegExp(`^(${protocols.join("|")})$`), error: `must be a ${protocols.join(" or ")} URL` })
        .optional(),
    )
    .optional();

const boolFlag = z
  .enum(["1", "0", "true", "false", "yes", "no", ""])
  .optional()
  .transform((v) => (v === undefined || v === "" ? undefined : ["1", "true", "yes"].includes(v)));

export const envSchema = z.object({
  NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
  /** Postgres connection string; unset = the embedded server under DATA_DIR. */
  DATABASE_URL: optionalUrl(["postgres", "postgresql"]),
  /** Meilisearch base URL; unset = the embedded server under DATA_DIR. */
  MEILI_URL: optionalUrl(["http", "https"]),
  MEILI_MASTER_KEY: z.string().min(16, "must be at least 16 bytes").optional(),
  /** Path of a meilisearch binary for the embedded default. */
  MEILI_BINARY: z.string().min(1).optional(),
  /** Milliseconds before a search request is abandoned (then the Postgres fallback answers). */
  MEILI_TIMEOUT_MS: z.coerce.number().int().min(50).max(60_000).default(1500),
  /** Prefix of every Meilisearch index name (tests give each file its own). */
  MEILI_INDEX_PREFIX: z.string().regex(/^[a-zA-Z0-9_-]*$/, "letters, digits, - and _ only").default(""),
  /** SMTP server for outgoing mail; unset = mail stays in the database outbox (see /dev/mail). */
  SMTP_URL: optionalUrl(["smtp", "smtps"]),
  /** Sender of every mail: an address the SMTP server accepts as From. */
  MAIL_FROM: z
    .string()
    .trim()
    .transform((v) => (v === "" ? undefined : v))
    .pipe(
      z
        .string()
        .regex(/^[^\r\n]*[^\s@<>]+@[^\s@<>]+>?$/, 'must be an address like "Partner Marketplace <no-reply@example.com>"')
        .optional(),
    )
    .optional()
    .transform((v) => v ?? "Partner Marketplace <no-reply@localhost>"),
  /** The site's public origin, used in emails, canonical URLs and origin checks. */
  PUBLIC_BASE_URL: optionalUrl(["http", "https"]),
  HOST: z.string().min(1).default("0.0.0.0"),
  PORT: z.coerce.number().int().min(1).max(65535).optional(),
  /** Where the embedded servers keep their data. */
  DATA_DIR: z.string().min(1).default(".data"),
  /** Seed demo data: unset = only on the embedded default's first start. */
  SEED_DEMO: boolFlag,
  /** Run the job worker inside the web process (false when workers run as their own processes). */
  RUN_WORKER: boolFlag.transform((v) => v ?? true),
  LOG_LEVEL: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).default("info"),
});

export type Env = z.infer<typeof envSchema>;

export class EnvError extends Error {
  override name = "EnvError";
}

/** Parses the given variables; throws one EnvError naming every bad variable. */
export function parseEnv(source: Record<string, string | undefined> = process.env): Env {
  const result = envSchema.safeParse(source);
  if (!result.success) {
    const lines = result.error.issues.map((issue) => `  - ${issue.path.join(".") || "(env)"}: ${issue.message}`);
    throw new EnvError(`Invalid configuration (environment variables):\n${lines.join("\n")}`);
  }
  const env = result.data;
  if (env.MEILI_URL && !env.MEILI_MASTER_KEY && env.NODE_ENV === "production") {
    throw new EnvError("Invalid configuration (environment variables):\n  - MEILI_MASTER_KEY: required with MEILI_URL in production");
  }
  return env;
}
