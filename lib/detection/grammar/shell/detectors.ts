// The shell grammar analysis as payload detectors (category command_injection, paranoia 1): one
// analysis per input (POSIX shells, cmd.exe, PowerShell), cached on the Input, reported under the
// id that names how the value breaks out. Ids are the ones the regex detectors had where the
// meaning is the same (alerts and overrides refer to them).
import type { Input } from "../../payloads/inputs.ts";
import { BODYLESS, type PayloadDetector } from "../../payloads/types.ts";
import { cmdFinding } from "./cmd-analysis.ts";
import { resolveProgram } from "./commands.ts";
import { posixFinding, type Finding } from "./posix-analysis.ts";
import { powershellFinding } from "./powershell-analysis.ts";

/** Inputs read: the user agent too (shellshock, agents logged through shells). */
const FIELDS = [...BODYLESS, "user_agent.original"] as const;

/** Characters without which no value breaks out of a command line (a leading command aside). */
const SHELL_SYNTAX = /[;&|\n\r`$(){}<>'"\\^%*?[~!]/;

/** PowerShell's folding and cmdlets, which the POSIX reading misses. */
const POWERSHELL_HINT =
  /iex|iwr|irm|saps|icm|gwmi|gcm|invoke|\[char\]|\$env:|powershell|pwsh|scriptblock|[a-z]-[a-z]|['"]\s*\+|`|\{\d\}|\b(?:env|hklm|hkcu|cert|variable|function|alias):/;

/** cmd.exe syntax: carets, %VAR%, "", C:\ paths, a switch glued to a name, if/for conditions. */
const CMD_HINT =
  /[\\%^"]|[&|]\s*[a-z0-9_.-]{2,40}\/[a-z?]|\bif\s+(?:\/i\s+)?(?:not\s+)?(?:exist\s|defined\s|errorlevel\s|[^\s=]{1,40}==)|\bfor\s+\/[fldr]\s/;

const findings = new WeakMap<Input, Finding | null>();

/** The first way the input runs a command of its own, or null. Never throws: bad input is no finding. */
export function shellFinding(input: Input): Finding | null {
  const cached = findings.get(input);
  if (cached !== undefined) return cached;
  let found: Finding | null = null;
  try {
    found = analyse(input.decoded);
    // A URL path is a file name, not a command line of its own.
    if (found?.kind === "leading" && (input.part === "path" || input.part.endsWith("#name"))) found = null;
  } catch {
    found = null;
  }
  findings.set(input, found);
  return found;
}

function analyse(text: string): Finding | null {
  if (!SHELL_SYNTAX.test(text)) {
    // No shell syntax at all: only a value that is itself a command line can be one.
    const first = /^\s*(\S{1,80})(?:\s|$)/.exec(text);
    if (!first || !resolveProgram(first[1]!)) return null;
  }
  const posix = posixFinding(text);
  if (posix) return posix;
  const windows =
    (CMD_HINT.test(text) ? cmdFinding(text) : null) ?? (POWERSHELL_HINT.test(text) ? powershellFinding(text) : null);
  return windows && windows.kind !== "leading" && windows.kind !== "control"
    ? { ...windows, kind: "windows" }
    : windows;
}

const detector = (
  id: string,
  title: string,
  kinds: Finding["kind"][],
  technique: "T1059.004" | "T1059.003" = "T1059.004",
): PayloadDetector => ({
  id,
  title,
  category: "command_injection",
  points: 5,
  technique,
  paranoia: 1,
  fields: FIELDS,
  match: (input) => {
    const found = shellFinding(input);
    return found && kinds.includes(found.kind) ? found.evidence : null;
  },
});

export const SHELL_GRAMMAR: PayloadDetector[] = [
  detector("sn-cmdi-chain", "Command injection: shell separator followed by a command", ["chain"]),
  detector("sn-cmdi-substitution", "Command injection: command substitution runs a command", ["substitution"]),
  detector(
    "sn-cmdi-shell-evasion",
    "Command injection: command name disguised with quotes, escapes, expansions or globs",
    ["evasion"],
  ),
  detector("sn-cmdi-leading-command", "Command injection: a parameter that is a shell command", ["leading"]),
  detector("sn-cmdi-windows", "Command injection: Windows command interpreter or PowerShell", ["windows"], "T1059.003"),
  detector("sn-cmdi-control", "Command injection: shell control structure or function definition", ["control"]),
];
