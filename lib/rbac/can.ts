// The one permission check. Deny by default: unknown permissions never grant anything.
import { AppError } from "@/lib/http/errors.ts";
import { isPermission, type Permission } from "./permissions.ts";

export interface Subject {
  permissions: readonly string[];
}

export function can(subject: Subject | null | undefined, permission: Permission): boolean {
  if (!subject) return false;
  return subject.permissions.some((p) => isPermission(p) && p === permission);
}

export function assertCan(subject: Subject | null | undefined, permission: Permission): void {
  if (!subject) throw new AppError("unauthenticated");
  if (!can(subject, permission)) throw new AppError("forbidden", `Missing permission ${permission}.`);
}
