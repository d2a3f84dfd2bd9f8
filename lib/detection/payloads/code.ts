// Server-side code injection outside PHP and Java: Node.js (deserialisation markers, reaching the
// process or child_process, constructor chains, loops that hang the event loop; prototype
// pollution is read as a key path in lib/detection/grammar/prototype/), Ruby and Python process APIs. The contract's category
// list has no separate class for these, so they report as "other" with a precise title.
import { BODYLESS, WEB, type PayloadDetector } from "./types.ts";

const NODE =
  /_\$\$nd_func\$\$_|\bconstructor\s*(?:\.\s*constructor\b|\[\s*['"`]constructor)|\bprocess\s*(?:\.\s*(?:env|mainmodule|binding|dlopen|kill|exit|umask|chdir)\b|\[\s*['"`]?[\w.]{1,30}['"`]?\s*[\]\[.])|\bchild_process\b|\brequire\s*\(\s*['"`](?:child_process|fs|net|vm|os|worker_threads)['"`]|\bconsole\s*\.\s*(?:log|info|warn|error|debug|dir)\s*(?:\(|\.\s*(?:call|apply)\b)|\bglobal(?:this)?\s*\.\s*process\b|\b(?:process|require|module|console|global(?:this)?)\s*\[\s*['"`]?[a-z_]|\brequire\s*\.\s*(?:main|cache)\b|\bmodule\s*\.\s*(?:exports\s*=|constructor\b|require\b)|\$\d+:[\w$]+:(?:prototype|constructor|__proto__)\b/;
/** A loop that never ends: while(x) or for(;;) as the whole value, x truthy after its "!"s. */
const LOOP =
  /^\s*while\s*\(+\s*(?:(!+)\s*)?(?:[+-]\s*)?(\d+|""|''|undefined|null|nan|false|true|infinity|this|\[\]|\{\}|new\s+date|string|object|array)\s*\)+\s*(?:(?:;|\{\s*\})\s*)?$|^\s*for\s*\(\s*;\s*;\s*\)\s*(?:(?:;|\{\s*\})\s*)?$/;
const FALSY = /^(?:0+|""|''|undefined|null|nan|false)$/;
function endlessLoop(text: string): string | null {
  const m = LOOP.exec(text);
  if (!m) return null;
  if (m[2] === undefined) return m[0].trim();
  return ((m[1] ?? "").length % 2 === 1) === FALSY.test(m[2]) ? m[0].trim() : null;
}
const RUBY_PYTHON =
  /\b(?:process\.spawn|kernel\s*\.\s*(?:exec|system|spawn|open)|io\s*\.\s*popen|open3\s*\.\s*\w+|__import__\s*\(\s*['"](?:os|subprocess|pty|socket)|subprocess\s*\.\s*(?:popen|call|run|check_output)|os\s*\.\s*(?:system|popen|exec[lv]p?e?)\s*\()\s*\(?/;

export const CODE_INJECTION: PayloadDetector[] = [
  {
    id: "sn-node-injection",
    title: "Node.js injection: process, child_process, constructor chain or prototype pollution",
    category: "other",
    points: 5,
    technique: "T1059.007",
    paranoia: 1,
    fields: BODYLESS,
    match: (i) => NODE.exec(i.decoded)?.[0] ?? null,
  },
  {
    id: "sn-node-hang",
    title: "Node.js injection: a loop that never ends",
    category: "other",
    points: 4,
    technique: "T1499.004",
    paranoia: 1,
    fields: BODYLESS,
    match: (i) => endlessLoop(i.decoded),
  },
  {
    id: "sn-ruby-python-process",
    title: "Ruby or Python injection: process API",
    category: "other",
    points: 5,
    technique: WEB,
    paranoia: 1,
    fields: BODYLESS,
    match: (i) => RUBY_PYTHON.exec(i.decoded)?.[0] ?? null,
  },
];
