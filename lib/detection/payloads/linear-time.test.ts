// Every payload detector reads hostile input in linear time (issue 18, finding 5: overlapping
// quantifiers and patterns re-read from every start made single events cost seconds). Each
// detector gets long values built from the characters its patterns are made of (runs of line
// breaks, blanks, quotes, separators, brackets, dots, digits, keyword prefixes…), straight to
// its match function, past the input caps that protect the real path. A linear pattern reads
// 24 KB in well under a millisecond or a few; a quadratic one takes seconds. The bound (250 ms
// a call) is far above the first and far below the second. Detectors that read only the first
// 4 KB of a value hide a quadratic pattern behind that cut (tens of milliseconds), so values of
// 4 KB get a bound of 25 ms, still hundreds of times the linear cost. A call over its bound is
// timed twice more and the fastest counts: a pause of the machine passes, a pattern does not.
import { describe, expect, it } from "vitest";
import { normalizeEvent } from "@/lib/pipeline/normalize.ts";
import { decode, sqlView } from "./decode.ts";
import { PAYLOAD_DETECTORS } from "./index.ts";
import type { Input } from "./inputs.ts";

const UNITS = [
  "\r\n",
  "\n",
  " ",
  "\t",
  "\n ",
  "'",
  '"',
  "`",
  ";",
  "|",
  "&",
  "<",
  ">",
  "%",
  "/",
  "\\",
  ".",
  "-",
  "=",
  ":",
  ",",
  "(",
  ")",
  "[",
  "{",
  "}",
  "$",
  "#",
  "@",
  "*",
  "?",
  "!",
  "+",
  "0",
  "1.",
  "a",
  "a ",
  "a.",
  "a/",
  "a-",
  "a=",
  "a:",
  "a(",
  "<a ",
  "<a",
  "../",
  "/*",
  "*/",
  "${",
  "$(",
  "&#",
  "0x",
  "\\x",
  "%u0",
  "select ",
  "union ",
  "or ",
  "and ",
  "' or ",
  "on",
  "onx=",
  "javascript:",
  "<script",
  "<svg",
  "jndi:",
  "://",
  "sh ",
  "cat ",
  "-a ",
  "php",
  "<?",
  "eval(",
  "java.",
  "#{",
  "{{",
  "<%",
  "char(",
  "a'",
  'a"',
  '"a":',
  "x=x&",
  "\u00a0",
];
const PREFIXES = ["", ";", "|", "\n", "'", "<", "a=", "/", "${", "("];
const SIZES = [
  { size: 24_000, boundMs: 250 },
  { size: 4_000, boundMs: 25 },
];

const event = normalizeEvent({ url: { original: "/" } } as never, new Date(0));
const fieldsOf = (detector: (typeof PAYLOAD_DETECTORS)[number]) => [
  ...new Set([
    detector.fields?.[0] ?? "url.original",
    ...(detector.fields ?? ["http.request.headers"]).filter(
      (f) => f === "http.request.headers" || f === "user_agent.original",
    ),
  ]),
];
const hostile = (prefix: string, unit: string, size: number) =>
  prefix + unit.repeat(Math.ceil(size / unit.length)).slice(0, size) + "\u0001!";

/** One Input per hostile value, shared by every detector (analyses kept with an input are reused). */
const hostileInputs = new Map<string, { input: Input; sql: string }>();
function hostileInput(field: string, prefix: string, unit: string, size: number) {
  const key = JSON.stringify([field, prefix, unit, size]);
  let made = hostileInputs.get(key);
  if (!made) {
    const raw = hostile(prefix, unit, size);
    const decoded = raw.toLowerCase();
    const part = field === "url.original" ? "q" : field === "http.request.headers" ? "x-note" : "";
    made = { input: { field, part, raw, decoded }, sql: sqlView(decoded) };
    hostileInputs.set(key, made);
  }
  return made;
}

describe("payload detectors read hostile input in linear time", () => {
  it("decoding and the SQL view are linear", () => {
    const slow: string[] = [];
    for (const { size, boundMs } of SIZES)
      for (const unit of UNITS)
        for (const prefix of PREFIXES) {
          const raw = hostile(prefix, unit, size);
          const run = () => {
            const started = performance.now();
            sqlView(decode(raw));
            sqlView(raw.toLowerCase());
            return performance.now() - started;
          };
          let ms = run();
          if (ms > boundMs) ms = Math.min(ms, run(), run());
          if (ms > boundMs) slow.push(`${size} chars of ${JSON.stringify(prefix + unit)}: ${ms.toFixed(0)} ms`);
        }
    expect(slow).toEqual([]);
  });

  it.each(PAYLOAD_DETECTORS.map((d) => [d.id, d] as const))(
    "%s",
    (_id, detector) => {
      const slow: string[] = [];
      for (const { size, boundMs } of SIZES)
        for (const field of fieldsOf(detector))
          for (const unit of UNITS)
            for (const prefix of PREFIXES) {
              const { input, sql } = hostileInput(field, prefix, unit, size);
              // The first call reads the shared input (sibling detectors of one analyzer find its
              // analysis kept with it, as on the real path); a retry reads a fresh copy, so a slow
              // analysis is timed again, not looked up.
              const run = (given: Input) => {
                const started = performance.now();
                try {
                  detector.match(given, sql, event);
                } catch {
                  // A detector that throws is counted as not firing; only its time matters here.
                }
                return performance.now() - started;
              };
              let ms = run(input);
              if (ms > boundMs) ms = Math.min(ms, run({ ...input }), run({ ...input }));
              if (ms > boundMs)
                slow.push(`${size} chars of ${JSON.stringify(prefix + unit)} in ${field}: ${ms.toFixed(0)} ms`);
              if (slow.length >= 5) break;
            }
      expect(slow).toEqual([]);
      // 4,000 hostile calls per detector: the grammar analyzers read each one whole (24 KB), which on a
      // loaded 2-core machine took up to a minute per analyzer. The bound that matters is per call, above.
    },
    180_000,
  );
});
