// Property tests per technique (TECHNIQUES.md): generated variants of each breakout (separators,
// quoting contexts, whitespace, case, name disguises the shell removes, cmd.exe carets, PowerShell
// folding) must fire; generated prose joined by the same separators must not; and the analysis
// never throws and stays fast on arbitrary and long strings.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { Input } from "../../payloads/inputs.ts";
import { shellFinding } from "./detectors.ts";

const input = (decoded: string): Input => ({ field: "url.original", part: "q", raw: decoded, decoded });
const fires = (text: string) => shellFinding(input(text.toLowerCase())) !== null;

const TOOLS = ["whoami", "uname", "wget", "curl", "nslookup", "ifconfig", "netstat", "base64"];
const SEPARATORS = [";", "&&", "||", "|", "\n", "&"];
const CONTEXTS = ["", "x", "127.0.0.1", "'", '"', "a'", 'b"'];
const blank = fc.constantFrom("", " ", "  ", "\t");
const upper = (text: string) =>
  fc
    .array(fc.boolean(), { minLength: text.length, maxLength: text.length })
    .map((flags) => [...text].map((c, n) => (flags[n] ? c.toUpperCase() : c)).join(""));
/** A disguise the shell removes, put inside a name: w''hoami, wh\oami, who$@ami, wh``oami, who$()ami. */
const disguise = (name: string) =>
  fc
    .tuple(fc.integer({ min: 1, max: name.length - 1 }), fc.constantFrom("''", '""', "\\", "$@", "``", "$()", "$9"))
    .map(([at, piece]) =>
      piece === "\\" ? `${name.slice(0, at)}\\${name.slice(at)}` : `${name.slice(0, at)}${piece}${name.slice(at)}`,
    );
const args = fc.constantFrom("", " -a", " /etc/hosts", " http://198.51.100.9/x", " -la /tmp");

describe("shell grammar properties", () => {
  it("separator + tool fires in every quoting context, case and spacing", () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...CONTEXTS),
        fc.constantFrom(...SEPARATORS),
        blank,
        fc.constantFrom(...TOOLS).chain(upper),
        args,
        (context, sep, gap, tool, arg) => fires(`${context}${sep}${gap}${tool}${arg}`),
      ),
    );
  });

  it("a name disguised with quotes, escapes or empty expansions still fires", () => {
    fc.assert(
      fc.property(
        fc.constantFrom(";", "&&", "|", "\n"),
        fc.constantFrom("whoami", "uname", "cat", "ls").chain(disguise),
        args,
        (sep, name, arg) => fires(`x${sep}${name}${arg}`),
      ),
    );
  });

  it("a program path with glob characters fires", () => {
    const path = fc
      .tuple(fc.constantFrom("/bin/", "/usr/bin/"), fc.constantFrom("uname", "whoami", "tac"))
      .chain(([dir, name]) =>
        fc
          .array(fc.boolean(), { minLength: dir.length + name.length, maxLength: dir.length + name.length })
          .map((flags) => {
            const whole = dir + name;
            const out = [...whole].map((c, n) => (c !== "/" && flags[n] && n !== whole.length - 1 ? "?" : c)).join("");
            return out;
          }),
      );
    fc.assert(fc.property(fc.constantFrom(";", "|", "&&"), path, (sep, p) => fires(`a${sep}${p} -a`)));
  });

  it("substitutions fire wherever they sit in a word", () => {
    fc.assert(
      fc.property(
        fc.string({ maxLength: 8 }).filter((s) => /^[a-z0-9.]*$/.test(s)),
        fc.constantFrom(...TOOLS),
        fc.boolean(),
        (word, tool, dollar) => fires(dollar ? `${word}$(${tool})` : `${word}\`${tool}\`.x`),
      ),
    );
  });

  it("IFS and brace lists stand in for blanks", () => {
    fc.assert(
      fc.property(
        fc.constantFrom("${IFS}", "$IFS$9", "${IFS}"),
        fc.constantFrom("tac", "cat", "head"),
        (ifs, cmd) => fires(`;${cmd}${ifs}/etc/hosts`) && fires(`;{${cmd},/etc/hosts}`),
      ),
    );
  });

  it("cmd.exe: carets and quotes inside a name, after & | && ||", () => {
    const caret = (name: string) =>
      fc
        .array(fc.constantFrom("", "^", '""'), { minLength: name.length, maxLength: name.length })
        .map((pieces) => [...name].map((c, n) => (n > 0 ? pieces[n] : "") + c).join(""));
    fc.assert(
      fc.property(
        fc.constantFrom("&", "|", "&&", "||"),
        fc.constantFrom("tasklist", "whoami", "ipconfig", "systeminfo").chain(caret),
        (sep, name) => fires(`x ${sep} ${name}`),
      ),
    );
  });

  it("PowerShell: a cmdlet name split into concatenated strings or char casts", () => {
    const split = (name: string) =>
      fc.integer({ min: 1, max: name.length - 1 }).map((at) => `&('${name.slice(0, at)}'+'${name.slice(at)}')`);
    const casts = (name: string) => `&(${[...name].map((c) => `[char]${c.charCodeAt(0)}`).join("+")})`;
    fc.assert(
      fc.property(fc.constantFrom("iex", "invoke-expression", "invoke-webrequest").chain(split), (call) =>
        fires(`x; ${call} $u`),
      ),
    );
    expect(fires(`x; ${casts("iex")} $u`)).toBe(true);
  });

  it("prose joined by the same separators stays quiet", () => {
    const word = fc.constantFrom(
      "cats",
      "dogs",
      "sales",
      "R&D",
      "marketing",
      "blue",
      "green",
      "tea",
      "coffee",
      "music",
      "rock",
      "roll",
      "Tom",
      "Jerry",
      "salt",
      "pepper",
      "bread",
      "butter",
      "summer",
      "winter",
      "north",
      "south",
      "report",
      "budget",
    );
    const phrase = fc.array(word, { minLength: 1, maxLength: 4 }).map((w) => w.join(" "));
    const joiner = fc.constantFrom(" & ", "; ", " | ", ", ", " && ", " || ", " - ");
    fc.assert(
      fc.property(
        fc.array(fc.tuple(phrase, joiner), { minLength: 1, maxLength: 6 }),
        phrase,
        (parts, last) => !fires(parts.map(([p, j]) => p + j).join("") + last),
      ),
    );
  });

  it("never throws and stays fast on arbitrary strings", () => {
    fc.assert(
      fc.property(
        fc.oneof(
          fc.string({ maxLength: 300 }),
          fc.string({ unit: "grapheme", maxLength: 300 }),
          fc.string({ unit: "binary", maxLength: 300 }),
        ),
        (s) => {
          expect(() => shellFinding(input(s))).not.toThrow();
        },
      ),
      { numRuns: 500 },
    );
  });

  it("is linear on long adversarial inputs", () => {
    for (const unit of [
      "$(",
      "`",
      "'",
      '"',
      ";a",
      "${",
      "{a,",
      "\\",
      "<<a\n",
      "%a",
      "^",
      "[char]1+",
      "'a'+",
      "alias a=b;",
      "eval ",
    ]) {
      const text = unit.repeat(Math.ceil(16_384 / unit.length));
      const started = performance.now();
      shellFinding(input(text));
      expect(performance.now() - started).toBeLessThan(250);
    }
  });
});
