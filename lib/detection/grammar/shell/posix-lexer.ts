// A tokenizer for the POSIX shell family (sh, bash, zsh, ksh, dash) as far as injection needs it:
// words after the shell's own quote removal ('…', "…", $'…', backslashes), parameter expansions
// resolved where their value is known ($IFS, ${PATH:0:1}, $SHELL) and emptied where it is not
// ($@, $x, ``), globs and brace lists kept for resolution, operators (; & && || | newline),
// substitutions opened and closed ($( … ), `…`, <( … ), $(( … ))), redirections, here-docs and
// comments. One pass over at most MAX_SCAN characters, every step advances; nesting is a stack.
import { KNOWN_VARIABLES } from "./commands.ts";

export const MAX_SCAN = 4096;
const MAX_TOKENS = 2000;
const MAX_ASSIGNED = 64;
const MAX_WORD = 1024;

export interface Word {
  kind: "word";
  /** The word as the shell hands it to the program (quotes and escapes removed). */
  text: string;
  /** Where it starts in the input. */
  start: number;
  end: number;
  /** Something the shell removes or replaces sat inside it: a quote pair, a backslash, an expansion. */
  obfuscated: boolean;
  /** Unquoted glob characters. */
  glob: boolean;
  /** Unquoted brace list {a,b}. */
  brace: boolean;
  /** The whole word was one quoted string. */
  quotedOnly: boolean;
}
export interface Operator {
  kind: "op";
  /** ; & && || | |& \n ;; ( ) $( ` <( >( $(( ) redirect: > >> < << <<< >& <& &> */
  op: string;
  start: number;
  end: number;
}
export type Token = Word | Operator;

/** Where the value lands in the command line it is pasted into. */
export type Context = "bare" | "single" | "double";

const META = new Set([" ", "\t", "\n", "\r", ";", "&", "|", "<", ">", "(", ")", "`"]);
const isNameChar = (c: string | undefined) => c !== undefined && /[a-z0-9_]/.test(c);

/** Tokens of `text` read as if the command line around it had left the lexer in `context`. */
export function lexPosix(input: string, context: Context = "bare"): Token[] {
  const text = input.length > MAX_SCAN ? input.slice(0, MAX_SCAN) : input;
  const tokens: Token[] = [];
  /** Open substitutions: what closes them (")" or "`"), and whether a "…" string resumes after. */
  const stack: { close: string; resumeDouble: boolean }[] = [];
  let i = 0;
  let word: Word | null = null;
  let inDouble = context === "double";
  let heredoc: string | null = null;

  const startWord = (at: number): Word =>
    (word ??= {
      kind: "word",
      text: "",
      start: at,
      end: at,
      obfuscated: false,
      glob: false,
      brace: false,
      quotedOnly: true,
    });
  /** Variables the value assigns (a=nc; $a …): what a later expansion of them yields. */
  const assigned = new Map<string, string>();
  const valueOf = (name: string) => assigned.get(name) ?? KNOWN_VARIABLES[name] ?? "";
  const endWord = () => {
    if (word) {
      word.end = i;
      const previous = tokens[tokens.length - 1];
      // An assignment in command position (the value's start, after an operator or another assignment).
      const assignment = /^([a-z_][a-z0-9_]{0,30})=([^\s]{0,200})$/.exec(word.text);
      if (
        assignment &&
        assigned.size < MAX_ASSIGNED &&
        (previous === undefined || previous.kind === "op" || /^[a-z_][a-z0-9_]*=/.test(previous.text))
      )
        assigned.set(assignment[1]!, assignment[2]!);
      tokens.push(word);
      word = null;
    }
  };
  /** Appends an expansion's value, within bounds (a word of many expansions stays short). */
  const append = (w: Word, value: string) => {
    if (w.text.length < MAX_WORD) w.text += value.slice(0, MAX_WORD - w.text.length);
    // Unquoted, an expansion's value is globbed too (g=cur[l]; $g).
    if (!inDouble && /[?*[]/.test(value)) w.glob = true;
  };
  const push = (op: string, start: number) => {
    endWord();
    tokens.push({ kind: "op", op, start, end: i });
  };

  // In a single-quoted context everything up to the first quote is data.
  if (context === "single") {
    const close = text.indexOf("'");
    if (close < 0) return [];
    i = close + 1;
    startWord(close).quotedOnly = false;
  }
  if (context === "double") startWord(0).quotedOnly = false;

  /** $… at i (i points at "$"): appends the expansion to the current word, or opens a substitution. */
  const dollar = (): boolean => {
    const next = text[i + 1];
    if (next === "(") {
      if (text[i + 2] === "(") {
        // Arithmetic: skip to the matching "))", it yields a number.
        let depth = 0;
        let j = i + 1;
        for (; j < text.length; j++) {
          if (text[j] === "(") depth++;
          else if (text[j] === ")" && --depth === 0) break;
        }
        // A literal number yields itself ($((7))z is 7z); any other expression, some number.
        const literal = /^\(\(\s*(\d{1,9})\s*\)\)$/.exec(text.slice(i + 1, j + 1));
        const w = startWord(i);
        append(w, literal ? String(Number(literal[1])) : "0");
        w.obfuscated = true;
        w.quotedOnly = false;
        i = Math.min(j + 1, text.length);
        return true;
      }
      if (text[i + 2] === ")") {
        // $() is nothing: the word goes on (ps$() aux is "ps aux").
        const w = startWord(i);
        w.obfuscated = true;
        w.quotedOnly = false;
        i += 3;
        return true;
      }
      const resumeDouble = inDouble;
      const at = i;
      endWord();
      i += 2;
      tokens.push({ kind: "op", op: "$(", start: at, end: i });
      stack.push({ close: ")", resumeDouble });
      inDouble = false;
      return true;
    }
    if (next === '"' && !inDouble) {
      // $"…" is a translated string: the $ goes, the quotes are read as usual.
      const w = startWord(i);
      w.obfuscated = true;
      i += 1;
      return true;
    }
    if (next === "'" && !inDouble) {
      // ANSI-C quoting: escapes were decoded upstream; the quotes go.
      const close = text.indexOf("'", i + 2);
      const end = close < 0 ? text.length : close;
      const w = startWord(i);
      w.text += text.slice(i + 2, end).replace(/\\(.)/g, "$1");
      w.obfuscated = true;
      i = end + 1;
      return true;
    }
    if (next === "{") {
      const close = text.indexOf("}", i + 2);
      if (close < 0 || close - i > 80) return false;
      const body = text.slice(i + 2, close);
      if (/[`$]/.test(body)) return false;
      const m = /^([a-z_][a-z0-9_]*)(?::(-?\d+)(?::(-?\d+))?)?/.exec(body);
      const w = startWord(i);
      w.obfuscated = true;
      w.quotedOnly = false;
      i = close + 1;
      if (!m) return true;
      let value = valueOf(m[1]!);
      if (m[2] !== undefined) {
        const from = Number(m[2]);
        value = value.slice(from < 0 ? Math.max(0, value.length + from) : from);
        if (m[3] !== undefined) value = value.slice(0, Math.max(0, Number(m[3])));
      } else if (m[0].length !== body.length) value = "";
      // IFS with any operator (${IFS%?}, ${IFS:0:1}) still holds blanks: the default is space, tab, newline.
      if (m[1] === "ifs" && (value === " " || m[0].length !== body.length) && !inDouble) {
        endWord();
        return true;
      }
      append(w, value);
      return true;
    }
    if (next !== undefined && /[@*#?$!0-9-]/.test(next)) {
      const w = startWord(i);
      w.obfuscated = true;
      w.quotedOnly = false;
      // $0 is the running shell's name where it is run with options ($0 -c id, $0<<<id): a price ($0) stays empty.
      if (next === "0" && /^(?:[ \t]+-[a-z]|\s*<<<)/.test(text.slice(i + 2, i + 8))) append(w, "sh");
      i += 2;
      return true;
    }
    if (isNameChar(next) && !/[0-9]/.test(next!)) {
      let j = i + 1;
      while (j < text.length && j - i < 40 && isNameChar(text[j])) j++;
      const name = text.slice(i + 1, j);
      const value = valueOf(name);
      const w = startWord(i);
      w.obfuscated = true;
      w.quotedOnly = false;
      i = j;
      if (name === "ifs" && !inDouble) endWord();
      else append(w, value);
      return true;
    }
    return false;
  };

  while (i < text.length && tokens.length < MAX_TOKENS) {
    const c = text[i]!;
    if (heredoc !== null) {
      // Skip the body up to a line that is the delimiter.
      const nl = text.indexOf("\n", i);
      const line = text.slice(i, nl < 0 ? text.length : nl).trim();
      i = nl < 0 ? text.length : nl + 1;
      if (line === heredoc) heredoc = null;
      continue;
    }
    if (inDouble) {
      const w = startWord(i);
      if (c === '"') {
        inDouble = false;
        i++;
        continue;
      }
      if (c === "\\" && i + 1 < text.length && '$`"\\\n'.includes(text[i + 1]!)) {
        w.text += text[i + 1];
        w.obfuscated = true;
        i += 2;
        continue;
      }
      if (c === "$" && dollar()) continue;
      if (c === "`") {
        const at = i;
        endWord();
        i++;
        tokens.push({ kind: "op", op: "`", start: at, end: i });
        stack.push({ close: "`", resumeDouble: true });
        inDouble = false;
        continue;
      }
      w.text += c;
      i++;
      continue;
    }
    const top = stack[stack.length - 1];
    if (top && c === top.close) {
      const at = i;
      i++;
      push(c === "`" ? "`)" : ")", at);
      stack.pop();
      if (top.resumeDouble) {
        inDouble = true;
        startWord(i).quotedOnly = false;
      }
      continue;
    }
    if (c === " " || c === "\t" || c === "\r") {
      endWord();
      i++;
      continue;
    }
    if (c === "\\") {
      if (text[i + 1] === "\n") {
        i += 2;
        continue;
      }
      const w = startWord(i);
      w.quotedOnly = false;
      if (i + 1 < text.length) {
        w.text += text[i + 1];
        w.obfuscated = true;
      }
      i += 2;
      continue;
    }
    if (c === "'") {
      const close = text.indexOf("'", i + 1);
      const end = close < 0 ? text.length : close;
      const w = startWord(i);
      const inner = text.slice(i + 1, end);
      if (w.text.length > 0 || inner.length === 0) w.obfuscated = true;
      w.text += inner;
      i = end + 1;
      if (i < text.length && !META.has(text[i]!)) w.obfuscated = true;
      continue;
    }
    if (c === '"') {
      const w = startWord(i);
      if (w.text.length > 0 || text[i + 1] === '"') w.obfuscated = true;
      inDouble = true;
      i++;
      continue;
    }
    if (c === "$" && dollar()) continue;
    if (c === "#" && word === null) {
      const nl = text.indexOf("\n", i);
      i = nl < 0 ? text.length : nl;
      continue;
    }
    if (c === "\n" || c === ";") {
      const at = i;
      i += c === ";" && text[i + 1] === ";" ? 2 : 1;
      push(c === "\n" ? "\n" : text.slice(at, i), at);
      continue;
    }
    if (c === "&" || c === "|") {
      const at = i;
      const next = text[i + 1];
      if (c === "&" && next === ">") {
        i += text[i + 2] === ">" ? 3 : 2;
        push("redirect", at);
        continue;
      }
      i += next === c || (c === "|" && next === "&") ? 2 : 1;
      push(text.slice(at, i), at);
      continue;
    }
    if (c === "<") {
      // Markup around the value (<comment>…</comment> in a body read whole) is no redirection.
      const tag = /^<\/?[a-z][a-z0-9:_.-]{0,40}>/.exec(text.slice(i, i + 48));
      if (tag) {
        endWord();
        i += tag[0].length;
        continue;
      }
    }
    if (c === "<" || c === ">") {
      const at = i;
      if (text[i + 1] === "(") {
        i += 2;
        push(`${c}(`, at);
        stack.push({ close: ")", resumeDouble: false });
        continue;
      }
      // A word of digits right before is the descriptor: 2>&1.
      const w = word as Word | null;
      if (w && /^\d+$/.test(w.text) && w.end === w.start && !w.obfuscated) word = null;
      let j = i + 1;
      while (j < text.length && j - i < 3 && (text[j] === c || text[j] === "&" || text[j] === "|")) j++;
      const op = text.slice(i, j);
      i = j;
      push(op === "<<<" ? "herestring" : "redirect", at);
      if (op === "<<" || op === "<<-") {
        const m = /^[ \t]*['"]?([a-z0-9_]{1,40})/.exec(text.slice(i, i + 48));
        if (m) {
          heredoc = m[1]!;
          const nl = text.indexOf("\n", i);
          if (nl < 0) heredoc = null;
        }
      }
      continue;
    }
    if (c === "(" || c === ")") {
      const at = i;
      i++;
      push(c, at);
      continue;
    }
    if (c === "`" && text.startsWith("```", i)) {
      // A Markdown code fence: documentation, never a substitution an attacker writes.
      const close = text.indexOf("```", i + 3);
      endWord();
      i = close < 0 ? text.length : close + 3;
      continue;
    }
    if (c === "`" && text[i + 1] === "`") {
      // `` is an empty substitution: nothing, and the word goes on (sl``eep).
      const w = startWord(i);
      w.obfuscated = true;
      w.quotedOnly = false;
      i += 2;
      continue;
    }
    if (c === "`") {
      const at = i;
      i++;
      push("`", at);
      stack.push({ close: "`", resumeDouble: false });
      continue;
    }
    const w = startWord(i);
    // Plain characters after a quoted part ("w"get): the quotes split a name.
    if (w.quotedOnly && w.text !== "") w.obfuscated = true;
    w.quotedOnly = false;
    if (c === "?" || c === "*" || c === "[") w.glob = true;
    if (c === "{" || c === ",") w.brace ||= c === "," && w.text.includes("{");
    w.text += c;
    i++;
  }
  endWord();
  return tokens;
}
