import { describe, expect, it } from "vitest";
import { clientIp, requestContext, requestIdFrom } from "./request-context.ts";

describe("request context", () => {
  it("takes the socket address unless a trusted proxy forwards the client's", () => {
    expect(clientIp("::ffff:10.0.0.5", "203.0.113.9", false)).toBe("10.0.0.5");
    expect(clientIp("10.0.0.5", "203.0.113.9, 10.0.0.1", true)).toBe("203.0.113.9");
    expect(clientIp(undefined, undefined, true)).toBeNull();
  });

  it("keeps plain correlation ids and replaces anything else", () => {
    expect(requestIdFrom("abc-123")).toBe("abc-123");
    expect(requestIdFrom("bad id\nwith newline")).toMatch(/^[0-9a-f-]{36}$/);
    expect(requestIdFrom(undefined)).toMatch(/^[0-9a-f-]{36}$/);
  });

  it("reads ip, user agent and request id from either header shape", () => {
    const plain = { "x-securenet-client-ip": "198.51.100.2", "user-agent": "ua", "x-request-id": "r1" };
    expect(requestContext(plain)).toEqual({ sourceIp: "198.51.100.2", userAgent: "ua", requestId: "r1" });
    expect(requestContext(new Headers(plain), "override")).toEqual({ sourceIp: "198.51.100.2", userAgent: "ua", requestId: "override" });
  });
});
