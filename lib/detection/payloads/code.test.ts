// Node.js, Ruby and Python injection, SSRF to internal host names, and payloads wrapped in
// base64; with the ordinary JavaScript talk, host names and tokens that must stay quiet.
import { describe, expect, it } from "vitest";
import { normalizeEvent } from "@/lib/pipeline/normalize.ts";
import { detectPayloads } from "./index.ts";

type Event = ReturnType<typeof normalizeEvent>;
const query = (value: string) =>
  normalizeEvent({ url: { original: `/p?x=${encodeURIComponent(value)}` }, http: { request: { method: "GET" } } });
const cookie = (value: string) =>
  normalizeEvent({ url: { original: "/" }, http: { request: { method: "GET", cookie: value } } });
const ids = (e: Event) => detectPayloads(e).map((d) => d.id);
const b64 = (text: string) => Buffer.from(text).toString("base64");

describe("code injection and internal-host detectors", () => {
  it.each([
    ["sn-node-injection", query("_$$ND_FUNC$$_function(){require('child_process').exec('id')}()")],
    ["sn-node-injection", query("this.constructor.constructor('return process')()")],
    ["sn-node-injection", query("process.mainModule.require('fs')")],
    ["sn-node-injection", query("process['env']")],
    ["sn-node-injection", query("console.log.call(null, 1)")],
    ["sn-node-injection", cookie(`prefs=${b64("_$$ND_FUNC$$_function(){return 1}()")}`)],
    ["sn-node-hang", query("while(1);")],
    ["sn-node-hang", query("while(!0){}")],
    ["sn-node-hang", query("for(;;);")],
    ["sn-ruby-python-process", query("__import__('os').system('id')")],
    ["sn-ruby-python-process", query("Kernel.exec('id')")],
    ["sn-ssrf-internal", query("https://metadata.platformequinix.com/metadata")],
    ["sn-ssrf-internal", query("http:127.0.0.1:8080/admin")],
    ["sn-ssrf-internal", query("http:/169.254.169.254/latest/meta-data/")],
    ["sn-ssrf-internal-host", query("host.docker.internal:2375/containers/json")],
    ["sn-ssrf-internal-host", query("http://kubernetes.default.svc/api/v1/secrets")],
    ["sn-ssrf-internal-host", query("127.0.0.1.nip.io/admin")],
    ["sn-ssrf-internal-host", cookie("next=localhost:8080/")],
  ])("%s fires on %#", (id, event) => {
    expect(ids(event)).toContain(id);
  });

  it.each([
    ["a loop that never runs", query("while(!1);")],
    ["a loop in prose", query("a while (true love) lasts")],
    ["the word process", query("our hiring process takes two weeks")],
    ["JavaScript talk", query("use console to debug, then module bundlers")],
    ["a bare localhost", query("localhost")],
    ["a public host", query("https://example.com/path")],
    ["a JWT", cookie("session=eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiI0MiIsIm5hbWUiOiJBbm4ifQ.c2lnbmF0dXJl")],
    ["a random token", cookie("csrf=Q2hhbmdlTWVQbGVhc2UxMjM0NTY3ODkw")],
  ])("stays quiet on %s", (_label, event) => {
    expect(ids(event)).toEqual([]);
  });
});
