// Sliding-window counters for threshold rules. The engine only sees this interface, so state can
// live in memory (one instance) or in Redis (several instances: redis-window-store.ts).
export interface WindowStore {
  /**
   * Records one hit at `at` for `key` (with an optional member, for "distinct" rules) and returns
   * how many hits, or distinct members, fall within the last `windowMs`.
   */
  add(key: string, at: number, windowMs: number, member?: string): Promise<number>;
}

/** In-process store; entries older than their window are dropped as keys are touched. */
export class MemoryWindowStore implements WindowStore {
  private readonly hits = new Map<string, { at: number; member?: string }[]>();

  async add(key: string, at: number, windowMs: number, member?: string): Promise<number> {
    const since = at - windowMs;
    const list = (this.hits.get(key) ?? []).filter((h) => h.at > since);
    list.push({ at, member });
    this.hits.set(key, list);
    return member === undefined ? list.length : new Set(list.map((h) => h.member)).size;
  }
}
