// The one rule for every grant: nobody creates, assigns, resets or rotates anything carrying
// permissions they do not hold. Creating a user or key, assigning a role, adding a permission to
// a role are grants (assertMayGrant); resetting, editing, disabling, rotating or revoking
// something that already holds permissions is acting on it (assertMayActOn): whoever does it could
// take it over, so they must hold everything it holds. Admin accounts hold every permission, so
// only admins act on them. Pure: the callers load what the actor and the target hold (for an API
// key, its effective permissions: scopes narrowed by its owner and parent keys).
import { AppError } from "@/lib/http/errors.ts";
import { isPermission, PERMISSIONS } from "./permissions.ts";

export interface Grantor {
  permissions: readonly string[];
}

export interface GrantSubject {
  /** The request field that carries the grant, for the problem's `errors[].path`. */
  field: string;
  /** What was attempted, for the message and the audit entry: "create a user with these roles". */
  action: string;
}

/** A refusal under the grant rule: a 403 that the route wrapper audits as a denial. */
export class GrantRefusedError extends AppError {
  constructor(
    readonly missing: string[],
    readonly action: string,
    field: string,
  ) {
    super("forbidden", `You cannot ${action}: that needs permissions you do not hold: ${missing.join(", ")}.`, [
      { path: field, message: `you lack ${missing.join(", ")}` },
    ]);
  }
}

/** The permissions among `permissions` that the actor does not hold, in catalogue order. Unknown names are never held. */
export function missingPermissions(actor: Grantor | null | undefined, permissions: Iterable<string>): string[] {
  const held = new Set((actor?.permissions ?? []).filter(isPermission));
  const wanted = new Set(permissions);
  const known = PERMISSIONS.filter((p) => wanted.has(p) && !held.has(p));
  const unknown = [...wanted].filter((p) => !isPermission(p)).sort();
  return [...known, ...unknown];
}

/** Throws unless the actor holds every permission being granted. */
export function assertMayGrant(
  actor: Grantor | null | undefined,
  permissions: Iterable<string>,
  what: GrantSubject,
): void {
  const missing = missingPermissions(actor, permissions);
  if (missing.length) throw new GrantRefusedError(missing, what.action, what.field);
}

/** Throws unless the actor holds every permission the target holds (before and, for an edit, after). */
export function assertMayActOn(
  actor: Grantor | null | undefined,
  targetPermissions: Iterable<string>,
  what: GrantSubject,
): void {
  assertMayGrant(actor, targetPermissions, what);
}
