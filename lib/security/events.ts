// Typed internal security events: what the console itself observes about attacks on it
// (failed sign-ins, lockouts, permission denials). The threat-scoring engine subscribes; until
// then they are logged. Fields follow the ECS names the ingest pipeline uses.
import { logger } from "@/lib/log.ts";

interface SecurityEventBase {
  "@timestamp": string;
  /** Null when the caller could not be tied to an org (an unknown API key). */
  orgId: string | null;
  "source.ip": string | null;
  "user_agent.original": string | null;
}

export type SecurityEvent =
  | (SecurityEventBase & {
      kind: "auth.failure";
      "user.name": string;
      reason:
        "unknown_user" | "wrong_password" | "disabled" | "locked" | "blocked_ip" | "wrong_mfa_code" | "invalid_api_key";
    })
  | (SecurityEventBase & {
      kind: "auth.lockout";
      scope: "account" | "ip";
      key: string;
      failures: number;
      until: string;
    })
  | (SecurityEventBase & { kind: "access.denied"; "user.name": string; permission: string; route: string });

type Listener = (event: SecurityEvent) => void;

const store = globalThis as typeof globalThis & { __securenetSecurityListeners?: Set<Listener> };
const listeners = (store.__securenetSecurityListeners ??= new Set());

/** Subscribe to security events in this process; returns the unsubscribe function. */
export function onSecurityEvent(listener: Listener): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

export function emitSecurityEvent(event: SecurityEvent) {
  logger().info({ securityEvent: event }, `security event ${event.kind}`);
  for (const listener of listeners) {
    try {
      listener(event);
    } catch (error) {
      logger().error({ err: error }, "security event listener failed");
    }
  }
}
