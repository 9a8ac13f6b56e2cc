// Shared frame of the command-line tools: parse the env, start what is needed (embedded by default),
// hand over a database, always stop everything, and print configuration errors without a stack trace.
import { createDb, type Database } from "../../db/client.ts";
import { EnvError, parseEnv, type Env } from "./env.ts";
import { startServices, type RunningServices } from "./services.ts";

export interface CliContext {
  env: Env;
  services: RunningServices;
  db: Database;
}

export async function runCli(
  name: string,
  options: { search?: boolean },
  task: (ctx: CliContext) => Promise<void>,
  precheck?: (env: Env) => void,
): Promise<void> {
  try {
    const env = parseEnv(process.env);
    precheck?.(env);
    const services = await startServices(env, { search: options.search ?? false });
    const db = createDb(services.databaseUrl, { max: 2, applicationName: `marketplace-${name}` });
    try {
      await task({ env, services, db });
    } finally {
      await db.destroy();
      await services.stop();
    }
  } catch (error) {
    console.error(error instanceof EnvError ? error.message : error);
    process.exit(1);
  }
}
