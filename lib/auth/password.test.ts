import { describe, expect, it } from "vitest";
import { generateOneTimePassword, hashPassword, verifyPassword } from "./password.ts";

describe("passwords", () => {
  it("hashes with Argon2id and verifies only the right password", async () => {
    const hash = await hashPassword("correct horse battery staple");
    expect(hash).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
    expect(await verifyPassword(hash, "correct horse battery staple")).toBe(true);
    expect(await verifyPassword(hash, "correct horse battery stapl")).toBe(false);
    expect(await verifyPassword("not a hash", "x")).toBe(false);
  });

  it("generates distinct, typeable one-time passwords", () => {
    const a = generateOneTimePassword();
    expect(a).toMatch(/^[A-Za-z2-9]{5}(-[A-Za-z2-9]{5}){3}$/);
    expect(new Set(Array.from({ length: 50 }, generateOneTimePassword)).size).toBe(50);
  });
});
