// Web-attack payload detectors over an event's attacker-controlled inputs (URL path and
// parameters, body fields, user agent, referrer, cookies), after decoding. Each detection has an
// id, CRS points, an ATT&CK technique and the decoded evidence. The detectors are ours, measured
// with `npm run eval`, plus libinjection's SQLi/XSS analysis through libddwaf as a second opinion
// (../libinjection).
import type { NormalizedEvent } from "@/lib/detection/event.ts";
import type { Detection, DetectorErrorSink } from "../types.ts";
import { sqlView } from "./decode.ts";
import { inputsOf, type Input } from "./inputs.ts";
import { LANGUAGE_DETECTORS } from "../grammar/languages.ts";
import { CODE_INJECTION } from "./code.ts";
import { COMMAND_INJECTION } from "./command.ts";
import { SHELL_GRAMMAR } from "../grammar/shell/detectors.ts";
import { JAVA } from "./java.ts";
import { LIBINJECTION } from "../libinjection/detector.ts";
import { JAVA_PARANOID } from "./java-paranoid.ts";
import { PHP } from "./php.ts";
import { PATH_GRAMMAR } from "../grammar/path/detectors.ts";
import { URL_GRAMMAR } from "../grammar/url/detectors.ts";
import { PROTOCOL } from "./protocol.ts";
import { SESSION_FIXATION } from "./session.ts";
import { SHELL_PARANOID } from "./shell-paranoid.ts";
import { SQL_GRAMMAR } from "../grammar/sql/detectors.ts";
import { SQLI } from "./sqli.ts";
import { SQLI_PARANOID } from "./sqli-paranoid.ts";
import { TRAVERSAL } from "./traversal.ts";
import type { PayloadDetector } from "./types.ts";
import { UNINSPECTED_INPUT } from "./uninspected.ts";
import { WEB_ATTACKS } from "./web-attacks.ts";
import { WIDE_PARANOID } from "./wide-paranoid.ts";
import { XSS } from "./xss.ts";
import { HTML_GRAMMAR } from "@/lib/detection/grammar/html/detectors.ts";
import { isPlainRequestHeader } from "@/lib/detection/grammar/http/request-headers.ts";
import { isClientName } from "@/lib/detection/grammar/http/user-agent.ts";

export type { PayloadDetector };
export const PAYLOAD_DETECTORS: readonly PayloadDetector[] = [
  ...SQL_GRAMMAR,
  ...SQLI,
  ...HTML_GRAMMAR,
  ...XSS,
  ...PATH_GRAMMAR,
  ...URL_GRAMMAR,
  ...TRAVERSAL,
  ...SHELL_GRAMMAR,
  ...COMMAND_INJECTION,
  ...PHP,
  ...JAVA,
  ...CODE_INJECTION,
  ...PROTOCOL,
  ...SESSION_FIXATION,
  ...WEB_ATTACKS,
  ...SQLI_PARANOID,
  ...JAVA_PARANOID,
  ...WIDE_PARANOID,
  ...SHELL_PARANOID,
  ...LANGUAGE_DETECTORS,
  ...LIBINJECTION,
  ...UNINSPECTED_INPUT,
];

/** Cheap pre-check: plain words, numbers and simple paths cannot carry any of these attacks. */
const INTERESTING =
  /[^a-z0-9 _\-.,/:@]|\.\.|\/(?:etc|proc|bin|dev|var|windows|usr|sys|run)\b|\bs?bin\/|\b(?:union|select|sleep|or|and|order|group|having|waitfor|xp_\w+|sp_\w+|utl_\w+|dbms_\w+|openrowset|opendatasource|jndi|java|class|cmd|powershell|php|script|on\w+|exec|\w*_schema|pg_\w+|sys\w+|msys\w+|sqlite_\w+|sys\.\w+|tempdb|msdb|northwind|mysql)\b|\d\.e\b|@@\w|\bdeclare\s+[@#]|\b(?:alter|create|drop|truncate|rename)\s+(?:table|database|user|view|procedure|function|schema|index)\b|\.(?:ssh|docker|aws|git|env|kube)\b|\/\.[a-z]|\b(?:https?|gopher|dict|ftp|ldap|tftp):(?!\/\/)|\.(?:log|sql|bak|zip|tar|gz|tgz|7z|rar)$|error_log|0x(?:2e|2f|5c)|\/@(?:fs|id)\/|:\/\/|\d{10}|\de-\d|\w::[a-z]|\b(?:org|com|sun|javax?|ognl|bsh|clojure)\.[a-z]|\b(?:localhost|loopback)|\.(?:internal|local|me)\b|\b(?:nip|sslip)\.io\b|\b(?:constructor|process|require|module)\b|__|sessid|sessionid|\baa-[a-z]|[_.]session|cfid|cftoken|connect\.sid|\.\s*cookie\b|script:|\b(?:inner|outer)html\b|\bdocument\s*\.\s*(?:write|domain|location)|\b(?:sh|bash|zsh|ksh|whoami|ifconfig|ipconfig|uname|wget|curl|ls|cd|nohup|strace|ltrace|sudo)\b|^\s*(?:time\s|[a-z][\w.+-]{0,30}\s+-{1,2}[a-z])|^\s*\/\/|\.(?:ini|config|conf|cnf|htpasswd|asax?)\b|_log\b|\/logs?\/|\bdata:|\b(?:convert|string|zlib)\.[a-z]|\bid_(?:rsa|dsa|ecdsa|ed25519)\b|^[a-z][a-z0-9+.-]{0,15}:[/\\]|\s\/[a-z?]{1,12}(?:\s|$)/;

/**
 * Detectors that read a client's user agent without naming the field: shell and Java ones (agents
 * are logged through shells and Java apps), and SQL ones when the agent holds a quote, a comment, a
 * cast or a statement keyword, which browsers' agents never do (it keeps their cost off ordinary
 * traffic). The rest would misread browsers' agents. An agent that is no client's name by the
 * User-Agent grammar (grammar/http/user-agent.ts) is read as any other header is, by every detector.
 */
const AGENT_SQL_HINT =
  /['"`\\]|--|\/\*|::|\b(?:select|union|insert|update|delete|drop|sleep|benchmark|waitfor|exec|declare|having|where)\b/;
const readsAgent = (category: string, looksSql: boolean) =>
  category === "java_injection" || category === "command_injection" || (category === "sqli" && looksSql);

const shorten = (text: string) => (text.length > 120 ? `${text.slice(0, 117)}…` : text);

const DETECTORS_BY_LEVEL = new Map(
  ([1, 2, 3, 4] as const).map((level) => [level, PAYLOAD_DETECTORS.filter((d) => d.paranoia <= level)]),
);

const AGENT = "user_agent.original";
const HEADERS = "http.request.headers";
/** Method and version: read only by the detectors that name them (grammar/http/framing.ts). */
const REQUEST_LINE = new Set(["http.request.method", "http.version"]);
/** Inputs read at paranoia level 1 even when they look plain: the user agent, headers, the request line. */
const ALWAYS_READ = new Set([AGENT, HEADERS, ...REQUEST_LINE]);

/** How the user agent is read (for other inputs: as they are). */
interface AgentReading {
  looksSql: boolean;
  clientName: boolean;
}
const NOT_AGENT: AgentReading = { looksSql: false, clientName: false };
const readingOf = (input: Input): AgentReading =>
  input.field === AGENT
    ? { looksSql: AGENT_SQL_HINT.test(input.decoded), clientName: isClientName(input.raw) }
    : NOT_AGENT;

/** What one detector finds in one input, or null (also when it does not read that input). Throws what the detector throws. */
function evidenceOf(
  detector: PayloadDetector,
  input: Input,
  sql: string,
  agent: AgentReading,
  event: NormalizedEvent,
): string | null {
  if (input.field === AGENT && !agent.clientName) {
    if (detector.fields && !detector.fields.includes(AGENT) && !detector.fields.includes(HEADERS)) return null;
    return detector.match(input, sql, event);
  }
  if (detector.fields ? !detector.fields.includes(input.field) : REQUEST_LINE.has(input.field)) return null;
  if (input.field === AGENT && !detector.fields && !readsAgent(detector.category, agent.looksSql)) return null;
  return detector.match(input, sql, event);
}

// A few user agents send most requests, and every detector that reads agents reads the whole
// string (they are long): inputsOf hands out one Input per agent, and the verdicts on it are
// worked out once per level and kept with it. Only detectors that weigh the rest of the event run
// again, on every event.

/**
 * The detectors to look at, in order: those that fired (with their evidence), those that read the
 * event (evidence null: run on each event), and those that threw (kept, so that every event with
 * this agent reports the error, not only the first).
 */
type AgentVerdicts = { index: number; evidence: string | null; error?: unknown }[];

const agentVerdicts = new WeakMap<Input, AgentVerdicts[]>();

function agentEvidence(
  level: number,
  detectors: readonly PayloadDetector[],
  input: Input,
  event: NormalizedEvent,
): AgentVerdicts | null {
  if (input.field !== AGENT || input.part !== "") return null;
  let byLevel = agentVerdicts.get(input);
  if (!byLevel) agentVerdicts.set(input, (byLevel = []));
  let verdicts = byLevel[level];
  if (!verdicts) {
    const sql = sqlView(input.decoded);
    const agent = readingOf(input);
    verdicts = [];
    for (let index = 0; index < detectors.length; index++) {
      const detector = detectors[index]!;
      if (detector.readsEvent) {
        verdicts.push({ index, evidence: null });
        continue;
      }
      try {
        const evidence = evidenceOf(detector, input, sql, agent, event);
        if (evidence !== null) verdicts.push({ index, evidence });
      } catch (error) {
        verdicts.push({ index, evidence: null, error });
      }
    }
    byLevel[level] = verdicts;
  }
  return verdicts;
}

/** Per detector id, the time its calls took and how many there were (`npm run bench -- detection`). */
export type DetectorTiming = Map<string, { ms: number; calls: number }>;

/** `onDetectorError` hears of each detector that threw on the event, once per detector; `timing`, when given, adds each call's time. */
export function detectPayloads(
  event: NormalizedEvent,
  options: { paranoia?: 1 | 2 | 3 | 4; onDetectorError?: DetectorErrorSink; timing?: DetectorTiming } = {},
): Detection[] {
  const timing = options.timing;
  const paranoia = options.paranoia ?? 1;
  const detectors = DETECTORS_BY_LEVEL.get(paranoia)!;
  const found = new Map<string, Detection>();
  let failed: Set<string> | undefined;
  const report = (detector: PayloadDetector, error: unknown) => {
    if (failed?.has(detector.id)) return;
    (failed ??= new Set()).add(detector.id);
    options.onDetectorError?.({ detector: detector.id, error });
  };
  for (const input of inputsOf(event)) {
    // The user agent and other headers are few and odd-shaped: always read. Above paranoia level 1
    // every input is read: the weaker signals there include plain words ("is null").
    if (paranoia === 1 && !ALWAYS_READ.has(input.field) && !INTERESTING.test(input.decoded)) continue;
    // "Accept: */*" and its kind: a value of a closed grammar carries no payload (grammar/http/request-headers.ts).
    if (input.field === HEADERS && isPlainRequestHeader(input.part, input.raw)) continue;
    const cached = agentEvidence(paranoia, detectors, input, event);
    let sql: string | undefined;
    let agent: AgentReading | undefined;
    const count = cached ? cached.length : detectors.length;
    for (let n = 0; n < count; n++) {
      const detector = detectors[cached ? cached[n]!.index : n]!;
      if (found.has(detector.id)) continue;
      let evidence: string | null;
      if (cached && !detector.readsEvent) {
        const verdict = cached[n]!;
        if (Object.hasOwn(verdict, "error")) report(detector, verdict.error);
        evidence = verdict.evidence;
      } else {
        sql ??= sqlView(input.decoded);
        agent ??= readingOf(input);
        const started = timing ? performance.now() : 0;
        try {
          evidence = evidenceOf(detector, input, sql, agent, event);
        } catch (error) {
          report(detector, error);
          evidence = null;
        }
        if (timing) {
          const spent = timing.get(detector.id) ?? { ms: 0, calls: 0 };
          timing.set(detector.id, { ms: spent.ms + performance.now() - started, calls: spent.calls + 1 });
        }
      }
      if (evidence === null) continue;
      found.set(detector.id, {
        id: detector.id,
        category: detector.category,
        title: detector.title,
        points: detector.points,
        technique: detector.technique,
        field: input.field,
        reason: `${input.part && input.part !== "path" ? `parameter "${shorten(input.part.replace(/#name$/, ""))}"` : input.field === "url.original" ? "URL path" : input.field} contains ${JSON.stringify(shorten(evidence))}`,
      });
    }
  }
  return [...found.values()];
}
