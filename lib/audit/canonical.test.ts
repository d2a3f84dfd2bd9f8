import { describe, expect, it } from "vitest";
import {
  canonicalJson,
  checkpointSignatureValid,
  entryHash,
  GENESIS_HASH,
  signCheckpoint,
  type ChainedFields,
} from "./canonical.ts";
import { diffChanges, redactSecrets } from "./redact.ts";

const entry: ChainedFields = {
  orgId: "00000000-0000-4000-8000-000000000001",
  seq: 1n,
  at: new Date("2026-01-01T00:00:00.123Z"),
  actorType: "user",
  actorId: "u1",
  actorLabel: "a@example.test",
  action: "role.updated",
  targetType: "role",
  targetId: "r1",
  targetLabel: "analyst",
  outcome: "success",
  sourceIp: "198.51.100.1",
  userAgent: "ua",
  requestId: "req",
  detail: { b: 1, a: { d: [1, 2], c: "x" } },
  prevHash: GENESIS_HASH,
};

describe("canonical audit form", () => {
  it("serialises objects with sorted keys at every depth", () => {
    expect(canonicalJson({ b: 1, a: { d: [1, { z: 1, y: 2 }], c: "x" } })).toBe(
      '{"a":{"c":"x","d":[1,{"y":2,"z":1}]},"b":1}',
    );
  });

  it("hashes the same entry the same way whatever the key order of its detail", () => {
    expect(entryHash(entry)).toBe(entryHash({ ...entry, detail: { a: { c: "x", d: [1, 2] }, b: 1 } }));
    expect(entryHash(entry)).toMatch(/^[0-9a-f]{64}$/);
  });

  it("changes the hash when any field or the previous hash changes", () => {
    const base = entryHash(entry);
    for (const change of [
      { seq: 2n },
      { outcome: "failure" },
      { detail: { b: 2 } },
      { at: new Date(entry.at.getTime() + 1) },
      { prevHash: "f".repeat(64) },
      { actorLabel: null },
    ]) {
      expect(entryHash({ ...entry, ...change })).not.toBe(base);
    }
  });

  it("signs checkpoints so a forged one is rejected", () => {
    const key = Buffer.alloc(32, 3);
    const c = { orgId: entry.orgId, throughSeq: 10n, lastHash: "a".repeat(64) };
    const signature = signCheckpoint(key, c);
    expect(checkpointSignatureValid(key, { ...c, signature })).toBe(true);
    expect(checkpointSignatureValid(key, { ...c, throughSeq: 11n, signature })).toBe(false);
    expect(checkpointSignatureValid(Buffer.alloc(32, 4), { ...c, signature })).toBe(false);
  });
});

describe("secrets never reach the audit log", () => {
  it("redacts secret-named keys at any depth", () => {
    expect(
      redactSecrets({ email: "a", password: "p", nested: { apiKey: "k", Authorization: "Bearer x", ok: 1 } }),
    ).toEqual({
      email: "a",
      password: "[redacted]",
      nested: { apiKey: "[redacted]", Authorization: "[redacted]", ok: 1 },
    });
  });

  it("diffs changed fields only, as { old, new }, hiding secret values", () => {
    expect(
      diffChanges({ name: "a", roles: ["x"], passwordHash: "h1" }, { name: "b", roles: ["x"], passwordHash: "h2" }),
    ).toEqual({ name: { old: "a", new: "b" }, passwordHash: { old: "[redacted]", new: "[redacted]" } });
  });
});
