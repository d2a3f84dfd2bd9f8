// POSTs a webhook where the address policy allows it. The host name is resolved once, every
// address it resolves to is checked, and the socket connects to the checked address (the check is
// the connection's own lookup), so DNS rebinding between check and connect cannot reach an
// internal address. Redirects are not followed. A failure below HTTP (refused, reset, timed out,
// TLS, unresolvable) gets one message, so "Send test" cannot be used to scan ports.
import dns from "node:dns";
import http from "node:http";
import https from "node:https";
import type { LookupFunction } from "node:net";
import { addressProblem, literalAddress, parseAddress, type WebhookAllowList } from "./address-policy.ts";

export const WEBHOOK_TIMEOUT_MS = 5_000;
const MAX_RESPONSE_BYTES = 64 * 1024;

export const NO_HTTP_ANSWER =
  "no HTTP answer from the destination (it could not be reached, or did not answer in time)";

export interface WebhookResult {
  ok: boolean;
  /** The HTTP status, only when a response came back from an allowed destination. */
  status: number | null;
  error: string | null;
}

export interface WebhookOptions {
  allow: WebhookAllowList;
  timeoutMs?: number;
  /** dns.lookup's shape; tests pass their own resolver. */
  resolve?: (
    hostname: string,
    callback: (error: Error | null, addresses: { address: string; family: number }[]) => void,
  ) => void;
  /** Answer a failure only when the timeout has passed, so its timing says nothing either ("Send test"). */
  slowFailures?: boolean;
}

class RefusedDestination extends Error {}

const systemResolve: NonNullable<WebhookOptions["resolve"]> = (hostname, callback) =>
  dns.lookup(hostname, { all: true, verbatim: true }, (error, addresses) => callback(error, addresses ?? []));

/** A connection lookup that refuses the host when any of its addresses is not allowed. */
function checkedLookup(hostname: string, options: WebhookOptions): LookupFunction {
  return (_name, lookupOptions, callback) => {
    (options.resolve ?? systemResolve)(hostname, (error, addresses) => {
      if (error) return callback(error, "", 0);
      const problems = addresses.map((a) => {
        const parsed = parseAddress(a.address);
        return parsed ? addressProblem(parsed, hostname, options.allow) : "an unreadable address";
      });
      const problem = addresses.length === 0 ? "no address" : problems.find((p) => p !== null);
      if (problem) return callback(new RefusedDestination(`refused: the destination ${problem}`), "", 0);
      if ((lookupOptions as { all?: boolean }).all)
        return (callback as unknown as (e: null, a: typeof addresses) => void)(null, addresses);
      callback(null, addresses[0]!.address, addresses[0]!.family);
    });
  };
}

function post(url: URL, payload: string, options: WebhookOptions, timeoutMs: number): Promise<WebhookResult> {
  const literal = literalAddress(url.hostname);
  const hostname = literal ? url.hostname.replace(/^\[|\]$/g, "") : url.hostname;
  if (literal) {
    const problem = addressProblem(literal, url.hostname, options.allow);
    if (problem) return Promise.resolve({ ok: false, status: null, error: `refused: the destination ${problem}` });
  }
  const client = url.protocol === "https:" ? https : http;
  const auth =
    url.username || url.password
      ? `${decodeURIComponent(url.username)}:${decodeURIComponent(url.password)}`
      : undefined;
  return new Promise((resolve) => {
    const request = client.request({
      protocol: url.protocol,
      hostname,
      port: url.port || undefined,
      path: `${url.pathname}${url.search}`,
      method: "POST",
      auth,
      agent: false,
      headers: {
        "content-type": "application/json",
        "content-length": Buffer.byteLength(payload),
        "user-agent": "SecureNet-Webhook/1",
      },
      ...(literal ? {} : { lookup: checkedLookup(url.hostname, options) }),
    });
    const timer = setTimeout(() => request.destroy(new Error("timed out")), timeoutMs);
    request.on("response", (response) => {
      const status = response.statusCode ?? 0;
      let read = 0;
      response.on("data", (chunk: Buffer) => {
        read += chunk.length;
        if (read > MAX_RESPONSE_BYTES) response.destroy();
      });
      response.on("close", () => clearTimeout(timer));
      response.on("error", () => undefined);
      const redirect = status >= 300 && status < 400 ? " (redirects are not followed)" : "";
      resolve({ ok: status >= 200 && status < 300, status, error: status >= 300 ? `HTTP ${status}${redirect}` : null });
    });
    request.on("error", (error) => {
      clearTimeout(timer);
      resolve({ ok: false, status: null, error: error instanceof RefusedDestination ? error.message : NO_HTTP_ANSWER });
    });
    request.end(payload);
  });
}

/** POSTs `body` as JSON to `url` under the address policy; never throws, and never echoes the URL. */
export async function postWebhook(url: string, body: unknown, options: WebhookOptions): Promise<WebhookResult> {
  const timeoutMs = options.timeoutMs ?? WEBHOOK_TIMEOUT_MS;
  const started = Date.now();
  let result: WebhookResult;
  try {
    result = await post(new URL(url), JSON.stringify(body), options, timeoutMs);
  } catch {
    result = { ok: false, status: null, error: NO_HTTP_ANSWER };
  }
  if (options.slowFailures && result.status === null)
    await new Promise((resolve) => setTimeout(resolve, Math.max(0, started + timeoutMs - Date.now())));
  return result;
}
