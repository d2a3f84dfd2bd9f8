// Structured logging (pino). Secrets are redacted wherever they appear in a log object.
import pino from "pino";

const REDACT = [
  "password",
  "*.password",
  "passwordHash",
  "*.passwordHash",
  "secret",
  "*.secret",
  "token",
  "*.token",
  "apiKey",
  "*.apiKey",
  "authorization",
  "*.authorization",
  "req.headers.authorization",
  "req.headers.cookie",
  "headers.cookie",
  "headers.authorization",
  "cookie",
  "*.cookie",
  "AUTH_SECRET",
  "SECURENET_ENCRYPTION_KEY",
  "SECURENET_ADMIN_PASSWORD",
  "DATABASE_URL",
  "*.DATABASE_URL",
];

const store = globalThis as typeof globalThis & { __securenetLogger?: pino.Logger };

export function createLogger(level = "info", destination?: pino.DestinationStream): pino.Logger {
  return pino({ level, base: { service: "securenet" }, redact: { paths: REDACT, censor: "[redacted]" } }, destination);
}

/** The process logger. The level is set once by the server from the configuration. */
export function logger(): pino.Logger {
  store.__securenetLogger ??= createLogger();
  return store.__securenetLogger;
}

export function setLogger(value: pino.Logger) {
  store.__securenetLogger = value;
}
