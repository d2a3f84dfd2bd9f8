// The time range an events search covers. Free text (`q`) reads every row of its range through
// the trigram index's candidates, so its cost grows with the range: it is always bounded, by
// default to the last 24 hours, and refused past 31 days. Field filters are served by indexes
// in time order and stop after a page, whatever the range: they keep "any time" as before.
import { AppError } from "@/lib/http/errors.ts";

export const DEFAULT_TEXT_WINDOW_MS = 24 * 3_600_000;
export const MAX_TEXT_RANGE_DAYS = 31;
const MAX_TEXT_RANGE_MS = MAX_TEXT_RANGE_DAYS * 86_400_000;

export interface SearchRange {
  since: Date | null;
  until: Date | null;
  /** True when `since` is the free-text default (the caller gave no bound): the UI offers older. */
  defaulted: boolean;
}

export function searchRange(f: { since?: Date; until?: Date; q?: string }, now = new Date()): SearchRange {
  if (f.since && f.until && f.since > f.until)
    throw new AppError("unprocessable", "since is after until.", [
      { path: "since", message: "must not be after until" },
    ]);
  if (!f.q) return { since: f.since ?? null, until: f.until ?? null, defaulted: false };
  const end = f.until ?? now;
  const since = f.since ?? new Date(end.getTime() - DEFAULT_TEXT_WINDOW_MS);
  if (end.getTime() - since.getTime() > MAX_TEXT_RANGE_MS)
    throw new AppError("unprocessable", `A free-text search covers at most ${MAX_TEXT_RANGE_DAYS} days.`, [
      { path: "since", message: `must be at most ${MAX_TEXT_RANGE_DAYS} days before until (or now)` },
    ]);
  return { since, until: f.until ?? null, defaulted: !f.since };
}
