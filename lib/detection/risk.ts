// Entity risk in the manner of Splunk ES risk-based alerting and Elastic entity risk scoring:
// every detection adds its CRS points to the entities it names (source IP, user, host); points
// decay exponentially with a half-life, and the score shown is a saturating 0-100 transform of
// what remains, so a burst of one kind cannot run off to infinity.

/** Points at which the score reaches 63 (1 - 1/e): a handful of critical detections. */
export const RISK_SCALE_POINTS = 25;

export function decayedPoints(points: number, elapsedMs: number, halfLifeMs: number): number {
  if (elapsedMs <= 0 || points <= 0) return Math.max(0, points);
  return points * 0.5 ** (elapsedMs / halfLifeMs);
}

export function riskScore(points: number): number {
  if (!(points > 0)) return 0;
  return Math.min(100, Math.round(100 * (1 - Math.exp(-points / RISK_SCALE_POINTS))));
}

/** Categories that contributed within this many half-lives still count as "recent". */
export const RECENT_HALF_LIVES = 4;

export function recentCategories(categories: Record<string, string>, now: Date, halfLifeMs: number): string[] {
  const horizon = now.getTime() - RECENT_HALF_LIVES * halfLifeMs;
  return Object.entries(categories)
    .filter(([, at]) => Date.parse(at) >= horizon)
    .map(([category]) => category)
    .sort();
}
