// `npm run operator:create -- --email <e> --password <p> [--name <n>]`: creates or promotes an operator (verified address),
// e.g. the first operator of a fresh install. Uses DATABASE_URL, or the embedded database under DATA_DIR.
import { parseArgs } from "node:util";
import { createDb } from "./client.ts";
import { migrateAll } from "./migrator.ts";
import { createOrPromoteOperator } from "../src/domain/auth/service.ts";
import { operatorCreateSchema } from "../src/domain/auth/schemas.ts";
import { EnvError, parseEnv } from "../src/server/env.ts";
import { startServices } from "../src/server/services.ts";

const MESSAGES: Record<string, string> = {
  "auth.email.required": "--email is required",
  "auth.email.invalid": "--email is not a valid address",
  "auth.password.tooShort": "--password must be at least 8 characters",
  "auth.password.tooLong": "--password must be at most 255 characters",
  "auth.password.common": "--password is one of the most common passwords; choose another",
};

try {
  const { values } = parseArgs({
    options: { email: { type: "string" }, password: { type: "string" }, name: { type: "string" } },
    strict: true,
  });
  const parsed = operatorCreateSchema.safeParse({ email: values.email ?? "", password: values.password ?? "", name: values.name });
  if (!parsed.success) {
    for (const issue of parsed.error.issues) console.error(MESSAGES[issue.message] ?? `${issue.path.join(".")}: ${issue.message}`);
    console.error("Usage: npm run operator:create -- --email <email> --password <password> [--name <name>]");
    process.exit(2);
  }
  const env = parseEnv(process.env);
  const services = await startServices(env, { search: false });
  const db = createDb(services.databaseUrl, { max: 1, applicationName: "marketplace-operator-create" });
  try {
    // A fresh install may not have been migrated yet; migrating is idempotent.
    await migrateAll(db, services.databaseUrl);
    const result = await createOrPromoteOperator({ db }, parsed.data);
    console.log(`${result.created ? "Created" : "Promoted"} operator ${parsed.data.email} (${result.userId}).`);
  } finally {
    await db.destroy();
    await services.stop();
  }
} catch (error) {
  console.error(error instanceof EnvError ? error.message : error instanceof Error ? error.message : error);
  process.exit(1);
}
