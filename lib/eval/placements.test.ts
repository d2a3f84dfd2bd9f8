// The placement × encoding builders put the payload where the cell says, encoded as a client would,
// in events ingest accepts.
import { describe, expect, it } from "vitest";
import { ecsEventSchema, expandDottedKeys } from "@/lib/pipeline/ecs.ts";
import {
  applies,
  CELLS,
  ENCODINGS,
  htmlEntities,
  jsonUnicode,
  MULTIPART_BOUNDARY,
  PLACEMENTS,
  placedEvent,
} from "./placements.ts";

const payload = `it's <b>"bold"</b> & 50% / done`;
type Ev = {
  url: { original: string };
  http: { request: { method: string; headers?: Record<string, string>; body?: { content: string } } };
  user_agent?: { original: string };
};
const ev = (...args: Parameters<typeof placedEvent>) => placedEvent(...args) as unknown as Ev;

describe("placedEvent", () => {
  it("puts the value in the query parameter, path segment, header and user agent", () => {
    expect(ev("query", "percent", payload).url.original).toBe(`/search?lang=en&q=${encodeURIComponent(payload)}`);
    expect(ev("path", "percent", payload).url.original).toBe(`/files/${encodeURIComponent(payload)}/view`);
    expect(ev("header", "none", payload).http.request.headers).toEqual({ "x-client-note": payload });
    expect(ev("user_agent", "none", payload).user_agent).toEqual({ original: payload });
  });

  it("encodes: none is raw, percent as encodeURIComponent, double twice, base64 of UTF-8", () => {
    expect(ev("query", "none", payload).url.original).toBe(`/search?lang=en&q=${payload}`);
    expect(ev("header", "double_percent", payload).http.request.headers!["x-client-note"]).toBe(
      encodeURIComponent(encodeURIComponent(payload)),
    );
    const b64 = ev("header", "base64", "ünï").http.request.headers!["x-client-note"]!;
    expect(Buffer.from(b64, "base64").toString("utf8")).toBe("ünï");
    // In the URL the base64 text is percent-encoded on top, as a client sends it.
    expect(ev("query", "base64", "a?b>c").url.original).toContain(
      encodeURIComponent(Buffer.from("a?b>c").toString("base64")),
    );
  });

  it("builds a form body, a multipart part with the boundary in its Content-Type, JSON and SOAP bodies", () => {
    const form = ev("form", "percent", payload).http.request;
    expect(form.method).toBe("POST");
    expect(form.headers!["content-type"]).toBe("application/x-www-form-urlencoded");
    expect(form.body!.content).toBe(`name=guest&comment=${encodeURIComponent(payload)}`);

    const multipart = ev("multipart", "none", payload).http.request;
    expect(multipart.headers!["content-type"]).toBe(`multipart/form-data; boundary=${MULTIPART_BOUNDARY}`);
    expect(multipart.body!.content.split("\r\n")).toEqual([
      `--${MULTIPART_BOUNDARY}`,
      'Content-Disposition: form-data; name="comment"',
      "",
      payload,
      `--${MULTIPART_BOUNDARY}--`,
      "",
    ]);

    const json = ev("json", "none", payload).http.request.body!.content;
    expect(JSON.parse(json)).toEqual({ name: "guest", comment: payload });

    const xml = ev("xml", "html_entities", payload).http.request.body!.content;
    expect(xml).toContain(`<comment>${htmlEntities(payload)}</comment>`);
    expect(xml).toContain("<soap:Envelope");
  });

  it("writes every character but letters, digits and space as \\u in JSON and still parses to the payload", () => {
    const body = ev("json", "json_unicode", payload).http.request.body!.content;
    expect(body).toContain("\\u003c");
    expect(body).not.toContain("<");
    expect(JSON.parse(body).comment).toBe(payload);
    expect(JSON.parse(jsonUnicode("日本 ok"))).toBe("日本 ok");
  });

  it("escapes the five markup characters as entities, percent-encoded in a form", () => {
    expect(htmlEntities(`<a href="x">'&'</a>`)).toBe("&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;");
    expect(ev("form", "html_entities", "<i>").http.request.body!.content).toBe(
      `name=guest&comment=${encodeURIComponent("&lt;i&gt;")}`,
    );
  });

  it("uses entities only in form and XML, \\u only in JSON; everything else applies everywhere", () => {
    for (const p of PLACEMENTS) {
      expect(applies(p, "html_entities")).toBe(p === "form" || p === "xml");
      expect(applies(p, "json_unicode")).toBe(p === "json");
      expect(placedEvent(p, "json_unicode", "x") === null).toBe(p !== "json");
    }
    expect(CELLS).toHaveLength(PLACEMENTS.length * 4 + 3);
    expect(ENCODINGS).toHaveLength(6);
  });

  it("gives events ingest accepts in every cell", () => {
    for (const { placement, encoding } of CELLS) {
      const event = placedEvent(placement, encoding, payload)!;
      expect(ecsEventSchema.safeParse(expandDottedKeys(event)).success, `${placement}/${encoding}`).toBe(true);
    }
  });
});
