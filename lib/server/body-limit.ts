// A body announced (Content-Length) larger than any route accepts is refused before Next sees the
// request: Next would otherwise wait for the whole upload (it buffers bodies it hands to the
// proxy) before a route could answer. Bodies without a length are capped by each route as they
// stream (lib/http/read-body.ts, lib/pipeline/read-body.ts).
import type { IncomingMessage, ServerResponse } from "node:http";
import { AppError, toProblem } from "@/lib/http/errors.ts";

/** Answers 413 and returns true when `req` announces more than `limit` bytes; false leaves it to Next. */
export function refuseOversizedBody(req: IncomingMessage, res: ServerResponse, limit: number): boolean {
  const declared = req.headers["content-length"];
  if (declared === undefined || !/^\d+$/.test(declared) || Number(declared) <= limit) return false;
  const { problem } = toProblem(new AppError("payload_too_large", `The request body is larger than ${limit} bytes.`));
  res.statusCode = 413;
  res.setHeader("content-type", "application/problem+json");
  // The rest of the body is not read; closing keeps it from being taken for a next request.
  res.setHeader("connection", "close");
  res.end(JSON.stringify(problem));
  return true;
}
