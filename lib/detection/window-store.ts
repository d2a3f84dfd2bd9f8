// Sliding-window counters for threshold rules. The engine only sees this interface, so state can
// live in memory (one instance) or in Redis (several instances: redis-window-store.ts).
export interface WindowStore {
  /**
   * Records one hit at `at` for `key` (with an optional member, for "distinct" rules) and returns
   * how many hits, or distinct members, fall within the last `windowMs`.
   */
  add(key: string, at: number, windowMs: number, member?: string): Promise<number>;
}

/** One counter: its hits in time order from `head` on, and for distinct rules each member's latest hit. */
interface Window {
  times: number[];
  members: (string | undefined)[];
  head: number;
  latest: Map<string, number>;
  windowMs: number;
}

const SWEEP_EVERY = 10_000;

/**
 * In-process store with the Redis store's semantics (count hits, or distinct members by their
 * latest hit, later than `at - windowMs`). Hits are kept sorted, so expiry only looks at the
 * oldest; each add costs O(1) amortised even when one counter holds a hundred thousand hits (one
 * account under a distributed brute force). Counters nobody touched for a window are swept.
 */
export class MemoryWindowStore implements WindowStore {
  private readonly windows = new Map<string, Window>();
  private adds = 0;

  async add(key: string, at: number, windowMs: number, member?: string): Promise<number> {
    let w = this.windows.get(key);
    if (!w) this.windows.set(key, (w = { times: [], members: [], head: 0, latest: new Map(), windowMs }));
    w.windowMs = windowMs;
    insertSorted(w, at, member);
    if (member !== undefined && !((w.latest.get(member) ?? -Infinity) >= at)) w.latest.set(member, at);
    expire(w, at - windowMs);
    if (++this.adds % SWEEP_EVERY === 0) this.sweep(at);
    return member === undefined ? w.times.length - w.head : w.latest.size;
  }

  /** Drops counters whose newest hit is a whole window older than `now`. */
  private sweep(now: number) {
    for (const [key, w] of this.windows) if ((w.times.at(-1) ?? -Infinity) <= now - w.windowMs) this.windows.delete(key);
  }
}

function insertSorted(w: Window, at: number, member: string | undefined) {
  let i = w.times.length;
  while (i > w.head && w.times[i - 1]! > at) i--;
  if (i === w.times.length) {
    w.times.push(at);
    w.members.push(member);
  } else {
    w.times.splice(i, 0, at);
    w.members.splice(i, 0, member);
  }
}

function expire(w: Window, since: number) {
  while (w.head < w.times.length && w.times[w.head]! <= since) {
    const member = w.members[w.head];
    if (member !== undefined && w.latest.get(member)! <= since) w.latest.delete(member);
    w.head++;
  }
  if (w.head > 1024 && w.head * 2 > w.times.length) {
    w.times.splice(0, w.head);
    w.members.splice(0, w.head);
    w.head = 0;
  }
}
