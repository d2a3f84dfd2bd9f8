// Server-side template injection (OWASP WSTG-INPV-18, CAPEC-242): a value that reaches a
// template engine carries an expression with code in it. The delimiters say which engine reads it
// (delimiters.ts), the tokens inside say whether it is code (expression.ts). Braces, names and
// placeholders ({{name}}, ${HOME}, {"a":1}) are data and do not fire; calls, introspection
// chains, engine globals and literal arithmetic probes do (paranoia 1); attribute chains and
// statements without code are weak signals (paranoia 2).
import { BODYLESS, WEB, type PayloadDetector } from "../../payloads/types.ts";
import { sites, type Site } from "./delimiters.ts";
import { judge, tokenize, type Verdict } from "./expression.ts";

/** Template statements that pull code in: Tornado/Mako {% import os %}, <% import os %>, Jinja {% include %}. */
const LOADS = new Set(["import", "from", "include", "extends", "module"]);
/** Statement keywords of the engines ({% if %}, <#assign>, #set): template code, without a call a weak signal. */
const STATEMENTS = new Set([
  "set",
  "for",
  "if",
  "macro",
  "call",
  "with",
  "block",
  "raw",
  "print",
  "debug",
  "filter",
  "autoescape",
  "assign",
  "global",
  "local",
  "list",
  "attempt",
  "setting",
  "function",
  "foreach",
  "evaluate",
  "define",
  "parse",
  "each",
  "unless",
]);
/** PHP functions a Smarty tag may call that run code or touch files; other {name(…)} are JavaScript blocks as often as Smarty. */
const SMARTY_RISKY = new Set([
  "system",
  "exec",
  "passthru",
  "shell_exec",
  "popen",
  "proc_open",
  "eval",
  "assert",
  "phpinfo",
  "readfile",
  "file_get_contents",
  "file_put_contents",
  "fopen",
  "fwrite",
  "unlink",
  "include",
  "require",
]);
/** Velocity references that reach reflection or the runtime: $class.inspect(…), $x.getClass().forName(…). */
const VELOCITY_REACH = new Set([
  "class",
  "getclass",
  "forname",
  "getruntime",
  "inspect",
  "classloader",
  "getmethod",
  "invoke",
  "newinstance",
  "exec",
]);

function judgeSite(site: Site): Verdict {
  const tokens = tokenize(site.inner);
  // Perl's @{[ … ]} has no other use than evaluating the expression inside.
  if (site.engine === "perl") return tokens.length ? { code: "strong", why: "perl interpolation" } : null;
  if (site.engine === "smarty") {
    const first = tokens[0];
    if (!first) return null;
    if (
      first.text === "php" ||
      first.text === "$smarty" ||
      tokens.some((t, k) => t.text === ":" && tokens[k + 1]?.text === ":")
    )
      return { code: "strong", why: "smarty tag" };
    const callee = tokens.find((t, k) => t.kind === "id" && tokens[k + 1]?.text === "(");
    return callee && SMARTY_RISKY.has(callee.text) ? { code: "strong", why: "call" } : null;
  }
  const verdict = judge(tokens);
  if (verdict?.code === "strong" || !site.statement) return verdict;
  const head = tokens[0]?.text === "#" || tokens[0]?.text === "/" ? tokens[1] : tokens[0];
  if (head?.kind === "id" && LOADS.has(head.text) && tokens.length > 1) return { code: "strong", why: "import" };
  if (head?.kind === "id" && STATEMENTS.has(head.text)) return { code: "weak", why: "statement" };
  if (site.engine === "erb/jsp/asp/mako" && tokens.length > 0) return { code: "weak", why: "code block" };
  return verdict;
}

/** Handlebars block helpers ({{#with}}, {{#each}}) and lookups are weak alone; with a constructor chain judge() already said strong. */
const handlebarsBlock = (site: Site) => site.engine.includes("handlebars") && /^\s*[#/]\s*[a-z]/.test(site.inner);

/** Velocity $ref.method(…) outside any delimiter: strong when the chain reaches reflection, else weak. */
function velocityReference(text: string): { verdict: Verdict; evidence: string } | null {
  if (!text.includes("$")) return null;
  for (const m of text.matchAll(/\$!?\{?([a-z_][\w]{0,40}(?:\.[a-z_][\w]{0,40}){1,8})\s*\(/g)) {
    const names = m[1]!.split(".");
    if (names.some((n) => VELOCITY_REACH.has(n)))
      return { verdict: { code: "strong", why: "reflection" }, evidence: m[0] };
    return { verdict: { code: "weak", why: "method call" }, evidence: m[0] };
  }
  return null;
}

const PREFILTER = /[{<#$@]/;

/** The keyword a statement site opens with ("if" for {% if x %}, "endif" for {% endif %}), or "". */
function statementHead(site: Site): string {
  if (!site.statement && !site.engine.includes("handlebars")) return "";
  const tokens = tokenize(site.inner);
  const slash = tokens[0]?.text === "/" || tokens[0]?.text === "#";
  const head = slash ? tokens[1] : tokens[0];
  return head?.kind === "id" ? (tokens[0]?.text === "/" ? `end${head.text}` : head.text) : "";
}

/**
 * A block statement and its end tag ({% if 1 %}…{% endif %}, <% if x %>…<% end %>,
 * {{#if x}}…{{/if}}, <#if x>…</#if> read as "/if"): a whole template construct, which the
 * engine evaluates and plain text never forms.
 */
function pairedBlock(found: readonly Site[]): string | null {
  const open: string[] = [];
  for (const site of found) {
    const head = statementHead(site);
    if (!head) continue;
    if (head.startsWith("end")) {
      const name = head.slice(3);
      if (open.some((o) => o === name || name === "")) return site.evidence;
    } else if (STATEMENTS.has(head)) open.push(head);
  }
  return null;
}

/** The first template expression in the value with code of the given strength, as evidence. */
export function templateCode(text: string, strength: "strong" | "weak"): string | null {
  if (!PREFILTER.test(text)) return null;
  const found = sites(text);
  if (strength === "strong") {
    const block = pairedBlock(found);
    if (block) return block;
  }
  for (const site of found) {
    const verdict = judgeSite(site);
    if (verdict?.code === strength) return site.evidence;
    if (strength === "weak" && !verdict && handlebarsBlock(site)) return site.evidence;
  }
  const velocity = velocityReference(text);
  return velocity && velocity.verdict?.code === strength ? velocity.evidence : null;
}

export const TEMPLATE_INJECTION: PayloadDetector[] = [
  {
    // The id of the regex detector this replaces (java.ts), whose meaning this keeps.
    id: "sn-java-template",
    title: "Template injection: code inside a template expression (call, introspection chain, probe)",
    category: "template_injection",
    points: 5,
    technique: WEB,
    paranoia: 1,
    fields: BODYLESS,
    match: (i) => templateCode(i.decoded, "strong"),
  },
  {
    id: "sn-template-expression",
    title: "Template injection: template statement or attribute chain in a value",
    category: "template_injection",
    points: 3,
    technique: WEB,
    paranoia: 2,
    fields: BODYLESS,
    match: (i) => templateCode(i.decoded, "weak"),
  },
];
