// Reads OWASP CRS regression tests (go-ftw YAML) from a folder, by path, in their own format:
// each test's request becomes an ECS event; expect_ids marks an attack of the folder's class,
// no_expect_ids a hard negative. The files are third-party data and are never copied here.
import fs from "node:fs";
import path from "node:path";
import { parse } from "yaml";
import { CRS_PARANOIA } from "./crs-paranoia.ts";

export interface CrsCase {
  ruleId: number;
  folder: string;
  testId: string;
  attack: boolean;
  /**
   * A no_expect_ids test of this rule where another rule is expected to fire: the input is an
   * attack of a sibling rule, not benign, so it is counted on its own row and never as a false positive.
   */
  sibling: boolean;
  paranoia: number | null;
  event: Record<string, unknown>;
}

interface Input {
  method?: string;
  /** go-ftw's protocol version, "HTTP/1.1"; a raw request without one is HTTP/0.9. */
  version?: string;
  uri?: string;
  headers?: Record<string, string>;
  data?: string | string[];
  encoded_request?: string;
}

/**
 * A raw request as a sensor that reports the request head as received would: the version from the
 * request line (none: HTTP/0.9), a header continued on the next line (obs-fold, RFC 9112 §5.2) kept
 * with its line break, a repeated header's values joined with ", " (RFC 9110 §5.3), names as sent.
 */
function fromRawRequest(encoded: string): Input {
  const raw = Buffer.from(encoded, "base64").toString("latin1");
  const [head = "", ...rest] = raw.split(/\r?\n\r?\n/);
  const [requestLine = "", ...headerLines] = head.split(/\r?\n/);
  const [method, uri, version] = requestLine.split(" ");
  const headers: Record<string, string> = {};
  let last: string | undefined;
  for (const line of headerLines) {
    if (last !== undefined && /^[ \t]/.test(line)) {
      headers[last] += `\r\n${line}`;
      continue;
    }
    const at = line.indexOf(":");
    if (at <= 0) continue;
    last = line.slice(0, at);
    const value = line.slice(at + 1).trim();
    headers[last] = last in headers ? `${headers[last]}, ${value}` : value;
  }
  return { method, uri, version: version ?? "HTTP/0.9", headers, data: rest.join("\n\n") };
}

function header(headers: Record<string, string> | undefined, name: string): string | undefined {
  if (!headers) return undefined;
  const key = Object.keys(headers).find((k) => k.toLowerCase() === name);
  return key ? String(headers[key]) : undefined;
}

export function crsEvent(input: Input): Record<string, unknown> {
  const req = input.encoded_request ? fromRawRequest(input.encoded_request) : input;
  const body = Array.isArray(req.data) ? req.data.join("\n") : req.data;
  const ua = header(req.headers, "user-agent");
  const referrer = header(req.headers, "referer");
  const cookie = header(req.headers, "cookie");
  // The site's own name, as a sensor reports it (ECS url.domain): rules about off-site URLs need it.
  const host = header(req.headers, "host")?.replace(/:\d+$/, "");
  // The headers ECS has fields of its own for; every other one is sent as a sensor reports it.
  const ROUTINE = new Set(["host", "user-agent", "referer", "cookie"]);
  const headers = Object.fromEntries(
    Object.entries(req.headers ?? {})
      .filter(([name]) => !ROUTINE.has(name.toLowerCase()))
      .map(([name, value]) => [name.toLowerCase(), String(value)]),
  );
  // ECS http.version is the number alone ("1.1"); what is not HTTP/x.y is passed on as sent.
  const version = req.version?.replace(/^HTTP\//i, "");
  return {
    url: { original: req.uri ?? "/", ...(host ? { domain: host } : {}) },
    http: {
      ...(version ? { version } : {}),
      request: {
        method: req.method ?? "GET",
        ...(body ? { body: { content: body } } : {}),
        ...(referrer ? { referrer } : {}),
        ...(cookie ? { cookie } : {}),
        ...(Object.keys(headers).length ? { headers } : {}),
      },
    },
    ...(ua ? { user_agent: { original: ua } } : {}),
  };
}

export function readCrs(dir: string): CrsCase[] {
  const cases: CrsCase[] = [];
  for (const folder of fs
    .readdirSync(dir)
    .filter((f) => f.startsWith("REQUEST-"))
    .sort()) {
    for (const file of fs
      .readdirSync(path.join(dir, folder))
      .filter((f) => /\.ya?ml$/.test(f))
      .sort()) {
      const doc = parse(fs.readFileSync(path.join(dir, folder, file), "utf8")) as {
        rule_id?: number;
        tests?: {
          test_id?: number | string;
          stages?: {
            input?: Input;
            output?: { log?: { expect_ids?: number[]; no_expect_ids?: number[] } };
            stage?: { input?: Input; output?: { log_contains?: string; no_log_contains?: string } };
          }[];
        }[];
      };
      const ruleId = doc.rule_id ?? Number(file.replace(/\D/g, ""));
      for (const test of doc.tests ?? []) {
        for (const stage of test.stages ?? []) {
          const input = stage.input ?? stage.stage?.input;
          if (!input) continue;
          const log = stage.output?.log;
          const attack = Boolean(
            log?.expect_ids?.includes(ruleId) || stage.stage?.output?.log_contains?.includes(String(ruleId)),
          );
          // A hard negative: the rule must not fire and no other rule is expected to either (a test
          // that only moves an attack to a sibling rule is not benign input: kept apart as `sibling`).
          const notThisRule = Boolean(
            log?.no_expect_ids?.includes(ruleId) || stage.stage?.output?.no_log_contains?.includes(String(ruleId)),
          );
          const sibling = !attack && notThisRule && Boolean(log?.expect_ids?.length);
          const negative = notThisRule && !log?.expect_ids?.length;
          if (!attack && !negative && !sibling) continue;
          cases.push({
            ruleId,
            folder,
            testId: `${ruleId}-${test.test_id ?? "?"}`,
            attack,
            sibling,
            paranoia: CRS_PARANOIA[ruleId] ?? null,
            event: crsEvent(input),
          });
        }
      }
    }
  }
  return withSiblingCopies(cases);
}

/**
 * A negative that is, request for request, an attack test of another rule (932230-39 sends what
 * 932238 expects to fire on) is that rule's attack, not benign input: it joins the sibling row.
 */
function withSiblingCopies(cases: CrsCase[]): CrsCase[] {
  const attacks = new Map<string, Set<number>>();
  for (const c of cases) {
    if (!c.attack) continue;
    const key = JSON.stringify(c.event);
    attacks.set(key, (attacks.get(key) ?? new Set()).add(c.ruleId));
  }
  return cases.map((c) => {
    if (c.attack || c.sibling) return c;
    const rules = attacks.get(JSON.stringify(c.event));
    return rules && [...rules].some((r) => r !== c.ruleId) ? { ...c, sibling: true } : c;
  });
}
