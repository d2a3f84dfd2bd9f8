// LIKE/ILIKE patterns from what a user typed: its own `%`, `_` and `\` match themselves (the
// queries say ESCAPE '\', PostgreSQL's default).

/** The pattern that finds `value` anywhere, or, with `prefix`, at the start. */
export function likePattern(value: string, { prefix = false } = {}): string {
  const escaped = value.replace(/[\\%_]/g, (c) => `\\${c}`);
  return prefix ? `${escaped}%` : `%${escaped}%`;
}
