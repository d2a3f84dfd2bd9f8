import { describe, expect, it } from "vitest";
import { parseEnv } from "@/lib/env.ts";
import { internalRange, NO_ALLOW_LIST, parseAddress, urlHostProblem, type WebhookAllowList } from "./address-policy.ts";

const allowList = (value: string): WebhookAllowList =>
  parseEnv({
    NODE_ENV: "test",
    AUTH_SECRET: "x".repeat(32),
    SECURENET_ENCRYPTION_KEY: "0".repeat(64),
    SECURENET_WEBHOOK_ALLOWED_HOSTS: value,
  }).SECURENET_WEBHOOK_ALLOWED_HOSTS;

const range = (address: string) => internalRange(parseAddress(address)!);

describe("webhook address policy", () => {
  it.each([
    ["127.0.0.1", "loopback"],
    ["127.255.255.254", "loopback"],
    ["10.0.0.1", "private"],
    ["172.31.255.255", "private"],
    ["192.168.0.1", "private"],
    ["100.64.0.1", "carrierGradeNat"],
    ["169.254.169.254", "linkLocal"],
    ["0.0.0.0", "unspecified"],
    ["224.0.0.251", "multicast"],
    ["255.255.255.255", "broadcast"],
    ["240.0.0.1", "reserved"],
    ["::1", "loopback"],
    ["::", "unspecified"],
    ["fc00::1", "uniqueLocal"],
    ["fd12:3456::1", "uniqueLocal"],
    ["fe80::1", "linkLocal"],
    ["ff02::1", "multicast"],
    ["::ffff:127.0.0.1", "loopback"],
    ["::ffff:169.254.169.254", "linkLocal"],
    ["::ffff:0:10.0.0.1", "private"],
    ["::127.0.0.1", "loopback"],
    ["::a9fe:a9fe", "linkLocal"],
    ["64:ff9b::127.0.0.1", "loopback"],
    ["64:ff9b::a9fe:a9fe", "linkLocal"],
    ["64:ff9b:1::1", "rfc6052"],
    ["2002:7f00:1::1", "loopback"],
    ["2002:a00:1::", "private"],
    ["2001:db8::1", "reserved"],
    ["2001:0:4136:e378:8000:63bf:3fff:fdd2", "teredo"],
  ])("refuses %s (%s)", (address, expected) => {
    expect(range(address)).toBe(expected);
  });

  it.each([
    "93.184.215.14",
    "8.8.8.8",
    "2606:4700:4700::1111",
    "::ffff:8.8.8.8",
    "64:ff9b::808:808",
    "2002:808:808::1",
  ])("allows public %s", (address) => {
    expect(range(address)).toBeNull();
  });

  // The WHATWG URL parser (new URL) is what normalises alternate IPv4 spellings; the policy relies on it.
  it.each([
    ["http://2130706433/", "127.0.0.1"],
    ["http://0177.0.0.1/", "127.0.0.1"],
    ["http://0x7f.1/", "127.0.0.1"],
    ["http://127.1/", "127.0.0.1"],
    ["http://0x7f000001/", "127.0.0.1"],
    ["http://017700000001/", "127.0.0.1"],
    ["http://0251.0376.0251.0376/", "169.254.169.254"],
    ["http://[::ffff:7f00:1]/", "[::ffff:7f00:1]"],
    ["http://[0:0:0:0:0:ffff:127.0.0.1]/", "[::ffff:7f00:1]"],
  ])("sees %s as %s and refuses it", (url, host) => {
    const parsed = new URL(url);
    expect(parsed.hostname).toBe(host);
    expect(urlHostProblem(parsed, NO_ALLOW_LIST)).toMatch(/internal address/);
  });

  it("refuses localhost by name, and lets through other names until they resolve", () => {
    for (const url of ["http://localhost/", "http://LOCALHOST./", "http://api.localhost/"])
      expect(urlHostProblem(new URL(url), NO_ALLOW_LIST)).toMatch(/localhost/);
    expect(urlHostProblem(new URL("https://hooks.slack.com/services/x"), NO_ALLOW_LIST)).toBeNull();
    expect(urlHostProblem(new URL("https://8.8.8.8/"), NO_ALLOW_LIST)).toBeNull();
  });

  it("lets an admin allow internal receivers by host name or address range", () => {
    const allow = allowList("localhost, hooks.internal.example, 10.20.0.0/16 fd00::/8 127.0.0.1");
    expect(allow.hosts).toEqual(["localhost", "hooks.internal.example"]);
    expect(urlHostProblem(new URL("http://localhost:8080/"), allow)).toBeNull();
    expect(urlHostProblem(new URL("http://10.20.3.4/"), allow)).toBeNull();
    expect(urlHostProblem(new URL("http://[fd00::5]/"), allow)).toBeNull();
    expect(urlHostProblem(new URL("http://127.1/"), allow)).toBeNull();
    expect(urlHostProblem(new URL("http://[::ffff:127.0.0.1]/"), allow)).toBeNull();
    expect(urlHostProblem(new URL("http://10.21.0.1/"), allow)).toMatch(/private/);
    expect(urlHostProblem(new URL("http://169.254.169.254/"), allow)).toMatch(/linkLocal/);
    expect(urlHostProblem(new URL("http://127.0.0.2/"), allow)).toMatch(/loopback/);
  });

  it("refuses an allow-list entry it cannot read, naming the setting", () => {
    expect(() => allowList("10.0.0.0/40")).toThrow(/SECURENET_WEBHOOK_ALLOWED_HOSTS/);
    expect(() => allowList("http://x")).toThrow(/SECURENET_WEBHOOK_ALLOWED_HOSTS/);
    expect(() => allowList("127.1")).toThrow(/SECURENET_WEBHOOK_ALLOWED_HOSTS/);
  });
});
