// The closed catalogue of audited actions. Add new actions here; nothing else is accepted.
export const AUDIT_ACTIONS = [
  "auth.login.succeeded",
  "auth.login.failed",
  "auth.logout",
  "auth.lockout",
  "auth.mfa.enrollment_started",
  "auth.mfa.enrolled",
  "auth.mfa.reset",
  "auth.mfa.recovery_code_used",
  "auth.mfa.recovery_codes_regenerated",
  "session.revoked",
  "access.denied",
  "user.created",
  "user.updated",
  "user.disabled",
  "user.password_changed",
  "user.password_reset",
  "role.created",
  "role.updated",
  "role.deleted",
  "apikey.created",
  "apikey.revoked",
  "apikey.rotated",
  "alert.status_changed",
  "alert.assigned",
  "alert.commented",
  "alert.escalated",
  "suppression.created",
  "suppression.lifted",
  "incident.created",
  "incident.updated",
  "incident.commented",
  "incident.alerts_added",
  "notification.destination_created",
  "notification.destination_updated",
  "notification.destination_deleted",
  "settings.updated",
  "rule.created",
  "rule.updated",
  "rule.deleted",
  "ip.blocked",
  "ip.unblocked",
  "ip.block_enforced",
  "audit.exported",
  "audit.retention_applied",
  "events.retention_applied",
  "system.initialized",
] as const;

export type AuditAction = (typeof AUDIT_ACTIONS)[number];

export const AUDIT_OUTCOMES = ["success", "failure", "denied"] as const;
export type AuditOutcome = (typeof AUDIT_OUTCOMES)[number];

export const ACTOR_TYPES = ["user", "apikey", "system", "anonymous"] as const;
export type ActorType = (typeof ACTOR_TYPES)[number];

export function isAuditAction(value: string): value is AuditAction {
  return (AUDIT_ACTIONS as readonly string[]).includes(value);
}
