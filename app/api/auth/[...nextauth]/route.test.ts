import { NextRequest } from "next/server";
import { beforeAll, describe, expect, it } from "vitest";
import { useTestEnv } from "@/lib/testing/env.ts";
import { MB, lazyBody } from "@/lib/testing/huge-body.ts";
import { POST } from "./route.ts";

const LIMIT = 64 * 1024;
const CHUNK = 16 * 1024;
const context = { params: Promise.resolve({ nextauth: ["callback", "credentials"] }) };

function signInPost(body: ReadableStream<Uint8Array>, headers: Record<string, string> = {}) {
  return new NextRequest("http://localhost/api/auth/callback/credentials", {
    method: "POST",
    headers: { "content-type": "application/x-www-form-urlencoded", ...headers },
    body,
    duplex: "half",
  } as ConstructorParameters<typeof NextRequest>[1]);
}

describe("next-auth's endpoints read bodies with a streaming limit", () => {
  beforeAll(() => useTestEnv());

  it("answers 413 to an unauthenticated 300 MB sign-in POST after reading little more than the limit", async () => {
    const body = lazyBody(300 * MB, { chunkBytes: CHUNK, fill: "a" });
    const response = await POST(signInPost(body.stream), context).catch((error: unknown) => error);
    expect(body.pulled, "bytes pulled from the stream").toBeLessThanOrEqual(LIMIT + 4 * CHUNK);
    expect((response as Response).status).toBe(413);
    expect((response as Response).headers.get("content-type")).toBe("application/problem+json");
  });

  it("answers 413 to a Content-Length over the limit before reading any of it", async () => {
    const body = lazyBody(300 * MB, { chunkBytes: CHUNK, fill: "a" });
    const response = await POST(signInPost(body.stream, { "content-length": String(300 * MB) }), context).catch(
      (error: unknown) => error,
    );
    expect(body.pulled, "bytes pulled from the stream").toBeLessThanOrEqual(CHUNK);
    expect((response as Response).status).toBe(413);
  });
});
