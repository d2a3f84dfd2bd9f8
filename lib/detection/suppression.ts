// Suppressions ("suppress similar") as the engine sees them: rule ids, optionally one entity, and
// an expiry. A suppressed detection raises no alert and adds no risk, but is counted.
import type { Entity } from "./candidates.ts";

export interface ActiveSuppression {
  id: string;
  ruleIds: string[];
  entity: Entity | null;
  expiresAt: Date;
}

export function suppressionFor(
  suppressions: readonly ActiveSuppression[],
  ruleId: string,
  entities: readonly Entity[],
  at = new Date(),
): ActiveSuppression | null {
  for (const s of suppressions) {
    if (s.expiresAt <= at || !s.ruleIds.includes(ruleId)) continue;
    if (!s.entity || entities.some((e) => e.type === s.entity!.type && e.value === s.entity!.value)) return s;
  }
  return null;
}
