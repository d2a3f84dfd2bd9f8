// Protocol attacks in values (request smuggling, header injection, response splitting, line
// breaks in paths, $Version cookies, <meta http-equiv> headers, Content-Type confusion), LDAP filter
// break-outs and mod_proxy Unix-socket SSRF; and
// multi-line text, multipart bodies, whole LDAP filters and prose about HTTP that must stay quiet.
import { describe, expect, it } from "vitest";
import { normalizeEvent } from "@/lib/pipeline/normalize.ts";
import { detectPayloads } from "./index.ts";

type Event = ReturnType<typeof normalizeEvent>;
const query = (value: string) =>
  normalizeEvent({ url: { original: `/p?x=${encodeURIComponent(value)}` }, http: { request: { method: "GET" } } });
const path = (p: string) => normalizeEvent({ url: { original: p }, http: { request: { method: "GET" } } });
const body = (content: string) =>
  normalizeEvent({ url: { original: "/form" }, http: { request: { method: "POST", body: { content } } } });
const cookie = (value: string) =>
  normalizeEvent({ url: { original: "/" }, http: { request: { method: "GET", cookie: value } } });
const contentType = (value: string) =>
  normalizeEvent({
    url: { original: "/api/orders" },
    http: { request: { method: "POST", headers: { "Content-Type": value }, body: { content: "a=1" } } },
  });
const ids = (e: Event) => detectPayloads(e).map((d) => d.id);

describe("protocol, LDAP and proxy detectors", () => {
  it.each([
    ["sn-proto-request-smuggling", query("x\nPOST /admin HTTP/1.1")],
    ["sn-proto-request-smuggling", query("GET http://internal.example/ HTTP/1.0")],
    ["sn-proto-header-injection", query("en\r\nSet-Cookie: admin=1")],
    ["sn-proto-header-injection", query("x\r\n\r\n<html><script>steal()</script>")],
    ["sn-proto-header-injection", query("a\r\nX-Forwarded-For: 127.0.0.1")],
    ["sn-proto-path-newline", path("/docs%0d%0aSet-Cookie:x=1")],
    ["sn-proto-cookie-version", cookie('$Version=1; sid="a; admin=1"')],
    ["sn-ldap-injection", query("admin)(|(password=*)")],
    ["sn-ldap-injection", query("*)(uid=*))(|(uid=*")],
    ["sn-ldap-injection", query("bob)!(sn=*")],
    ["sn-ssrf-proxy-unix-socket", path("/proxy?unix:/run/app.sock|http://internal/admin")],
    ["sn-proto-meta-http-equiv", query('x"><META HTTP-EQUIV="refresh" CONTENT="0;url=https://phish.example/">')],
    ["sn-proto-meta-http-equiv", body("bio=%3Cmeta+http-equiv%3Dset-cookie+content%3D%22sid%3Dfixed%22%3E")],
    ["sn-proto-content-type-confusion", contentType('application/x-www-form-urlencoded; boundary="application/json"')],
    ["sn-proto-content-type-confusion", contentType("application/json; charset=utf-8; profile=text/xml")],
    ["sn-proto-content-type-confusion", contentType("multipart/form-data; boundary=application/xml")],
  ])("%s fires on %#", (id, event) => {
    expect(ids(event)).toContain(id);
  });

  it.each([
    ["a multi-line message", body("message=Hello%0D%0APhone%3A+555+0100%0D%0ASubject%3A+order+7")],
    ["a multipart upload", body('--b1\r\nContent-Disposition: form-data; name="a"\r\n\r\nhi\r\n--b1--')],
    ["a whole LDAP filter", query("(&(objectClass=user)(memberOf=cn=staff,dc=example,dc=com))")],
    ["prose about HTTP", query("the server answers GET requests over HTTP 2")],
    ["parentheses in prose", query("two (small) (blue) cups")],
    ["a modern cookie header", cookie("sid=abc; theme=dark")],
    [
      "a multipart form's content type",
      contentType("multipart/form-data; boundary=----WebKitFormBoundary7MA4YWxkTrZu0gW"),
    ],
    ["a JSON content type with a charset", contentType("application/json; charset=utf-8")],
    [
      "multipart/related naming its root part's type",
      contentType('multipart/related; type="application/xop+xml"; start="<root>"; start-info="text/xml"'),
    ],
    ["prose about meta tags", query("add a meta description tag to every page")],
  ])("stays quiet on %s", (_label, event) => {
    expect(
      ids(event).filter(
        (id) => id.startsWith("sn-proto") || id === "sn-ldap-injection" || id === "sn-ssrf-proxy-unix-socket",
      ),
    ).toEqual([]);
  });
});
