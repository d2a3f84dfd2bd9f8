import { describe, expect, it } from "vitest";
import { expandDottedKeys } from "../ecs.ts";
import { parseRawMessage } from "./index.ts";

describe("raw log line parsers", () => {
  it("reads sshd failures, invalid users and logins, with or without the syslog prefix", () => {
    expect(
      parseRawMessage("Failed password for invalid user oracle from 198.51.100.9 port 40022 ssh2", undefined),
    ).toMatchObject({
      module: "sshd",
      action: "ssh_login_invalid_user",
      outcome: "failure",
      userName: "oracle",
      sourceIp: "198.51.100.9",
      sourcePort: 40022,
    });
    expect(
      parseRawMessage("Nov  3 04:05:06 gw sshd[77]: Failed password for root from 2001:db8::5 port 22 ssh2", undefined),
    ).toMatchObject({ action: "ssh_login_failed", userName: "root", sourceIp: "2001:db8::5", hostName: "gw" });
    expect(parseRawMessage("Invalid user  from 198.51.100.9 port 1", "sshd")).toMatchObject({
      action: "ssh_invalid_user",
      userName: "",
    });
    expect(parseRawMessage("sshd[9]: Accepted password for bob from 192.0.2.1 port 2 ssh2", undefined)).toMatchObject({
      action: "ssh_login",
      outcome: "success",
      userName: "bob",
    });
  });

  it("reads combined and common access logs; a 4xx is a failure", () => {
    expect(
      parseRawMessage(
        '192.0.2.4 - carol [23/Nov/2026:10:00:00 +0100] "POST /login HTTP/1.1" 401 12 "-" "curl/8.5"',
        "nginx",
      ),
    ).toMatchObject({
      module: "nginx",
      httpMethod: "POST",
      httpStatus: 401,
      outcome: "failure",
      userName: "carol",
      userAgent: "curl/8.5",
      timestamp: "2026-11-23T09:00:00.000Z",
    });
    expect(
      parseRawMessage('192.0.2.4 - - [23/Nov/2026:10:00:00 +0000] "GET / HTTP/1.0" 200 -', undefined),
    ).toMatchObject({ module: undefined, dataset: "access", httpStatus: 200 });
  });

  it("ignores an access-log time outside the stored range (year 0000, far future): the event gets now", () => {
    expect(
      parseRawMessage('192.0.2.4 - - [01/Jan/0000:00:00:00 +0000] "GET / HTTP/1.0" 200 -', undefined),
    ).toMatchObject({ httpStatus: 200, timestamp: undefined });
    expect(
      parseRawMessage('192.0.2.4 - - [31/Dec/9999:00:00:00 +0000] "GET / HTTP/1.0" 200 -', undefined),
    ).toMatchObject({ httpStatus: 200, timestamp: undefined });
  });

  it("leaves lines it does not know alone, and never throws on odd input", () => {
    for (const line of ["", "hello world", '"GET /', "sshd", "Failed password for", "\u0000\uffff"]) {
      expect(() => parseRawMessage(line, undefined)).not.toThrow();
    }
    expect(parseRawMessage("hello world", undefined)).toBeNull();
    expect(parseRawMessage("hello world", "custom")).toBeNull();
  });

  it("expands dotted keys into nested objects, merging with nested ones", () => {
    expect(expandDottedKeys({ "source.ip": "192.0.2.1", source: { port: 22 }, "@timestamp": "t", "a.b.c": 1 })).toEqual(
      { source: { ip: "192.0.2.1", port: 22 }, "@timestamp": "t", a: { b: { c: 1 } } },
    );
  });
});
