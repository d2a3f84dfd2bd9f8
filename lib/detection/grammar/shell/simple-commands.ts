// Simple commands out of POSIX tokens: each with what introduced it (the value's start, a
// separator, a substitution, a subshell or a reserved word such as "then"), its command word and
// arguments, and redirections. Brace lists are expanded the way bash does ({cat,/etc/x} is two
// words), so the command word is what the shell would actually run.
import type { Context, Token, Word } from "./posix-lexer.ts";

export type Lead = "resume" | "start" | "separator" | "pipe" | "background" | "substitution" | "subshell" | "keyword";

export interface SimpleCommand {
  lead: Lead;
  /** The operator or keyword that introduced it ("" at the start). */
  leadText: string;
  words: Word[];
  /** Redirections seen in it, and their targets. */
  redirects: number;
  targets: string[];
  /** A <<< here-string feeds it: the word before is a program reading text. */
  hereString?: boolean;
  /** What ended it: an operator, or "" at the end of the value. */
  end: string;
  start: number;
  endAt: number;
  context: Context;
}

/** Reserved words after which a command starts again. */
const COMMAND_KEYWORDS = new Set(["then", "do", "else", "elif", "if", "while", "until", "!", "{", "time"]);

function leadOf(op: string): Lead {
  if (op === "|" || op === "|&") return "pipe";
  if (op === "&") return "background";
  if (op === "$(" || op === "`" || op === "<(" || op === ">(") return "substitution";
  if (op === "(") return "subshell";
  return "separator";
}

/** bash brace expansion of one word: pre{a,b}post → prea postb (one level, as attackers use it). */
function expandBraces(word: Word): Word[] {
  if (!word.brace) return [word];
  const open = word.text.indexOf("{");
  const close = word.text.indexOf("}", open);
  if (open < 0 || close < 0 || (word.text.indexOf("{", open + 1) >= 0 && word.text.indexOf("{", open + 1) < close))
    return [word];
  const inner = word.text.slice(open + 1, close);
  if (!inner.includes(",")) return [word];
  const pre = word.text.slice(0, open);
  const post = word.text.slice(close + 1);
  return inner
    .split(",")
    .slice(0, 20)
    .map((part) => ({ ...word, text: pre + part + post, obfuscated: true, brace: false }))
    .filter((w) => w.text.length > 0);
}

export function simpleCommands(tokens: Token[], context: Context): SimpleCommand[] {
  const out: SimpleCommand[] = [];
  let current: SimpleCommand = {
    lead: "start",
    leadText: "",
    words: [],
    redirects: 0,
    targets: [],
    end: "",
    start: 0,
    endAt: 0,
    context,
  };
  let skipTarget = false;
  const finish = (end: string, at: number, next: Lead, nextText: string, nextStart: number) => {
    current.end = end;
    current.endAt = at;
    if (current.words.length > 0 || current.redirects > 0) out.push(current);
    current = {
      lead: next,
      leadText: nextText,
      words: [],
      redirects: 0,
      targets: [],
      end: "",
      start: nextStart,
      endAt: 0,
      context,
    };
  };
  for (const t of tokens) {
    if (t.kind === "word") {
      if (skipTarget) {
        skipTarget = false;
        current.targets.push(t.text);
        continue;
      }
      if (current.words.every((w) => w.text === "") && COMMAND_KEYWORDS.has(t.text) && !t.obfuscated) {
        finish("", t.start, "keyword", t.text, t.end);
        continue;
      }
      for (const w of expandBraces(t)) current.words.push(w);
      continue;
    }
    if (t.op === "redirect" || t.op === "herestring") {
      current.redirects++;
      if (t.op === "herestring") current.hereString = true;
      skipTarget = true;
      continue;
    }
    skipTarget = false;
    // After a closing bracket the words are the enclosing command's arguments, not a new command.
    if (t.op === ")" || t.op === "`)") finish(t.op === ")" ? ")" : "`", t.start, "resume", "", t.end);
    else finish(t.op, t.start, leadOf(t.op), t.op, t.end);
  }
  finish("", Number.MAX_SAFE_INTEGER, "separator", "", 0);
  return out;
}

/**
 * The command word: the first non-empty word (empty expansions and "" vanish before the shell
 * looks) after the assignments a simple command may open with (PATH=/tmp nc …, LD_PRELOAD=x id).
 */
export function commandWordIndex(command: SimpleCommand): number {
  let assignments = 0;
  for (let n = 0; n < command.words.length; n++) {
    const w = command.words[n]!;
    if (w.text === "") continue;
    if (/^[a-z_][a-z0-9_]{0,30}=/.test(w.text) && assignments++ < 8 && n + 1 < command.words.length) continue;
    return n;
  }
  return -1;
}
