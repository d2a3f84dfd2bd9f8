// The webhook client against real local servers, with a resolver the test controls standing in for DNS.
import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { NO_ALLOW_LIST, parseAddress, type WebhookAllowList } from "./address-policy.ts";
import { NO_HTTP_ANSWER, postWebhook, type WebhookOptions } from "./webhook-client.ts";

const loopbackAllowed: WebhookAllowList = { hosts: [], cidrs: [[parseAddress("127.0.0.1")!, 32]] };

/** A resolver answering each lookup with the next list of addresses, counting the lookups. */
function resolver(...answers: string[][]) {
  const calls: string[] = [];
  const resolve: WebhookOptions["resolve"] = (hostname, callback) => {
    calls.push(hostname);
    const next = answers[Math.min(calls.length - 1, answers.length - 1)]!;
    callback(
      null,
      next.map((address) => ({ address, family: address.includes(":") ? 6 : 4 })),
    );
  };
  return { resolve, calls };
}

describe("webhook client", () => {
  const requests: { url: string; authorization?: string }[] = [];
  let server: http.Server;
  let port = 0;

  beforeAll(async () => {
    server = http.createServer((req, res) => {
      requests.push({ url: req.url ?? "", authorization: req.headers.authorization });
      req.resume();
      if (req.url === "/redirect") res.writeHead(302, { location: `http://127.0.0.1:${port}/redirected` }).end();
      else res.writeHead(200).end("ok");
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    port = (server.address() as AddressInfo).port;
  });
  afterAll(() => new Promise((resolve) => server.close(resolve)));

  it("refuses a name when any address it resolves to is internal, and connects to none", async () => {
    const before = requests.length;
    const { resolve } = resolver(["8.8.8.8", "127.0.0.1"]);
    const result = await postWebhook(`http://hooks.example.test:${port}/x`, {}, { allow: NO_ALLOW_LIST, resolve });
    expect(result).toEqual({ ok: false, status: null, error: expect.stringMatching(/internal address \(loopback\)/) });
    expect(requests.length).toBe(before);
  });

  it("connects to the address it checked: a second, rebound answer is never asked for", async () => {
    const before = requests.length;
    const { resolve, calls } = resolver(["8.8.8.8"], ["127.0.0.1"]);
    await postWebhook(`http://rebind.example.test:${port}/x`, {}, { allow: NO_ALLOW_LIST, resolve, timeoutMs: 300 });
    expect(calls).toEqual(["rebind.example.test"]);
    expect(requests.length).toBe(before);
  });

  it("delivers to a name resolving to an allowed internal address, sending the URL's credentials as Basic auth", async () => {
    const { resolve } = resolver(["127.0.0.1"]);
    const result = await postWebhook(
      `http://hook:p%40ss@receiver.internal.test:${port}/ok`,
      { a: 1 },
      { allow: loopbackAllowed, resolve },
    );
    expect(result).toEqual({ ok: true, status: 200, error: null });
    expect(requests.at(-1)).toEqual({
      url: "/ok",
      authorization: `Basic ${Buffer.from("hook:p@ss").toString("base64")}`,
    });
  });

  it("does not follow a redirect", async () => {
    const result = await postWebhook(`http://127.0.0.1:${port}/redirect`, {}, { allow: loopbackAllowed });
    expect(result).toEqual({ ok: false, status: 302, error: "HTTP 302 (redirects are not followed)" });
    expect(requests.map((r) => r.url)).not.toContain("/redirected");
  });

  it("says the same for a failed TLS handshake, an unresolvable name and a refused connection", async () => {
    const closed = http.createServer();
    await new Promise<void>((resolve) => closed.listen(0, "127.0.0.1", resolve));
    const closedPort = (closed.address() as AddressInfo).port;
    await new Promise((resolve) => closed.close(resolve));
    const failing =
      (error: Error): WebhookOptions["resolve"] =>
      (_host, callback) =>
        callback(error, []);
    const results = await Promise.all([
      postWebhook(`https://127.0.0.1:${port}/`, {}, { allow: loopbackAllowed }),
      postWebhook(
        "https://nowhere.example.test/",
        {},
        {
          allow: NO_ALLOW_LIST,
          resolve: failing(Object.assign(new Error("getaddrinfo ENOTFOUND"), { code: "ENOTFOUND" })),
        },
      ),
      postWebhook(`http://127.0.0.1:${closedPort}/`, {}, { allow: loopbackAllowed }),
    ]);
    expect(results).toEqual(Array(3).fill({ ok: false, status: null, error: NO_HTTP_ANSWER }));
  });

  it("answers a failure only at the timeout when asked to, so its timing says nothing", async () => {
    const started = Date.now();
    const result = await postWebhook(
      "http://127.0.0.1:1/",
      {},
      { allow: loopbackAllowed, timeoutMs: 400, slowFailures: true },
    );
    expect(result.error).toBe(NO_HTTP_ANSWER);
    expect(Date.now() - started).toBeGreaterThanOrEqual(390);
  });
});
