import { beforeAll, describe, expect, it } from "vitest";
import { z } from "zod";
import { useTestEnv } from "@/lib/testing/env.ts";
import { MB, lazyBody } from "@/lib/testing/huge-body.ts";
import { withBodyLimit } from "./body-limit.ts";
import { route } from "./route.ts";

const LIMIT = 64 * 1024;
const CHUNK = 16 * 1024;

const echo = route({ public: true, body: z.object({ note: z.string() }) }, async ({ body }) => ({ note: body.note }));

function post(body: ReadableStream<Uint8Array> | string, headers: Record<string, string> = {}) {
  return new Request("http://localhost/api/v1/echo", {
    method: "POST",
    headers: { "content-type": "application/json", ...headers },
    body,
    duplex: "half",
  } as RequestInit);
}

describe("JSON bodies are read with a streaming limit", () => {
  beforeAll(() => useTestEnv());

  it("answers 413 to an unannounced 300 MB body after reading little more than the limit", async () => {
    const body = lazyBody(300 * MB, { chunkBytes: CHUNK });
    const response = await echo(post(body.stream));
    expect(body.pulled, "bytes pulled from the stream").toBeLessThanOrEqual(LIMIT + 4 * CHUNK);
    expect(response.status).toBe(413);
    expect(response.headers.get("content-type")).toBe("application/problem+json");
    expect((await response.json()).detail).toMatch(/larger than 65536 bytes/);
    expect(body.cancelled, "the rest of the stream is cancelled").toBe(true);
  });

  it("answers 413 to a Content-Length over the limit before reading any of it", async () => {
    const body = lazyBody(300 * MB, { chunkBytes: CHUNK });
    const response = await echo(post(body.stream, { "content-length": String(300 * MB) }));
    expect(body.pulled, "bytes pulled from the stream").toBeLessThanOrEqual(CHUNK);
    expect(response.status).toBe(413);
  });

  it("still reads a body within the limit, multi-byte characters split across chunks included", async () => {
    const note = "é".repeat(20_000);
    const response = await echo(post(JSON.stringify({ note })));
    expect(response.status).toBe(200);
    expect((await response.json()).note).toBe(note);
  });

  it("hands a handler outside route() a fresh request with the bytes read, or answers 413 itself", async () => {
    const inner = withBodyLimit(LIMIT, async (request) =>
      Response.json({ path: request.nextUrl.pathname, text: await request.text() }),
    );
    const small = await inner(post("email=a%40b.c&password=x"), undefined);
    expect(await small.json()).toEqual({ path: "/api/v1/echo", text: "email=a%40b.c&password=x" });
    const body = lazyBody(300 * MB, { chunkBytes: CHUNK });
    const big = await inner(post(body.stream), undefined);
    expect(big.status).toBe(413);
    expect(body.pulled).toBeLessThanOrEqual(LIMIT + 4 * CHUNK);
  });
});
