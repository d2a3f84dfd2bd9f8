import { beforeAll, describe, expect, it } from "vitest";
import { useTestEnv } from "@/lib/testing/env.ts";
import { DEVICE_MAX_AGE_S, issueDeviceToken, knownDeviceId } from "./device.ts";

const alice = "3f0c6f5e-0a57-4bd4-9a43-0d1f7ad7f0a1";
const bob = "7b7d5d8e-2c1b-4d0e-8f0a-5c9a3b2e1d00";

describe("the known-device cookie", () => {
  beforeAll(() => useTestEnv());

  it("names a device for the user it was issued to, and for no one else", () => {
    const token = issueDeviceToken(alice);
    expect(knownDeviceId(token, alice)).toMatch(/^[\w-]{22}$/);
    expect(knownDeviceId(token, bob)).toBeNull();
  });

  it("is refused when altered, malformed or expired", () => {
    const now = new Date();
    const token = issueDeviceToken(alice, now);
    const [id, expires, mac] = token.split(".") as [string, string, string];
    expect(knownDeviceId(`${id}.${Number(expires) + 1}.${mac}`, alice, now)).toBeNull();
    expect(knownDeviceId(`${id}.${expires}.${mac.slice(1)}x`, alice, now)).toBeNull();
    for (const bad of ["", "a.b", "x".repeat(500), undefined, null]) expect(knownDeviceId(bad, alice, now)).toBeNull();
    expect(knownDeviceId(token, alice, new Date(now.getTime() + DEVICE_MAX_AGE_S * 1000 + 1_000))).toBeNull();
  });

  it("changes with the secret it is signed with", () => {
    const token = issueDeviceToken(alice);
    useTestEnv();
    expect(knownDeviceId(token, alice)).toBeNull();
  });
});
