// Sliding-window counters for threshold rules. The engine only sees this interface, so state can
// live in memory (one instance) or in Redis (several instances: redis-window-store.ts).
export interface WindowStore {
  /**
   * Records one hit at `at` for `key` (with an optional member, for "distinct" rules) and returns
   * how many hits, or distinct members, fall within the last `windowMs`. Idempotent by `eventId`:
   * an event added again (its batch's detection redone after a failure) is not counted twice, and
   * gets the answer it got the first time, so the redo raises what the first try would have.
   */
  add(key: string, at: number, windowMs: number, member?: string, eventId?: string): Promise<number>;
  /**
   * The newest `limit` event ids added to `key` later than `since`, oldest first: what led up to a
   * threshold, so its alert shows the whole run and not only the events from the threshold on.
   */
  recent(key: string, since: number, limit: number): Promise<RecentEvent[]>;
}

export interface RecentEvent {
  eventId: string;
  at: number;
}

/** How many of a counter's recent event ids a store keeps (an alert keeps a hundred). */
export const RECENT_EVENTS_KEPT = 100;

/** One counter: its hits in time order from `head` on, and for distinct rules each member's latest hit. */
interface Window {
  times: number[];
  members: (string | undefined)[];
  eventIds: (string | undefined)[];
  /** What add answered each event still in the window. */
  answered: Map<string, number>;
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

  async add(key: string, at: number, windowMs: number, member?: string, eventId?: string): Promise<number> {
    let w = this.windows.get(key);
    if (!w)
      this.windows.set(
        key,
        (w = { times: [], members: [], eventIds: [], answered: new Map(), head: 0, latest: new Map(), windowMs }),
      );
    const again = eventId === undefined ? undefined : w.answered.get(eventId);
    if (again !== undefined) return again;
    w.windowMs = windowMs;
    insertSorted(w, at, member, eventId);
    if (member !== undefined && !((w.latest.get(member) ?? -Infinity) >= at)) w.latest.set(member, at);
    expire(w, at - windowMs);
    if (++this.adds % SWEEP_EVERY === 0) this.sweep(at);
    const count = member === undefined ? w.times.length - w.head : w.latest.size;
    if (eventId !== undefined) w.answered.set(eventId, count);
    return count;
  }

  async recent(key: string, since: number, limit: number): Promise<RecentEvent[]> {
    const w = this.windows.get(key);
    if (!w) return [];
    const wanted = Math.min(limit, RECENT_EVENTS_KEPT);
    const found: RecentEvent[] = [];
    for (let i = w.times.length - 1; i >= w.head && w.times[i]! > since && found.length < wanted; i--) {
      const eventId = w.eventIds[i];
      if (eventId !== undefined) found.push({ eventId, at: w.times[i]! });
    }
    return found.reverse();
  }

  /** Drops counters whose newest hit is a whole window older than `now`. */
  private sweep(now: number) {
    for (const [key, w] of this.windows)
      if ((w.times.at(-1) ?? -Infinity) <= now - w.windowMs) this.windows.delete(key);
  }
}

function insertSorted(w: Window, at: number, member: string | undefined, eventId: string | undefined) {
  let i = w.times.length;
  while (i > w.head && w.times[i - 1]! > at) i--;
  if (i === w.times.length) {
    w.times.push(at);
    w.members.push(member);
    w.eventIds.push(eventId);
  } else {
    w.times.splice(i, 0, at);
    w.members.splice(i, 0, member);
    w.eventIds.splice(i, 0, eventId);
  }
}

function expire(w: Window, since: number) {
  while (w.head < w.times.length && w.times[w.head]! <= since) {
    const member = w.members[w.head];
    if (member !== undefined && w.latest.get(member)! <= since) w.latest.delete(member);
    const eventId = w.eventIds[w.head];
    if (eventId !== undefined) w.answered.delete(eventId);
    w.head++;
  }
  if (w.head > 1024 && w.head * 2 > w.times.length) {
    w.times.splice(0, w.head);
    w.members.splice(0, w.head);
    w.eventIds.splice(0, w.head);
    w.head = 0;
  }
}
