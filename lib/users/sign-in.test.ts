import { describe, expect, it } from "vitest";
import { ACCOUNT_GLOBAL_POLICY, ACCOUNT_POLICY, IP_POLICY } from "@/lib/auth/throttle.ts";
import { passwordHashToVerify, throttleKeysFor } from "./sign-in.ts";

const stored = "$argon2id$v=19$m=19456,t=2,p=1$c2FsdHNhbHRzYWx0$aGFzaGhhc2hoYXNoaGFzaGhhc2hoYXNoaGFzaGhhc2g";

describe("the one password hash a sign-in verifies", () => {
  it("is the decoy for an unknown or disabled user, so those paths cost the same single hash as a wrong password", () => {
    expect(passwordHashToVerify(null)).toEqual({ decoy: true });
    expect(passwordHashToVerify({ disabled: true, passwordHash: stored })).toEqual({ decoy: true });
    expect(passwordHashToVerify({ disabled: false, passwordHash: stored })).toEqual({ decoy: false, hash: stored });
    // Refused by the throttle: nothing is checked, yet the same one hash is spent.
    expect(passwordHashToVerify({ disabled: false, passwordHash: stored }, true)).toEqual({ decoy: true });
  });
});

describe("the counters a sign-in attempt spends", () => {
  const policies = { account: ACCOUNT_POLICY, ip: IP_POLICY };

  it("are the account's from this source, the account's from everywhere and the address's", () => {
    expect(throttleKeysFor("a@example.test", "192.0.2.1", null, policies)).toEqual([
      { key: "account:a@example.test|ip:192.0.2.1", policy: ACCOUNT_POLICY },
      { key: "account:a@example.test", policy: ACCOUNT_GLOBAL_POLICY },
      { key: "ip:192.0.2.1", policy: IP_POLICY },
    ]);
  });

  it("are a known device's own budget only, so no one else's failures count against it", () => {
    expect(throttleKeysFor("a@example.test", "192.0.2.1", "dev1", policies)).toEqual([
      { key: "device:dev1", policy: ACCOUNT_POLICY },
    ]);
  });
});
