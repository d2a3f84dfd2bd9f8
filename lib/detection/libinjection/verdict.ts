// libinjection's verdict on a batch of values, through libddwaf (`@datadog/native-appsec`, the
// Datadog WAF's Node addon, Apache-2.0, prebuilt in the package). libinjection is the tokenizer +
// fingerprint SQLi/XSS analysis that ModSecurity's CRS (@detectSQLi/@detectXSS) and most WAFs use;
// its only maintained Node binding is this one. The WAF handle is built once per process or worker
// thread, on first use; each run gets a time budget (libddwaf stops there) and a run that hits it
// is counted and said so in the verdict. If the addon cannot load on a platform, the verdict is
// empty and `unavailable` says why: the engine goes on without this second opinion.
import { createRequire } from "node:module";
import { address, libinjectionRuleset, parseRuleId, SLOTS } from "./ruleset.ts";

type Appsec = typeof import("@datadog/native-appsec");
type Waf = InstanceType<Appsec["DDWAF"]>;

/**
 * Time budget of one WAF run (up to SLOTS windows of 4 KB), in microseconds: ~50 times what such a
 * run takes. libddwaf counts wall time, so a thread that the OS set aside mid-run (a busy 2-core
 * machine does) can overrun it on any input: a run that did is run once more before it is reported.
 */
export const RUN_BUDGET_US = 10_000;
/** libddwaf reads at most 4096 characters of a string: longer values are read in windows this long, overlapping. */
const WINDOW = 4096;
const STEP = 3072;
/** Windows per value (64 KB): a body is capped at 64 KB before it gets here. */
const MAX_WINDOWS = 21;

export interface LibinjectionVerdict {
  /** Indexes of the values libinjection reads as SQL injection, ascending. */
  sqli: number[];
  /** Indexes of the values libinjection reads as XSS, ascending. */
  xss: number[];
  /** libinjection's SQLi fingerprint (token classes, e.g. "s&sos") per flagged value. */
  fingerprints: Map<number, string>;
  /** A run hit its time budget: the values after that point in it were not all read. */
  timedOut: boolean;
  /** Set when the addon did not load or a run failed: the verdict is then empty or partial. */
  unavailable?: string;
}

export const stats = { runs: 0, timeouts: 0, failures: 0 };

let waf: Waf | null | undefined;
let loadError: string | undefined;
// One context serves many runs: the values go in as ephemeral data (read by that run only, and
// matched again by the next), and a context costs ~3 µs to make. It is renewed every RENEW runs,
// and after a timeout or a failure, so that nothing a context might keep grows without bound.
type Context = ReturnType<Waf["createContext"]>;
let context: Context | undefined;
let contextRuns = 0;
const RENEW = 10_000;

function dropContext() {
  try {
    context?.dispose();
  } catch {
    // A context that cannot be disposed is left to the garbage collector.
  }
  context = undefined;
}

/** The process's (or worker's) WAF handle, built on first use; null if the addon cannot load. */
function handle(): Waf | null {
  if (waf !== undefined) return waf;
  try {
    const { DDWAF } = createRequire(import.meta.url)("@datadog/native-appsec") as Appsec;
    const built = new DDWAF(libinjectionRuleset(), "securenet/libinjection");
    const rules = built.diagnostics.rules;
    if (!rules || "error" in rules || rules.failed.length > 0) {
      loadError = `ruleset not loaded: ${JSON.stringify(rules ?? null).slice(0, 200)}`;
      built.dispose();
      waf = null;
    } else waf = built;
  } catch (error) {
    loadError = `addon not loaded: ${error instanceof Error ? error.message : String(error)}`;
    waf = null;
  }
  return waf;
}

/** The ruleset's load report (libddwaf's diagnostics), for tests and start-up checks. */
export function libinjectionDiagnostics() {
  const h = handle();
  return h ? { loaded: true as const, diagnostics: h.diagnostics } : { loaded: false as const, error: loadError };
}

interface RuleEvent {
  rule?: { id?: string };
  rule_matches?: { parameters?: { highlight?: string[] }[] }[];
}

/** The values flagged as SQLi or XSS by libinjection: never throws, bounded by RUN_BUDGET_US per SLOTS windows. */
export function libinjectionVerdict(
  values: readonly string[],
  options: { budgetUs?: number } = {},
): LibinjectionVerdict {
  const budget = options.budgetUs ?? RUN_BUDGET_US;
  const verdict: LibinjectionVerdict = { sqli: [], xss: [], fingerprints: new Map(), timedOut: false };
  const h = handle();
  if (!h) {
    verdict.unavailable = loadError;
    return verdict;
  }
  // Each slot of a run holds one window of one value; `owner[slot]` is the value's index.
  const sqli = new Set<number>();
  const xss = new Set<number>();
  let data: Record<string, string> = {};
  let owner: number[] = [];
  const flush = () => {
    if (owner.length === 0) return;
    runOnce(h, data, owner, sqli, xss, verdict, budget);
    data = {};
    owner = [];
  };
  for (let index = 0; index < values.length; index++) {
    const value = values[index];
    if (typeof value !== "string" || value.length === 0) continue;
    for (let w = 0, at = 0; w < MAX_WINDOWS && at < value.length; w++, at += STEP) {
      data[address(owner.length)] = at === 0 && value.length <= WINDOW ? value : value.slice(at, at + WINDOW);
      owner.push(index);
      if (owner.length === SLOTS) flush();
      if (at + WINDOW >= value.length) break;
    }
  }
  flush();
  verdict.sqli = [...sqli].sort((a, b) => a - b);
  verdict.xss = [...xss].sort((a, b) => a - b);
  return verdict;
}

function runOnce(
  h: Waf,
  data: Record<string, string>,
  owner: number[],
  sqli: Set<number>,
  xss: Set<number>,
  verdict: LibinjectionVerdict,
  budget: number,
) {
  try {
    if (!context || contextRuns >= RENEW) {
      dropContext();
      context = h.createContext();
      contextRuns = 0;
    }
    contextRuns++;
    let result = context.run({ ephemeral: data }, budget);
    stats.runs++;
    if (result.timeout) {
      dropContext();
      context = h.createContext();
      result = context.run({ ephemeral: data }, budget);
      stats.runs++;
    }
    if (result.timeout) {
      stats.timeouts++;
      verdict.timedOut = true;
      dropContext();
    }
    for (const event of (result.events ?? []) as RuleEvent[]) {
      const rule = parseRuleId(event.rule?.id ?? "");
      const index = rule ? owner[rule.slot] : undefined;
      if (!rule || index === undefined) continue;
      if (rule.kind === "xss") xss.add(index);
      else {
        sqli.add(index);
        const fingerprint = event.rule_matches?.[0]?.parameters?.[0]?.highlight?.[0];
        if (fingerprint && !verdict.fingerprints.has(index)) verdict.fingerprints.set(index, fingerprint);
      }
    }
  } catch (error) {
    stats.failures++;
    verdict.unavailable = `run failed: ${error instanceof Error ? error.message : String(error)}`;
    dropContext();
  }
}
