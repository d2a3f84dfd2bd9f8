import { describe, expect, it } from "vitest";
import { normalizeEvent } from "@/lib/pipeline/normalize.ts";
import { escalatedScore } from "@/lib/pipeline/raise-alerts.ts";
import { thresholdCandidates } from "./candidates.ts";
import { severityOf } from "./severity.ts";
import { evaluateThresholds, THRESHOLD_RULES } from "./threshold-rules.ts";
import { MemoryWindowStore } from "./window-store.ts";

const t0 = Date.parse("2026-11-23T10:00:00Z");
const failure = (i: number, ip: string, user: string, atMs = t0 + i * 1000) =>
  normalizeEvent({
    "@timestamp": new Date(atMs).toISOString(),
    event: { id: `e${i}-${ip}-${user}`, category: ["authentication"], outcome: "failure" },
    source: { ip },
    user: { name: user },
  });
const rule = (id: string) => THRESHOLD_RULES.filter((r) => r.id === id);

describe("threshold rules", () => {
  it("hit from the threshold on, within the window only", async () => {
    const store = new MemoryWindowStore();
    const events = Array.from({ length: 7 }, (_, i) => failure(i, "192.0.2.1", "root"));
    const hits = await evaluateThresholds(events, store, "org", rule("sn-brute-force-ip"));
    expect(hits.map((h) => h.count)).toEqual([5, 6, 7]);
    // Spread over more than the minute window: never five at once.
    const slow = Array.from({ length: 10 }, (_, i) => failure(i, "192.0.2.2", "root", t0 + i * 20_000));
    expect(await evaluateThresholds(slow, new MemoryWindowStore(), "org", rule("sn-brute-force-ip"))).toEqual([]);
  });

  it("hands the crossing hit the events that led up to it, across batches, and later hits none", async () => {
    const store = new MemoryWindowStore();
    const events = Array.from({ length: 7 }, (_, i) => failure(i, "192.0.2.5", "root"));
    expect(await evaluateThresholds(events.slice(0, 3), store, "org", rule("sn-brute-force-ip"))).toEqual([]);
    const hits = await evaluateThresholds(events.slice(3), store, "org", rule("sn-brute-force-ip"));
    expect(hits.map((h) => h.leadIn.map((e) => e.eventId))).toEqual([events.slice(0, 4).map((e) => e.eventId), [], []]);
    expect(hits[0]!.leadIn[0]!.timestamp).toEqual(events[0]!.timestamp);
    const [candidate] = thresholdCandidates(hits);
    expect(candidate!.leadIn!.map((e) => e.eventId)).toEqual(events.slice(0, 4).map((e) => e.eventId));
    expect(candidate!.events.map((e) => e.eventId)).toEqual(events.slice(4).map((e) => e.eventId));
  });

  it("counts distinct users for spraying and distinct sources for distributed brute force", async () => {
    const spray = Array.from({ length: 6 }, (_, i) => failure(i, "192.0.2.3", `user${i}`));
    expect(
      (await evaluateThresholds(spray, new MemoryWindowStore(), "org", rule("sn-password-spraying"))).map(
        (h) => h.count,
      ),
    ).toEqual([5, 6]);
    const sameUser = Array.from({ length: 6 }, (_, i) => failure(i, "192.0.2.3", "root"));
    expect(await evaluateThresholds(sameUser, new MemoryWindowStore(), "org", rule("sn-password-spraying"))).toEqual(
      [],
    );
    const distributed = Array.from({ length: 5 }, (_, i) => failure(i, `192.0.2.${10 + i}`, "svc-backup"));
    expect(
      (
        await evaluateThresholds(distributed, new MemoryWindowStore(), "org", rule("sn-brute-force-user-distributed"))
      )[0]?.entity,
    ).toEqual({ type: "user", value: "svc-backup" });
  });

  it("keeps orgs apart, and ignores successes and events without the entity", async () => {
    const store = new MemoryWindowStore();
    const events = Array.from({ length: 4 }, (_, i) => failure(i, "192.0.2.4", "root"));
    await evaluateThresholds(events, store, "org-a", rule("sn-brute-force-ip"));
    expect(
      await evaluateThresholds([failure(9, "192.0.2.4", "root")], store, "org-b", rule("sn-brute-force-ip")),
    ).toEqual([]);
    const success = normalizeEvent({
      event: { category: ["authentication"], outcome: "success" },
      source: { ip: "192.0.2.4" },
    });
    const noIp = normalizeEvent({ event: { category: ["authentication"], outcome: "failure" } });
    expect(await evaluateThresholds([success, noIp], store, "org-a", rule("sn-brute-force-ip"))).toEqual([]);
  });

  it("scores on the CRS scale and maps scores to the contract's severities", async () => {
    const events = Array.from({ length: 5 }, (_, i) => failure(i, "192.0.2.9", "root"));
    const [candidate] = thresholdCandidates(
      await evaluateThresholds(events, new MemoryWindowStore(), "org", rule("sn-brute-force-ip")),
    );
    expect(candidate!.baseScore).toBe(50);
    expect(escalatedScore(candidate!, null, 1)).toBe(50);
    expect(escalatedScore(candidate!, { score: 60, baseScore: 50 }, 16)).toBe(80);
    expect(escalatedScore(candidate!, { score: 100, baseScore: 50 }, 500)).toBe(100);
    expect([0, 39, 40, 69, 70, 89, 90, 100].map(severityOf)).toEqual([
      "low",
      "low",
      "medium",
      "medium",
      "high",
      "high",
      "critical",
      "critical",
    ]);
  });
});
