// Where a payload can sit in a request and how a client may encode it there: the placement ×
// encoding matrix of the PATT and hard-benign measurements. Each builder returns the ECS event a
// sensor would report for that request, so the whole engine (inputs, decoding, detectors, Sigma)
// sees it as it would in production. An encoding a placement does not use gives null ("–").

export const PLACEMENTS = ["query", "path", "header", "user_agent", "form", "multipart", "json", "xml"] as const;
export type Placement = (typeof PLACEMENTS)[number];

export const ENCODINGS = ["none", "percent", "double_percent", "base64", "html_entities", "json_unicode"] as const;
export type Encoding = (typeof ENCODINGS)[number];

/** The boundary of the multipart/form-data requests, carried in their Content-Type header. */
export const MULTIPART_BOUNDARY = "----securenet-eval-5b1f0c";

const percent = (text: string) => encodeURIComponent(text);
const base64 = (text: string) => Buffer.from(text, "utf8").toString("base64");

/** HTML/XML escaping as a serializer or template writes text: the five markup characters. */
export function htmlEntities(text: string): string {
  return text.replace(
    /[&<>"']/g,
    (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c] ?? c,
  );
}

/** A JSON string literal with every character but letters, digits and space as \uXXXX. */
export function jsonUnicode(text: string): string {
  let out = '"';
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    out += /[A-Za-z0-9 ]/.test(c) ? c : `\\u${text.charCodeAt(i).toString(16).padStart(4, "0")}`;
  }
  return `${out}"`;
}

/** Which encodings a placement uses: entities only where markup is parsed, \u only in JSON. */
export function applies(placement: Placement, encoding: Encoding): boolean {
  if (encoding === "html_entities") return placement === "form" || placement === "xml";
  if (encoding === "json_unicode") return placement === "json";
  return true;
}

/**
 * The value as it travels in the placement. "none" is the raw bytes as a log shows them (what a
 * hand-made request sends); the others are what a client library does. In the URL and a form body
 * base64 and entity text are percent-encoded on top, as a browser or HTTP client would send them.
 */
function encodedValue(placement: Placement, encoding: Encoding, payload: string): string {
  const inUrl = placement === "query" || placement === "path" || placement === "form";
  switch (encoding) {
    case "none":
      return payload;
    case "percent":
      return percent(payload);
    case "double_percent":
      return percent(percent(payload));
    case "base64":
      return inUrl ? percent(base64(payload)) : base64(payload);
    case "html_entities":
      return placement === "form" ? percent(htmlEntities(payload)) : htmlEntities(payload);
    case "json_unicode":
      return payload; // written by jsonUnicode() in the JSON body itself
  }
}

function post(contentType: string, body: string): Record<string, unknown> {
  return {
    url: { original: "/api/comments" },
    http: { request: { method: "POST", headers: { "content-type": contentType }, body: { content: body } } },
  };
}

/** The ECS event of a request carrying `payload` in `placement`, encoded; null where it does not apply. */
export function placedEvent(placement: Placement, encoding: Encoding, payload: string): Record<string, unknown> | null {
  if (!applies(placement, encoding)) return null;
  const value = encodedValue(placement, encoding, payload);
  switch (placement) {
    case "query":
      return { url: { original: `/search?lang=en&q=${value}` }, http: { request: { method: "GET" } } };
    case "path":
      return { url: { original: `/files/${value}/view` }, http: { request: { method: "GET" } } };
    case "header":
      return {
        url: { original: "/api/items" },
        http: { request: { method: "GET", headers: { "x-client-note": value } } },
      };
    case "user_agent":
      return { url: { original: "/" }, http: { request: { method: "GET" } }, user_agent: { original: value } };
    case "form":
      return post("application/x-www-form-urlencoded", `name=guest&comment=${value}`);
    case "multipart":
      return post(
        `multipart/form-data; boundary=${MULTIPART_BOUNDARY}`,
        [
          `--${MULTIPART_BOUNDARY}`,
          'Content-Disposition: form-data; name="comment"',
          "",
          value,
          `--${MULTIPART_BOUNDARY}--`,
          "",
        ].join("\r\n"),
      );
    case "json":
      return post(
        "application/json",
        encoding === "json_unicode"
          ? `{"name":"guest","comment":${jsonUnicode(payload)}}`
          : JSON.stringify({ name: "guest", comment: value }),
      );
    case "xml":
      return post(
        "text/xml; charset=utf-8",
        '<?xml version="1.0" encoding="utf-8"?>' +
          '<soap:Envelope xmlns:soap="http://schemas.xmlsoap.org/soap/envelope/"><soap:Body>' +
          `<AddComment><name>guest</name><comment>${value}</comment></AddComment>` +
          "</soap:Body></soap:Envelope>",
      );
  }
}

/** Every (placement, encoding) cell that applies, in table order. */
export const CELLS: { placement: Placement; encoding: Encoding }[] = PLACEMENTS.flatMap((placement) =>
  ENCODINGS.filter((encoding) => applies(placement, encoding)).map((encoding) => ({ placement, encoding })),
);
