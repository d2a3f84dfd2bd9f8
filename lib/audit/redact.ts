// Secrets never enter the audit log: keys that name a secret are replaced, at any depth.
const SECRET_KEY = /pass(word)?|secret|token|api[-_]?key|authorization|cookie|hash|totp|otp|recovery|private/i;

export const REDACTED = "[redacted]";

export function redactSecrets(value: unknown, depth = 0): unknown {
  if (depth > 8) return "[truncated]";
  if (Array.isArray(value)) return value.map((v) => redactSecrets(v, depth + 1));
  if (value instanceof Date) return value.toISOString();
  if (typeof value === "bigint") return value.toString();
  if (value && typeof value === "object") {
    return Object.fromEntries(
      Object.entries(value as Record<string, unknown>)
        .filter(([, v]) => v !== undefined)
        .map(([k, v]) => [k, SECRET_KEY.test(k) ? REDACTED : redactSecrets(v, depth + 1)]),
    );
  }
  return value;
}

/** `{ field: { old, new } }` for the fields that changed, secrets redacted. */
export function diffChanges(
  before: Record<string, unknown>,
  after: Record<string, unknown>,
): Record<string, { old: unknown; new: unknown }> {
  const changes: Record<string, { old: unknown; new: unknown }> = {};
  for (const key of new Set([...Object.keys(before), ...Object.keys(after)])) {
    const [a, b] = [before[key], after[key]];
    if (JSON.stringify(a) === JSON.stringify(b)) continue;
    changes[key] = SECRET_KEY.test(key)
      ? { old: REDACTED, new: REDACTED }
      : { old: redactSecrets(a), new: redactSecrets(b) };
  }
  return changes;
}
