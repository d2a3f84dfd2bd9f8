// Typed internal security events: what the console itself observes about attacks on it
// (failed sign-ins, lockouts, permission denials). The threat-scoring engine subscribes; until
// then they are logged. Fields follow the ECS names the ingest pipeline uses.
import { logger } from "@/lib/log.ts";
import { processBuses } from "@/lib/runtime/buses.ts";

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

/** Subscribe to security events in this process (the runtime's bus); returns the unsubscribe function. */
export function onSecurityEvent(listener: (event: SecurityEvent) => void): () => void {
  return processBuses().securityEvents.on(listener);
}

export function emitSecurityEvent(event: SecurityEvent) {
  logger().info({ securityEvent: event }, `security event ${event.kind}`);
  processBuses().securityEvents.emit(event);
}
