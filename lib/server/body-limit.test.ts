import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { refuseOversizedBody } from "./body-limit.ts";

const LIMIT = 1024;
let server: http.Server;
let port = 0;

beforeAll(async () => {
  // A stand-in for Next behind the check: it reads the whole body before answering, as Next does.
  server = http.createServer((req, res) => {
    if (refuseOversizedBody(req, res, LIMIT)) return;
    let size = 0;
    req.on("data", (chunk: Buffer) => (size += chunk.length));
    req.on("end", () => res.end(String(size)));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  port = (server.address() as AddressInfo).port;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

/** Announces `declared` bytes and sends `sent` of them. */
function post(declared: number | null, sent: number): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const headers: Record<string, string> =
      declared === null ? { "transfer-encoding": "chunked" } : { "content-length": String(declared) };
    const request = http.request(
      { host: "127.0.0.1", port, method: "POST", path: "/api/auth/callback/credentials", headers },
      (response) => {
        let body = "";
        response.on("data", (chunk) => (body += chunk));
        response.on("end", () => resolve({ status: response.statusCode!, body }));
      },
    );
    request.setTimeout(3_000, () => request.destroy(new Error("no answer within 3 s")));
    request.on("error", reject);
    request.write("x".repeat(sent));
    if (declared === null || sent === declared) request.end();
  });
}

describe("a body announced larger than any route accepts", () => {
  it("is refused with 413 problem+json at once, without waiting for the body", async () => {
    const answer = await post(300 * 1024 * 1024, 1);
    expect(answer.status).toBe(413);
    expect(JSON.parse(answer.body)).toMatchObject({ status: 413, title: "Payload too large" });
  });

  it("leaves bodies within the limit, and unannounced ones, to the routes", async () => {
    expect(await post(LIMIT, LIMIT)).toEqual({ status: 200, body: String(LIMIT) });
    expect(await post(null, 10)).toEqual({ status: 200, body: "10" });
  });
});
