// Structured logging with pino; one root logger, children per component.
import pino from "pino";

export function createLogger(level: string = process.env.LOG_LEVEL ?? "info") {
  return pino({
    level,
    base: undefined,
    redact: { paths: ["password", "*.password", "token", "*.token", "req.headers.cookie"], remove: true },
  });
}

export type Logger = ReturnType<typeof createLogger>;
