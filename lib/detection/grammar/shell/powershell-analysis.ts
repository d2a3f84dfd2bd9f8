// PowerShell: whether a value runs a cmdlet or script of its own. PowerShell folds what it reads
// before running it: `i`e`x (backticks escape), 'in'+'voke' (string concatenation), [char]105
// (casts), $env:ComSpec (environment). Those are folded first; then a command position (the
// value's start, ; | & . ( { or a line break) must hold a cmdlet (Verb-Noun from the dictionary),
// an alias an attacker uses, or a program; or the value uses the interpreter's own ways to run
// text as code: Invoke-Expression/IEX, [ScriptBlock]::Create, -EncodedCommand with base64.
import { KNOWN_VARIABLES, resolveProgram } from "./commands.ts";
import { MAX_SCAN } from "./posix-lexer.ts";
import type { Finding } from "./posix-analysis.ts";

/** Cmdlets that read, write, download or run: names, not payloads. */
const CMDLETS = new Set(
  `invoke-expression invoke-webrequest invoke-restmethod invoke-command invoke-item invoke-wmimethod
start-process stop-process get-process new-object get-content set-content add-content out-file remove-item
new-item copy-item move-item get-childitem get-item get-itemproperty set-itemproperty new-itemproperty
get-wmiobject get-ciminstance invoke-cimmethod set-executionpolicy add-type start-bitstransfer
get-localuser new-localuser add-localgroupmember get-acl set-acl get-service stop-service new-service
register-scheduledtask new-scheduledtaskaction test-netconnection resolve-dnsname expand-archive
set-mppreference add-mppreference get-credential convertto-securestring get-history write-output
import-module invoke-shellcode invoke-mimikatz get-netipaddress out-string select-string`.split(/\s+/),
);
/** Aliases that run or fetch something on their own. */
const ALIASES = new Set(["iex", "iwr", "irm", "saps", "spps", "icm", "sal", "gwmi", "ii", "curl", "wget"]);
/** Aliases that are also short words: with arguments only. */
const WORD_ALIASES = new Set([
  "gc",
  "gci",
  "ni",
  "ri",
  "rm",
  "del",
  "ls",
  "dir",
  "cat",
  "type",
  "sc",
  "ac",
  "cp",
  "mv",
  "echo",
  "gps",
  "kill",
]);

/** The text as PowerShell sees it: casts, concatenations and backtick escapes folded, $env: resolved. */
export function foldPowerShell(input: string): string {
  let text = input.slice(0, MAX_SCAN);
  if (text.includes("[char]"))
    text = text.replace(/\[char\]\s*\(?\s*(0x[0-9a-f]{1,4}|\d{1,5})\s*\)?/g, (_, n: string) => {
      const code = Number(n);
      return code > 0 && code < 0x10000 ? `'${String.fromCharCode(code).toLowerCase()}'` : "''";
    });
  if (text.includes("+")) {
    for (let round = 0; round < 16; round++) {
      const next = text.replace(/(['"])([^'"\n]{0,64})\1\s{0,4}\+\s{0,4}(['"])([^'"\n]{0,64})\3/g, "'$2$4'");
      if (next === text) break;
      text = next;
    }
  }
  if (text.includes("-f")) text = foldFormat(text);
  if (text.includes("`")) text = text.replace(/`([a-z])/g, "$1");
  if (text.includes("$env:"))
    text = text.replace(/\$env:([a-z_][a-z0-9_]{0,30})/g, (whole, name: string) => KNOWN_VARIABLES[name] ?? whole);
  return text;
}

/** "{1}{0}" -f 'ex','i' is 'iex': the format operator over string pieces, folded (up to 10 pieces). */
function foldFormat(text: string): string {
  return text.replace(
    /(['"])((?:\{\d\}){1,10})\1\s{0,4}-f\s{0,4}((?:'[^'\n]{0,32}'|"[^"\n]{0,32}")(?:\s{0,4},\s{0,4}(?:'[^'\n]{0,32}'|"[^"\n]{0,32}")){0,9})/g,
    (whole, _q: string, slots: string, list: string) => {
      const pieces = [...list.matchAll(/'([^'\n]{0,32})'|"([^"\n]{0,32})"/g)].map((m) => m[1] ?? m[2] ?? "");
      return `'${slots.replace(/\{(\d)\}/g, (_: string, n: string) => pieces[Number(n)] ?? "")}'`;
    },
  );
}

/** &(gcm *ke-e*) and .(get-command i?x): a command found by wildcard and run at once. */
const RUNS_FOUND = /[&.]\s{0,4}\(\s{0,4}(?:gcm|get-command)\s{1,4}['"]?[a-z-]{0,30}[*?]/;

const SHAPED =
  /^(?:-[a-z]|\/[a-z]|[a-z]:\\|\\\\|https?:\/\/|\(|\$|['"]|(?:env|hklm|hkcu|cert|variable|function|alias):)/;
/** Command positions: after ; | & or a line break (a bracket or a dot in prose is not one). */
const POSITION = /(?:[;|&\n]|[&.]\s*\()\s*$/;

/** A run of text that ran PowerShell's own "run this text": IEX with an argument, [ScriptBlock]::Create, -EncodedCommand. */
const RUNS_TEXT =
  /(?:^|[^a-z0-9-])(?:iex|invoke-expression)\s*(?:\(|\$|['"]|-command\b)|\[scriptblock\]::create\s*\(|\$executioncontext\.invokecommand\.|\b(?:powershell|pwsh)(?:\.exe)?\s+(?:-[a-z]+\s+){0,6}-(?:e|ec|en|enc|enco|encodedcommand)\s+[a-z0-9+/]{16}/;

export function powershellFinding(raw: string): Finding | null {
  if (!/iex|invoke|\[char\]|\$env:|powershell|pwsh|scriptblock|-object|[;|&`'"(]/.test(raw)) return null;
  const text = foldPowerShell(raw);
  const runs = RUNS_TEXT.exec(text) ?? RUNS_FOUND.exec(text);
  if (runs) return { kind: "chain", evidence: runs[0].trim().slice(0, 120) };
  // Command positions: words right after a separator, a call operator or an opening bracket.
  const words = /['"]?([a-z0-9_:.\\/-]{2,80})['"]?/g;
  for (const m of text.matchAll(words)) {
    const name = m[1]!;
    // What follows the name, past the bracket that closed a call operator's group (&('iex') x).
    const rest = text
      .slice(m.index + m[0].length, m.index + m[0].length + 80)
      .replace(/^\s*\)/, "")
      .trimStart();
    const arg = rest.split(/\s/, 1)[0] ?? "";
    const evidence = text.slice(Math.max(0, m.index - 2), m.index + m[0].length + 40).trim();
    const before = text.slice(Math.max(0, m.index - 8), m.index);
    if (text.slice(0, m.index).trim() === "") {
      // The value starts with a cmdlet and its parameters: a command line of its own.
      if (CMDLETS.has(name) && /^-[a-z]/.test(arg)) return { kind: "leading", evidence };
      continue;
    }
    if (!POSITION.test(before)) continue;
    if (CMDLETS.has(name) || ALIASES.has(name)) {
      if (CMDLETS.has(name) || SHAPED.test(arg) || rest === "") return { kind: "chain", evidence };
      // iex runs its argument: a program name there runs (i`e`x whoami).
      if ((name === "iex" || name === "icm") && resolveProgram(arg)) return { kind: "chain", evidence };
    } else if (WORD_ALIASES.has(name) && SHAPED.test(arg) && !/^['"]/.test(arg)) return { kind: "chain", evidence };
    else if (before.trim().endsWith("&") && /^['"]/.test(m[0]) && resolveProgram(name)?.tier === "strong")
      return { kind: "chain", evidence };
  }
  return null;
}
