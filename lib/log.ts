// Structured logging (pino). Secrets are redacted wherever they appear in a log object.
import pino from "pino";
import { installedRuntime } from "@/lib/runtime/process-runtime.ts";

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

// This module copy's logger, once set or made. Route handlers bundled by Next (a second copy) use
// the installed runtime's.
let configured: pino.Logger | undefined;

export function createLogger(level = "info", destination?: pino.DestinationStream): pino.Logger {
  return pino({ level, base: { service: "securenet" }, redact: { paths: REDACT, censor: "[redacted]" } }, destination);
}

/** The process logger. The level is set once by the server from the configuration. */
export function logger(): pino.Logger {
  configured ??= installedRuntime()?.logger ?? createLogger();
  return configured;
}

export function setLogger(value: pino.Logger) {
  configured = value;
}
