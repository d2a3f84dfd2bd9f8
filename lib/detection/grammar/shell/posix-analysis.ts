// Whether a value breaks out of its place in a POSIX command line into a command of its own: read
// as if pasted bare, after an opening ' and after an opening " (the three places a server puts
// input), it contains a separator, pipe, substitution or reserved word followed by a word that
// resolves to a program once the shell's own quote and escape removal is done, with arguments
// shaped like a command's; or a control structure, or a network redirection.
import { resolveProgram, type Program } from "./commands.ts";
import { lexPosix, type Context, type Token, type Word } from "./posix-lexer.ts";
import { commandWordIndex, simpleCommands, type SimpleCommand } from "./simple-commands.ts";

export type Finding = {
  /** How it breaks out; "windows": a cmd.exe or PowerShell command. */
  kind: "chain" | "substitution" | "evasion" | "leading" | "control" | "windows";
  evidence: string;
};

/** Programs that run the next word as a program. */
const WRAPPERS = new Set([
  "sudo",
  "doas",
  "nohup",
  "time",
  "env",
  "exec",
  "command",
  "builtin",
  "xargs",
  "nice",
  "timeout",
  "strace",
  "ltrace",
  "setsid",
  "stdbuf",
  "watch",
  "busybox",
  "chroot",
  "unbuffer",
  // The sqlite3 shell's meta-commands that hand the rest of the line to a shell.
  ".shell",
  ".system",
]);

const FLAG = /^-{1,2}[a-z0-9]/;
const PATH = /^(?:\/[^\s/]|~|\.{1,2}\/|[a-z]:\\|\/$)/;
const URL = /^[a-z][a-z0-9+.-]{1,10}:\/\/\S/;
/** Arguments shaped like a program's: an option, a path, a URL. */
export const commandArgument = (text: string) => FLAG.test(text) || PATH.test(text) || URL.test(text);

/** Builtins whose argument is itself a command line: eval 'id', trap 'rm x' EXIT. */
const RUNS_ARGUMENT = new Set(["eval", "trap"]);
/** Nesting of RUNS_ARGUMENT re-reads: one level, so the cost stays linear. */
let depth = 0;

/** An unknown word after a separator, followed by an option: ;flock -u, ;rmt --version (not after a pipe or &, as in prose). */
function unknownWithOptions(text: string, command: SimpleCommand, word: Word, args: Word[]): Finding | null {
  if (command.lead !== "separator" && command.lead !== "substitution") return null;
  if (!/^[a-z][a-z0-9._+-]{1,30}$/.test(word.text) || !args[0] || !/^-{1,2}[a-z][a-z0-9-]*$/.test(args[0].text))
    return null;
  return { kind: "chain", evidence: slice(text, command.start - command.leadText.length, command.endAt) };
}

const INTERPRETERS = /^(?:(?:ba|z|k|c|tc|da|a)?sh|python[0-9.]*|perl[0-9]*|ruby|php[0-9.]*|node|lua|pwsh|powershell)$/;

const CONDITION_WORDS = new Set(["[", "[[", "test", "true", "false", ":"]);

function slice(text: string, from: number, to: number): string {
  return text.slice(Math.max(0, from), Math.min(text.length, to, from + 120)).trim();
}

/** Backticks used as a Markdown code span in prose: `ls -la` between a space and a word. */
function codeSpan(text: string, command: SimpleCommand): boolean {
  if (command.leadText !== "`" || command.end !== "`") return false;
  const open = command.start - 1;
  const before = text[open - 1];
  const after = text.slice(command.endAt + 1, command.endAt + 3);
  return (before === undefined || /\s/.test(before)) && /^\s+[a-z]/.test(after);
}

/**
 * `script`: every command before this one in the value opens with a program or a reserved word
 * (time; ansible-console), so the value is a command sequence rather than a list in prose.
 */
function judge(text: string, command: SimpleCommand, script = false): Finding | null {
  if (
    command.targets.some((t) => /^\/dev\/(?:tcp|udp)\//.test(t)) ||
    command.words.some((w) => /^\/dev\/(?:tcp|udp)\//.test(w.text))
  )
    return { kind: "substitution", evidence: slice(text, command.start, command.endAt) };
  let index = commandWordIndex(command);
  // $(<file) reads a file in bash: a substitution made of an input redirection alone.
  if (index < 0 && command.lead === "substitution" && command.leadText === "$(" && command.targets.length > 0)
    return { kind: "substitution", evidence: slice(text, command.start - 2, command.endAt + 1) };
  if (index < 0) return null;
  if ((command.lead === "start" && command.context !== "bare") || command.lead === "resume") return null;
  if (command.lead === "substitution" && codeSpan(text, command)) return null;
  for (let hops = 0; hops < 3; hops++) {
    const word = command.words[index]!;
    const program = resolveProgram(word.text, word.glob);
    const args = command.words.slice(index + 1).filter((w) => w.text !== "");
    const verdict = program
      ? weigh(text, command, word, program, args, hops > 0, script)
      : unknownWithOptions(text, command, word, args);
    if (verdict) return verdict;
    if (word.text === "alias" && args.some((a) => /^[^=\s]{1,40}=./.test(a.text)))
      return { kind: "evasion", evidence: slice(text, command.start - command.leadText.length, command.endAt) };
    if (RUNS_ARGUMENT.has(word.text) && args[0] && command.lead !== "start" && depth === 0) {
      depth++;
      try {
        const inner = posixFinding(args[0].text);
        if (inner) return { ...inner, kind: inner.kind === "leading" ? "chain" : inner.kind };
      } finally {
        depth--;
      }
    }
    if (!WRAPPERS.has(word.text)) return null;
    // A wrapper: the program it runs is the next word that is not an option or a number.
    let next = index + 1;
    while (next < command.words.length && /^(?:-|\d|$)/.test(command.words[next]!.text)) next++;
    if (next >= command.words.length) return null;
    index = next;
  }
  return null;
}

/**
 * An argument that is a shell's argv written as a comma list, which compilers and tools split and
 * run (cc -wrapper sh,-c,…; GTFOBins "c89", "gcc"): a shell, then -c, then the code.
 */
const SHELL_ARGV = /^(?:\/(?:usr\/)?bin\/)?(?:ba|da|z|k|c|tc|a)?sh,-[a-z]*c,./;

/** The operator at `at` follows shell syntax (; & | = or an opening bracket) or opens the value. */
function afterSyntax(text: string, at: number): boolean {
  const before = text.slice(Math.max(0, at - 8), at).trimEnd();
  return before === "" || /[;&|=($'"]$/.test(before);
}

/** Words that join a sentence, never a program's arguments. */
const PROSE = new Set(
  "a an the to of for and or but is are was be see you your we our it its this that these with from into than then".split(
    " ",
  ),
);

/**
 * The words after a word-command read as a sentence: "| head -20 to see the last commits" (only
 * options shape it and two of its arguments join prose), "tar -czf x.tgz ./photos compresses the
 * folder" (it ends in three or more plain words, one of which joins prose).
 */
function sentence(args: Word[], command: SimpleCommand): boolean {
  if (command.redirects > 0) return false;
  return readsAsSentence(args, command.lead === "start");
}

/** The same reading over any interpreter's words (cmd.exe's too). `whole`: the value is this command. */
export function readsAsSentence(args: { text: string; obfuscated: boolean }[], whole: boolean): boolean {
  const target = args.some((a) => PATH.test(a.text) || URL.test(a.text));
  let tail = 0;
  let tailJoins = 0;
  let joins = 0;
  for (const a of args) {
    if (!/^[a-z]{1,20}$/.test(a.text) || a.obfuscated) {
      tail = 0;
      tailJoins = 0;
      continue;
    }
    tail++;
    if (PROSE.has(a.text)) {
      joins++;
      tailJoins++;
    }
  }
  // After a separator a path or URL is evidence enough; a whole value may quote one in a sentence.
  if (tail >= 3 && tailJoins >= 1 && (whole || !target)) return true;
  return joins >= 2 && !target;
}

/** Word-commands that do something with no argument at all: what a bare "; id" or "| ps" runs. */
const RUNS_ALONE = new Set(
  `id who w ps top env last df free du dir ver history groups users date arp route netstat lastlog uptime
hostname pwd ifconfig ipconfig ip nproc lscpu lsblk lsusb lspci lsmod dmesg mount tasklist systeminfo reboot
shutdown halt sh bash dash ash fish ksh zsh csh tcsh python python3 perl php ruby node irb lua printenv jobs
umask ulimit locale getent whoami uname sleep`.split(/\s+/),
);

/** A redirection into a file (echo … > cmd.php, cat x >> /tmp/y): the value writes a file. */
const writesFile = (command: SimpleCommand) =>
  command.targets.some((t) => PATH.test(t) || /^[\w.-]{1,80}\.[a-z0-9]{1,5}$/.test(t));

/** Builtins that only change the shell's own state: a value that is one alone (cd /srv) does nothing. */
const STATE_ONLY = new Set(["cd", "pushd", "popd", "export", "set", "unset", "umask", "ulimit", "alias"]);

function weigh(
  text: string,
  command: SimpleCommand,
  word: Word,
  program: Program,
  args: Word[],
  wrapped: boolean,
  script: boolean,
): Finding | null {
  if (args.some((a) => SHELL_ARGV.test(a.text)))
    return {
      kind: command.lead === "start" ? "leading" : "chain",
      evidence: slice(text, command.start - command.leadText.length, command.endAt),
    };
  const shaped = args.some((a) => commandArgument(a.text)) || command.redirects > 0;
  const evasion = (word.obfuscated && !word.quotedOnly) || (word.glob && /[?*[]/.test(word.text));
  const leadAt = command.start - command.leadText.length;
  const evidence = slice(text, leadAt, command.endAt);
  if (command.lead === "start") {
    // The whole value is a command line: only programs that are not words, or words with options and paths.
    // A tool with only options (ls -la) is how people quote commands in prose: a path or URL must follow.
    const target = args.some((a) => PATH.test(a.text) || URL.test(a.text));
    // An interpreter fed a here-string runs it (bash<<<id).
    const fed = command.hereString === true && INTERPRETERS.test(program.name);
    if (
      program.tier === "strong" &&
      (target || evasion || wrapped || fed || writesFile(command) || /\//.test(word.text))
    )
      return sentence(args, command) && !evasion ? null : { kind: "leading", evidence };
    // An interpreter told to run its argument as code: sh -c …, perl -e …, python -c ….
    if (INTERPRETERS.test(program.name) && /^-[a-z]*[ce]$/.test(args[0]?.text ?? "") && args.length > 1)
      return { kind: "leading", evidence };
    if (
      program.tier !== "strong" &&
      (!STATE_ONLY.has(program.name) || command.end !== "") &&
      !sentence(args, command) &&
      (args.some((a) => PATH.test(a.text)) || command.hereString || writesFile(command))
    )
      return { kind: "leading", evidence };
    if (evasion && program.tier !== "tiny") return { kind: "leading", evidence };
    return null;
  }
  const kind = command.lead === "substitution" ? "substitution" : evasion ? "evasion" : "chain";
  if (evasion) return { kind, evidence };
  if (sentence(args, command)) return null;
  if (program.tier === "strong") return { kind, evidence };
  // The value opens with the operator (| sleep 5, ;id, "&& ls): it was written to end the command before it.
  if (command.lead !== "keyword" && /^['"\s]*$/.test(text.slice(0, leadAt))) return { kind, evidence };
  if (shaped) return { kind, evidence };
  if (program.tier === "tiny") return null;
  // A substitution is code already: a word-command with any arguments runs ($(date +%s), <(cat file)),
  // and so do backticks glued to shell syntax (;`printf id`, x=`cat f`), which no Markdown span is.
  if (command.lead === "substitution" && (command.leadText !== "`" || afterSyntax(text, leadAt)))
    return { kind, evidence };
  if (args.length > 0) return null;
  // A bare word-command ("; id"): at the end of the value or of a substitution, or glued to its operator.
  const glued = word.start === command.start;
  const closes =
    command.end === "" ||
    /^[;&|\s'"}]*(?:#.*)?$/.test(text.slice(command.endAt, command.endAt + 24)) ||
    (command.lead === "substitution" && (command.end === ")" || command.end === "`"));
  // A subshell glued to a separator and closed at once: ;(id) |(whoami).
  if (command.lead === "subshell")
    return glued && command.end === ")" && afterSyntax(text, leadAt) ? { kind, evidence } : null;
  // After a pipe, at the end of the value (… | id), a program that does something alone (id, ps, env):
  // "sort | filter | export" is a menu; after & only glued to it (x&id), as "B & W" is prose.
  if (command.lead === "pipe") return closes && RUNS_ALONE.has(program.name) ? { kind, evidence } : null;
  if (command.lead === "background") return glued && closes ? { kind, evidence } : null;
  // After ; or a line break: glued to it (;id, x;cat), or closing the value with a program that does
  // something alone ("x; id") or a sequence of commands ("time; ansible-console"); "Languages: Java;
  // Python; Ruby" ends in a word of a list, not a command.
  return glued || (closes && (RUNS_ALONE.has(program.name) || script)) ? { kind, evidence } : null;
}

/** if/while/until whose condition is a command and a then/do; for NAME in … do; case … in … ;; */
function controlStructure(text: string, commands: SimpleCommand[], tokens: Token[]): Finding | null {
  let opened: SimpleCommand | null = null;
  for (const c of commands) {
    if (c.lead === "keyword" && (c.leadText === "if" || c.leadText === "while" || c.leadText === "until")) {
      const first = c.words[commandWordIndex(c)];
      if (first && (CONDITION_WORDS.has(first.text) || resolveProgram(first.text, first.glob))) opened = c;
    } else if (c.lead === "keyword" && (c.leadText === "then" || c.leadText === "do") && opened)
      return { kind: "control", evidence: slice(text, opened.start - opened.leadText.length, c.endAt) };
    const w = c.words;
    // case WORD in … esac; and ksh's function NAME { … } (JavaScript's function needs its parentheses).
    if (w[0]?.text === "case" && w[2]?.text === "in" && w.length >= 4) {
      const rest = commands.slice(commands.indexOf(c) + 1);
      if (rest.some((r) => r.words[0]?.text === "esac"))
        return { kind: "control", evidence: slice(text, c.start, c.endAt) };
    }
    if (w[0]?.text === "function" && /^[a-z_][\w-]*$/.test(w[1]?.text ?? "") && w[2]?.text === "{" && w[3])
      return { kind: "control", evidence: slice(text, c.start, c.endAt) };
    if (w[0]?.text === "for" && w[2]?.text === "in" && /^[a-z_]\w*$/.test(w[1]!.text) && c.end !== "") {
      const rest = commands.slice(commands.indexOf(c) + 1);
      if (rest.some((r) => r.lead === "keyword" && r.leadText === "do"))
        return { kind: "control", evidence: slice(text, c.start, c.endAt) };
    }
  }
  // A function definition: name () { … } or () { … } (as in shellshock).
  for (let n = 0; n + 2 < tokens.length; n++) {
    const [a, b, c] = [tokens[n]!, tokens[n + 1]!, tokens[n + 2]!];
    // Only the anonymous form: a named one (main() { … }) is C, JavaScript and shell alike.
    const anonymous = n === 0 || /[=:'"]\s*$/.test(text.slice(Math.max(0, a.start - 4), a.start));
    if (
      anonymous &&
      a.kind === "op" &&
      a.op === "(" &&
      b.kind === "op" &&
      b.op === ")" &&
      c.kind === "word" &&
      c.text === "{"
    )
      return { kind: "control", evidence: slice(text, a.start, a.start + 40) };
    // A named one defined and then called as a command (f(){ id; };f): C and JavaScript never call so.
    const d = tokens[n + 3];
    if (
      a.kind === "word" &&
      /^[a-z_][\w-]{0,30}$/.test(a.text) &&
      b.kind === "op" &&
      b.op === "(" &&
      c.kind === "op" &&
      c.op === ")" &&
      d?.kind === "word" &&
      d.text === "{" &&
      calledLater(tokens, n + 4, a.text)
    )
      return { kind: "control", evidence: slice(text, a.start, a.start + 40) };
  }
  return null;
}

/**
 * The body runs a program, and after its closing } the name is called as a command: after ; && || |
 * or a line break, and not followed by "(" as a C or JavaScript call is.
 */
function calledLater(tokens: Token[], from: number, name: string): boolean {
  let closed = false;
  let runs = false;
  for (let n = from; n < tokens.length && n < from + 200; n++) {
    const t = tokens[n]!;
    if (t.kind !== "word") continue;
    if (t.text === "}") closed = true;
    else if (!closed && resolveProgram(t.text)) runs = true;
    else if (closed && t.text === name) {
      const [before, after] = [tokens[n - 1], tokens[n + 1]];
      const position = before?.kind === "op" && [";", "&&", "||", "|", "\n", "&"].includes(before.op);
      return runs && position && !(after?.kind === "op" && after.op === "(");
    }
  }
  return false;
}

/**
 * A value made only of expansions that nothing but a shell reads: directory-stack tildes (~+, ~-2),
 * history designators (!!, !-1!-2), $[…] arithmetic; or, anywhere, ${name#…} / ${name%…} parameter
 * operators and $((…)) arithmetic expansion (the probe that tells an attacker a shell evaluates).
 */
const SHELL_ONLY =
  /^\s*(?:~[+-]\d{0,3}|(?:!(?:!|-?\d{1,4})){1,5}|\$\[[^\]]{0,64}\])\s*$|\$\{[a-z_][a-z0-9_]{0,30}(?:##?|%%)[^}]{0,64}\}|\$\(\((?:[^()]|\(\)){0,64}\)\)/;

/** The first way `text` (decoded, lower-cased) runs a command of its own, or null. */
export function posixFinding(text: string): Finding | null {
  const only = SHELL_ONLY.exec(text.length > 4096 ? text.slice(0, 4096) : text);
  if (only) return { kind: "evasion", evidence: only[0].trim() };
  const contexts: Context[] = ["bare"];
  if (text.includes("'")) contexts.push("single");
  if (text.includes('"')) contexts.push("double");
  let leading: Finding | null = null;
  for (const context of contexts) {
    const tokens = lexPosix(text, context);
    const commands = simpleCommands(tokens, context);
    let script = true;
    for (const command of commands) {
      const found = judge(text, command, script);
      if (found?.kind === "leading") leading ??= found;
      else if (found) return found;
      const first = command.words[commandWordIndex(command)];
      script &&= command.lead === "keyword" || (first !== undefined && resolveProgram(first.text) !== null);
    }
    const control = controlStructure(text, commands, tokens);
    if (control) return control;
  }
  return leading;
}
