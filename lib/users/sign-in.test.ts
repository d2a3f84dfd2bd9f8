import { describe, expect, it } from "vitest";
import { passwordHashToVerify } from "./sign-in.ts";

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
