// Windows cmd.exe: whether a value breaks out into a command of its own. cmd's grammar differs
// from the POSIX shells': & && || | and line breaks separate commands, ^ escapes the next
// character, "…" quotes (and "" is nothing), %VAR% and %VAR:~a,b% expand (known system variables
// such as %COMSPEC% resolve, unknown ones vanish), and , ; = separate arguments like blanks. The
// command word, once cooked that way, must resolve to a program (C:\Windows\System32\…, .exe,
// the dictionary), with Windows-shaped arguments (/x, -x, C:\…, URLs) if it is also a word.
import { KNOWN_VARIABLES, resolveProgram } from "./commands.ts";
import { MAX_SCAN } from "./posix-lexer.ts";
import { readsAsSentence, type Finding } from "./posix-analysis.ts";

interface CmdWord {
  text: string;
  obfuscated: boolean;
}
interface CmdCommand {
  lead: string;
  start: number;
  end: number;
  words: CmdWord[];
}

/** %NAME% or %NAME:~start[,length]% at i ("%" there), or null when it is a lone percent sign. */
function expansion(text: string, i: number): { value: string; next: number } | null {
  const close = text.indexOf("%", i + 1);
  if (close < 0 || close - i > 60) return null;
  const body = text.slice(i + 1, close);
  const m = /^([a-z_][a-z0-9_()]*)(?::~(-?\d+)(?:,(-?\d+))?)?$/.exec(body);
  if (!m) return null;
  let value = KNOWN_VARIABLES[m[1]!] ?? "";
  if (m[2] !== undefined) {
    const from = Number(m[2]);
    value = value.slice(from < 0 ? Math.max(0, value.length + from) : from);
    if (m[3] !== undefined) {
      const length = Number(m[3]);
      value = length < 0 ? value.slice(0, Math.max(0, value.length + length)) : value.slice(0, length);
    }
  }
  return { value, next: close + 1 };
}

function lexCmd(input: string, context: "bare" | "double"): CmdCommand[] {
  const text = input.slice(0, MAX_SCAN);
  const commands: CmdCommand[] = [];
  let current: CmdCommand = { lead: "", start: 0, end: 0, words: [] };
  let word: CmdWord | null = null;
  let quoted = false;
  let i = 0;
  if (context === "double") {
    const close = text.indexOf('"');
    if (close < 0) return [];
    i = close + 1;
    word = { text: "", obfuscated: false };
  }
  const endWord = () => {
    if (word && word.text !== "") current.words.push(word);
    word = null;
  };
  const separate = (lead: string, at: number) => {
    endWord();
    current.end = at;
    if (current.words.length) commands.push(current);
    current = { lead, start: i, end: 0, words: [] };
  };
  while (i < text.length && commands.length < 500) {
    const c = text[i]!;
    if (c === '"') {
      word ??= { text: "", obfuscated: false };
      if (text[i + 1] === '"' || word.text !== "") word.obfuscated = true;
      quoted = !quoted;
      i++;
      continue;
    }
    if (c === "%") {
      const exp = expansion(text, i);
      if (exp) {
        word ??= { text: "", obfuscated: false };
        word.text += exp.value;
        word.obfuscated = true;
        i = exp.next;
        continue;
      }
    }
    if (!quoted) {
      // Markup around the value (<comment>…</comment> in a body read whole) is no redirection.
      const tag = c === "<" ? /^<\/?[a-z][a-z0-9:_.-]{0,40}>/.exec(text.slice(i, i + 48)) : null;
      if (tag) {
        endWord();
        i += tag[0].length;
        continue;
      }
      if (c === "^") {
        word ??= { text: "", obfuscated: false };
        if (i + 1 < text.length && text[i + 1] !== "\n") {
          word.text += text[i + 1];
          word.obfuscated = true;
        }
        i += 2;
        continue;
      }
      if (c === "&" || c === "|" || c === "\n" || c === "(" || c === ")") {
        const at = i;
        i += (c === "&" || c === "|") && text[i + 1] === c ? 2 : 1;
        separate(text.slice(at, i), at);
        continue;
      }
      if (c === " " || c === "\t" || c === "\r" || c === "," || c === ";" || c === "=") {
        endWord();
        i++;
        continue;
      }
    }
    word ??= { text: "", obfuscated: false };
    word.text += c;
    i++;
  }
  separate("", text.length);
  return commands;
}

const WRAPPERS = new Set(["call", "start", "cmd", "cmd.exe"]);

/**
 * The index of the command after an if condition starting at `from`, or -1 when it is no cmd.exe
 * condition. `compares`: the command holds "==" (which the lexer, reading = as a blank, removed).
 */
function ifCondition(words: CmdWord[], from: number, compares: boolean): number {
  let n = from;
  if (words[n]?.text === "/i") n++;
  if (words[n]?.text === "not") n++;
  const test = words[n]?.text ?? "";
  if (test === "exist" || test === "defined" || test === "errorlevel") n += 2;
  else if (compares) n += 2;
  else return -1;
  return n < words.length ? n : -1;
}
const SHAPED = /^(?:\/[a-z?]|-{1,2}[a-z]|[a-z]:\\|\\\\|%|https?:\/\/|\.\.?\\)/;

/** The first command a value runs in cmd.exe, or null. */
export function cmdFinding(text: string): Finding | null {
  const contexts: ("bare" | "double")[] = text.includes('"') ? ["bare", "double"] : ["bare"];
  for (const context of contexts) {
    for (const command of lexCmd(text, context)) {
      if (command.lead === "" && context === "bare" && command.start === 0) {
        // The value is a Windows command line itself: a program with a Windows path or switch after it.
        const program = resolveProgram(command.words[0]?.text ?? "");
        const [first, second] = [command.words[1]?.text ?? "", command.words[2]?.text];
        // The interpreter told to run the rest: %COMSPEC% /c whoami, powershell -c ….
        const interpreter =
          /^(?:cmd|powershell|pwsh)$/.test(program?.name.replace(/^.*[\\/]/, "") ?? "") &&
          /^(?:\/[ck]|-c|-command|-e|-enc|-encodedcommand)$/.test(first) &&
          second !== undefined;
        if (
          program &&
          program.tier !== "tiny" &&
          (interpreter || command.words.slice(1).some((a) => /^(?:[a-z]:\\|\\\\|%[a-z])/.test(a.text)))
        )
          return { kind: "leading", evidence: text.slice(0, command.end).slice(0, 120).trim() };
        continue;
      }
      if (command.lead === "" || command.lead === ")") continue;
      const evidence = text
        .slice(Math.max(0, command.start - command.lead.length), command.end)
        .slice(0, 120)
        .trim();
      let index = 0;
      for (let hops = 0; hops < 3 && index < command.words.length; hops++) {
        const word = command.words[index]!;
        // for /f|/l|/d|/r %x in (…) do …: the ( ) around the set end a command here, so "do" may follow it.
        if (
          word.text === "for" &&
          /^\/[fldr]$/.test(command.words[index + 1]?.text ?? "") &&
          /\bdo\s/.test(text.slice(command.start, command.start + 400))
        )
          return { kind: "control", evidence };
        // if [/i] [not] exist X | defined X | errorlevel N | a==b COMMAND: the command follows the condition.
        if (word.text === "if") {
          const after = ifCondition(command.words, index + 1, text.slice(command.start, command.end).includes("=="));
          if (after < 0) break;
          index = after;
          continue;
        }
        let program = resolveProgram(word.text);
        let args = command.words.slice(index + 1);
        // cmd ends a command name at "/": dir/w, ipconfig/all and bcdboot/r run with the switch.
        // A word-command takes a one-letter switch that way (dir/w, more/e), not a path segment (more/view).
        const glued = program ? null : /^([a-z0-9_.-]{2,40})(\/[a-z?][a-z0-9:-]{0,15})$/.exec(word.text);
        if (glued) {
          program = resolveProgram(glued[1]!);
          if (program?.tier !== "strong" && glued[2]!.length > 2) program = null;
          args = [{ text: glued[2]!, obfuscated: false }, ...args];
        }
        if (program && !word.obfuscated && readsAsSentence(args, false)) break;
        if (program) {
          if (program.tier === "strong" || word.obfuscated) return { kind: "chain", evidence };
          if (args.some((a) => SHAPED.test(a.text))) return { kind: "chain", evidence };
        }
        if (!WRAPPERS.has(word.text)) break;
        index++;
        while (index < command.words.length && /^\/[a-z]$/.test(command.words[index]!.text)) index++;
      }
    }
  }
  return null;
}
