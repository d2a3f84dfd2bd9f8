import { describe, expect, it } from "vitest";
import { parseEnv } from "@/lib/env.ts";
import { clientIp, requestContext, requestIdFrom } from "./request-context.ts";

/** The proxy trust SECURENET_TRUST_PROXY=value configures. */
const env = (value: string) =>
  parseEnv({
    NODE_ENV: "test",
    AUTH_SECRET: "x".repeat(32),
    SECURENET_ENCRYPTION_KEY: "0".repeat(64),
    SECURENET_TRUST_PROXY: value,
  }).SECURENET_TRUST_PROXY;

describe("request context", () => {
  it("takes the socket address unless a trusted proxy forwards the client's", () => {
    expect(clientIp("::ffff:10.0.0.5", "203.0.113.9", false)).toBe("10.0.0.5");
    expect(clientIp("10.0.0.5", "203.0.113.9", env("1"))).toBe("203.0.113.9");
    expect(clientIp(undefined, undefined, env("1"))).toBeNull();
  });

  it("takes the address one proxy saw, not a leftmost entry the client forged", () => {
    // The client sent "X-Forwarded-For: 198.51.100.1"; the proxy appended the address it saw.
    expect(clientIp("10.0.0.1", "198.51.100.1, 203.0.113.7", env("1"))).toBe("203.0.113.7");
    expect(clientIp("10.0.0.1", ["198.51.100.1", "203.0.113.7"], env("1"))).toBe("203.0.113.7");
  });

  it("counts several proxies from the right", () => {
    expect(clientIp("10.0.0.2", "198.51.100.1, 203.0.113.7, 10.0.0.1", env("2"))).toBe("203.0.113.7");
    // Fewer entries than proxies: the leftmost one, which a proxy still wrote.
    expect(clientIp("10.0.0.2", "203.0.113.7", env("3"))).toBe("203.0.113.7");
  });

  it("walks from the right past the listed proxies", () => {
    const trust = env("10.0.0.0/8, 2001:db8::1");
    expect(clientIp("10.0.0.2", "198.51.100.1, 203.0.113.7, 10.9.9.9", trust)).toBe("203.0.113.7");
    expect(clientIp("2001:db8::1", "198.51.100.1, 203.0.113.7", trust)).toBe("203.0.113.7");
    // A peer that is not a listed proxy is the client, whatever it forwards.
    expect(clientIp("192.0.2.50", "198.51.100.1", trust)).toBe("192.0.2.50");
  });

  it("reads ports and brackets, and stops at a malformed entry at the hop that passed it on", () => {
    expect(clientIp("10.0.0.1", "203.0.113.7:4431", env("1"))).toBe("203.0.113.7");
    expect(clientIp("10.0.0.1", "[2001:db8::7]:443", env("1"))).toBe("2001:db8::7");
    expect(clientIp("10.0.0.1", "::ffff:203.0.113.7", env("1"))).toBe("203.0.113.7");
    expect(clientIp("10.0.0.2", "198.51.100.1, unknown, 10.0.0.1", env("3"))).toBe("10.0.0.1");
    expect(clientIp("10.0.0.1", "not-an-ip", env("1"))).toBe("10.0.0.1");
    expect(clientIp("10.0.0.1", "0x7f.1", env("1"))).toBe("10.0.0.1");
  });

  it("ignores X-Forwarded-For when proxies are not trusted", () => {
    expect(clientIp("192.0.2.50", "203.0.113.7", env("0"))).toBe("192.0.2.50");
    expect(clientIp("192.0.2.50", "203.0.113.7", env("off"))).toBe("192.0.2.50");
  });

  it("refuses a trust setting it cannot read", () => {
    expect(() => env("10.0.0.0/33")).toThrow(/SECURENET_TRUST_PROXY/);
    expect(() => env("maybe")).toThrow(/SECURENET_TRUST_PROXY/);
  });

  it("keeps plain correlation ids and replaces anything else", () => {
    expect(requestIdFrom("abc-123")).toBe("abc-123");
    expect(requestIdFrom("bad id\nwith newline")).toMatch(/^[0-9a-f-]{36}$/);
    expect(requestIdFrom(undefined)).toMatch(/^[0-9a-f-]{36}$/);
  });

  it("reads ip, user agent and request id from either header shape", () => {
    const plain = { "x-securenet-client-ip": "198.51.100.2", "user-agent": "ua", "x-request-id": "r1" };
    expect(requestContext(plain)).toEqual({ sourceIp: "198.51.100.2", userAgent: "ua", requestId: "r1" });
    expect(requestContext(new Headers(plain), "override")).toEqual({
      sourceIp: "198.51.100.2",
      userAgent: "ua",
      requestId: "override",
    });
  });
});
