// The console's own security events (failed sign-ins, lockouts, denials, bad API keys) enter the
// same pipeline as sensor events: stored as ECS events of module "securenet", then detected on,
// so an attack on the console raises alerts like an attack on anything else.
import { onSecurityEvent, type SecurityEvent } from "@/lib/security/events.ts";
import { ingestBatch } from "./ingest-batch.ts";
import type { PipelineDeps } from "./pipeline-deps.ts";

export function securityEventToEcs(event: SecurityEvent): Record<string, unknown> {
  const base = {
    "@timestamp": event["@timestamp"],
    event: {
      kind: "event",
      module: "securenet",
      dataset: "securenet.security",
      action: event.kind,
      outcome: "failure",
      category: ["authentication"],
    },
    ...(event["source.ip"] ? { source: { ip: event["source.ip"] } } : {}),
    ...(event["user_agent.original"] ? { user_agent: { original: event["user_agent.original"] } } : {}),
  };
  switch (event.kind) {
    case "auth.failure":
      return { ...base, user: { name: event["user.name"] }, labels: { reason: event.reason } };
    case "auth.lockout":
      // The consequence of failures already counted, not another failure.
      return {
        ...base,
        event: { ...base.event, outcome: "unknown" },
        labels: { scope: event.scope, failures: String(event.failures), until: event.until },
      };
    case "access.denied":
      return {
        ...base,
        event: { ...base.event, category: ["iam"] },
        user: { name: event["user.name"] },
        labels: { permission: event.permission, route: event.route },
      };
  }
}

/** Subscribes for the life of the process; returns the unsubscribe function. */
export function startInternalDetection(deps: PipelineDeps): () => void {
  return onSecurityEvent((event) => {
    if (!event.orgId) return;
    // A detection that fails is logged by the pipeline and stays in its backlog.
    void ingestBatch(deps, {
      orgId: event.orgId,
      items: [securityEventToEcs(event)],
      source: { apiKeyId: null },
    }).catch((error: unknown) => deps.log.warn({ err: error }, "internal security event not stored"));
  });
}
