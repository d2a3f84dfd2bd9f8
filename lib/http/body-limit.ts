// For handlers not built with route() (next-auth's endpoints): the body is read with a byte limit
// first and a fresh request holding those bytes is handed on, so the library never reads an
// unbounded stream itself.
import { randomUUID } from "node:crypto";
import { NextRequest } from "next/server";
import { readBodyBytes } from "./read-body.ts";
import { problemResponse } from "./route.ts";

export function withBodyLimit<C>(
  limit: number,
  handler: (request: NextRequest, context: C) => Promise<Response> | Response,
) {
  return async (request: Request, context: C): Promise<Response> => {
    if (!request.body) return handler(request instanceof NextRequest ? request : new NextRequest(request), context);
    let body: Uint8Array;
    try {
      body = await readBodyBytes(request, limit);
    } catch (error) {
      return problemResponse(error, request.headers.get("x-request-id") ?? randomUUID());
    }
    const headers = new Headers(request.headers);
    headers.delete("content-length");
    headers.delete("transfer-encoding");
    return handler(new NextRequest(request.url, { method: request.method, headers, body: body as BodyInit }), context);
  };
}
