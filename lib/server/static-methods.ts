// Methods other than GET and HEAD on Next's build output (/_next/static/…), answered before Next:
// Next renders its /405 page for them, which an App Router build does not have, so it answered
// 500. OPTIONS gets 204 with Allow; anything else 405 with Allow.
import type { IncomingMessage, ServerResponse } from "node:http";

const STATIC_PREFIX = "/_next/static/";
const ALLOW = "GET, HEAD, OPTIONS";

/** Answers and returns true when `req` is a non-GET/HEAD request for a static file; false leaves it to Next. */
export function answerStaticMethod(req: IncomingMessage, res: ServerResponse): boolean {
  if (req.method === "GET" || req.method === "HEAD") return false;
  if (!(req.url ?? "/").startsWith(STATIC_PREFIX)) return false;
  res.statusCode = req.method === "OPTIONS" ? 204 : 405;
  res.setHeader("Allow", ALLOW);
  res.setHeader("X-Content-Type-Options", "nosniff");
  // A body sent along is not read; closing the connection keeps it from being taken for the next request.
  if (res.statusCode === 405) res.setHeader("Connection", "close");
  res.end();
  return true;
}
