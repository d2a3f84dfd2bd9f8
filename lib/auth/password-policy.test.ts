import { describe, expect, it } from "vitest";
import { AppError } from "@/lib/http/errors.ts";
import {
  assertPasswordAcceptable,
  isBreachedPassword,
  PASSWORD_MAX_LENGTH,
  passwordProblems,
  validMinLength,
} from "@/lib/auth/password-policy.ts";

const codes = (password: string, options: { minLength?: number; email?: string } = {}) =>
  passwordProblems(password, options).map((p) => p.code);

// A long passphrase of any length that is in no list.
const passphrase = (length: number) => "plum tractor sings at dawn ".repeat(20).slice(0, length);

describe("password policy", () => {
  it("requires 15 code points by default, counting emoji as one each", () => {
    expect(codes("fourteen chars")).toEqual(["too_short"]);
    expect(codes("fifteen chars!!")).toEqual([]);
    expect(codes("🔐".repeat(15))).toEqual([]);
    expect(codes("🔐".repeat(14))).toEqual(["too_short"]);
    expect(passwordProblems("short", {})[0].message).toBe("Use at least 15 characters.");
  });

  it("checks the password exactly as typed: surrounding spaces count", () => {
    expect(codes("  thirteen char")).toEqual([]);
    expect(codes(" qwerty123456789 ")).toEqual([]);
  });

  it("needs no character classes", () => {
    expect(codes("only lowercase letters here")).toEqual([]);
  });

  it("accepts 128 and 256 characters and rejects 257", () => {
    expect(codes(passphrase(128))).toEqual([]);
    expect(codes(passphrase(PASSWORD_MAX_LENGTH))).toEqual([]);
    expect(codes("🔐".repeat(256))).toEqual([]);
    expect(codes(passphrase(257))).toEqual(["too_long"]);
    expect(passwordProblems(passphrase(257), {})[0].message).toBe("Use at most 256 characters.");
  });

  it("honours a configured minimum but never goes below 12", () => {
    expect(codes("twelve chars", { minLength: 12 })).toEqual([]);
    expect(codes("eleven char", { minLength: 12 })).toEqual(["too_short"]);
    expect(codes("eleven char", { minLength: 8 })).toEqual(["too_short"]);
    expect(codes(passphrase(63), { minLength: 64 })).toEqual(["too_short"]);
    expect(validMinLength(11)).toBe(false);
    expect(validMinLength(12)).toBe(true);
    expect(validMinLength(15)).toBe(true);
    expect(validMinLength(64)).toBe(true);
    expect(validMinLength(65)).toBe(false);
    expect(validMinLength(12.5)).toBe(false);
    expect(validMinLength(Number.NaN)).toBe(false);
  });

  it("rejects passwords in the top 100,000 of the breached list, in any letter case", () => {
    expect(codes("qwerty123456789")).toEqual(["breached"]); // line 31,826
    expect(codes("QWERTY123456789")).toEqual(["breached"]);
    expect(codes("Qwerty123456789")).toEqual(["breached"]);
    expect(isBreachedPassword("070162")).toBe(true); // line 100,000
    expect(passwordProblems("qwerty123456789", {})[0].message).toBe(
      "This password appears in a list of breached passwords. Choose another.",
    );
  });

  it("does not use the list beyond line 100,000", () => {
    expect(isBreachedPassword("07012006")).toBe(false); // line 100,001
    expect(isBreachedPassword("revshare")).toBe(false); // line 200,000
    expect(codes("rainbowskittles")).toEqual([]); // line 200,750
  });

  it("rejects a password containing the email name, ignoring case", () => {
    const email = "Alice.Smith@example.com";
    expect(codes("my ALICE.SMITH passphrase", { email })).toEqual(["contains_email_name"]);
    expect(codes("alice smith passphrase", { email })).toEqual([]);
    expect(passwordProblems("alice.smith passphrase", { email })[0].message).toBe(
      "The password must not contain your email name.",
    );
  });

  it("ignores email names under 3 characters but not the whole email", () => {
    expect(codes("al is a long passphrase", { email: "al@example.com" })).toEqual([]);
    expect(codes("al@example.com passphrase", { email: "al@example.com" })).toEqual(["contains_email_name"]);
    expect(codes("bob is a long passphrase", { email: "bob@example.com" })).toEqual(["contains_email_name"]);
  });

  it("never echoes the password in a message", () => {
    const password = "Bob@example.com";
    for (const problem of passwordProblems(password, { email: "bob@example.com", minLength: 64 })) {
      expect(problem.message.toLowerCase()).not.toContain("bob");
    }
  });

  it("throws a 422 with one field error per problem", () => {
    expect(() => assertPasswordAcceptable(passphrase(20), {})).not.toThrow();
    let error: unknown;
    try {
      assertPasswordAcceptable("bob", { email: "bob@example.com" }, "newPassword");
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(AppError);
    expect((error as AppError).status).toBe(422);
    expect((error as AppError).errors).toEqual([
      { path: "newPassword", message: "Use at least 15 characters." },
      { path: "newPassword", message: "This password appears in a list of breached passwords. Choose another." },
      { path: "newPassword", message: "The password must not contain your email name." },
    ]);
  });
});
