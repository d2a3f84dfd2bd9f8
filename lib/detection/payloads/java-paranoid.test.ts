// Java injection detectors for paranoia levels 2 and 3: gadget classes named in input, and gadget
// or runtime words hidden in base64 at any byte offset; and tokens, hashes, images and prose that
// must stay quiet.
import { createHash, createHmac } from "node:crypto";
import { describe, expect, it } from "vitest";
import { normalizeEvent } from "@/lib/pipeline/normalize.ts";
import { detectPayloads } from "./index.ts";
import { base64Encodings, JAVA_PARANOID } from "./java-paranoid.ts";

type Event = ReturnType<typeof normalizeEvent>;
const query = (value: string) =>
  normalizeEvent({ url: { original: `/p?x=${encodeURIComponent(value)}` }, http: { request: { method: "GET" } } });
const json = (value: unknown) =>
  normalizeEvent({
    url: { original: "/api" },
    http: { request: { method: "POST", body: { content: JSON.stringify(value) } } },
  });
const form = (body: string) =>
  normalizeEvent({ url: { original: "/save" }, http: { request: { method: "POST", body: { content: body } } } });
const cookie = (value: string) =>
  normalizeEvent({ url: { original: "/home" }, http: { request: { method: "GET", cookie: value } } });
const header = (name: string, value: string) =>
  normalizeEvent({ url: { original: "/upload" }, http: { request: { method: "PUT", headers: { [name]: value } } } });

const OURS = new Set(JAVA_PARANOID.map((d) => d.id));
const ours = (e: Event, paranoia: 1 | 2 | 3 = 3) =>
  detectPayloads(e, { paranoia })
    .filter((d) => OURS.has(d.id))
    .map((d) => d.id);

/** Deterministic bytes that are not text (so the value does not decode to readable base64 text). */
const noise = (seed: string, length: number) => createHash("sha512").update(seed).digest().subarray(0, length);
/** A binary blob with `word` at byte offset `offset` (mod 3), base64-encoded. */
const blob = (word: string, offset: number, encoding: "base64" | "base64url" = "base64") =>
  Buffer.concat([
    Buffer.from([0x01, 0xfe]),
    noise(word, 10 + offset),
    Buffer.from(word),
    Buffer.from([0x00, 0x7f]),
    noise(`${word}!`, 9),
  ]).toString(encoding);

const b64url = (text: string) => Buffer.from(text).toString("base64url");
const jwt = (claims: Record<string, unknown>) => {
  const head = `${b64url(JSON.stringify({ alg: "HS256", typ: "JWT" }))}.${b64url(JSON.stringify(claims))}`;
  return `${head}.${createHmac("sha256", "not-a-secret").update(head).digest("base64url")}`;
};

describe("Java injection detectors, paranoia 2 and 3", () => {
  it.each([
    ["sn-java-gadget-chain", json({ transformers: ["ConstantTransformer", "InvokerTransformer"] })],
    ["sn-java-gadget-chain", query("org.apache.commons.collections4.functors.InstantiateFactory")],
    ["sn-java-gadget-chain", form("chain=ChainedTransformer&key=TiedMapEntry")],
    ["sn-java-gadget-chain", cookie("obj=groovy MethodClosure")],
    ["sn-java-gadget-chain", header("x-payload", "PrototypeFactory$PrototypeSerializationFactory")],
    [
      "sn-java-gadget-chain",
      json({ bean: "FileSystemXmlApplicationContext", config: "http://evil.example/beans.xml" }),
    ],
    ["sn-java-gadget-chain", query("getRuntime.whileclosure")],
    ["sn-java-gadget-chain", query("Lorg/apache/commons/collections/functors/ForClosure;")],
    ["sn-java-gadget-chain", query("ForClosure")],
    ["sn-java-gadget-chain", json({ map: "decorators.lazymap" })],
    ["sn-java-base64-gadget", cookie(`state=v2.${blob("InvokerTransformer", 0)}.sig`)],
    ["sn-java-base64-gadget", cookie(`state=${blob("TemplatesImpl", 1)}`)],
    ["sn-java-base64-gadget", cookie(`state=${blob("ProcessBuilder", 2)}`)],
    ["sn-java-base64-gadget", query(blob("getRuntime", 1))],
    ["sn-java-base64-gadget", json({ data: blob("annotationinvocationhandler", 2, "base64url") })],
    ["sn-java-base64-gadget", header("x-token", `Bearer ${blob("ChainedTransformer", 0, "base64url")}`)],
    ["sn-java-base64-gadget", query(Buffer.from("xxProcessBuilder").toString("base64"))],
    ["sn-java-base64-runtime", cookie(`rememberMe=${blob("java/lang/Runtime", 0)}`)],
    ["sn-java-base64-runtime", form(`blob=${encodeURIComponent(blob("Runtime", 1))}`)],
    ["sn-java-base64-runtime", query(blob("ClassLoader", 2))],
    ["sn-java-base64-runtime", query(Buffer.from("runtime").toString("base64"))],
    [
      "sn-java-base64-runtime",
      header(
        "x-data",
        `${jwt({ sub: "42" }).split(".")[0]}.${Buffer.from([0xff, 0x00, ...Buffer.from("Runtime")]).toString("base64")}`,
      ),
    ],
  ])("%s fires on %#", (id, event) => {
    expect(ours(event)).toContain(id);
  });

  it("finds a word in base64 at every byte offset", () => {
    for (const word of ["Runtime", "WhileClosure", "defineClass"]) {
      const [zero, one, two] = base64Encodings(word);
      expect(Buffer.from(word).toString("base64")).toContain(zero);
      expect(Buffer.from(`a${word}?`).toString("base64")).toContain(one);
      expect(Buffer.from(`ab${word}??`).toString("base64")).toContain(two);
      expect(Math.min(zero!.length, one!.length, two!.length)).toBeGreaterThanOrEqual(8);
    }
  });

  const hashes = Array.from({ length: 300 }, (_, n) =>
    createHash("sha512")
      .update(`session ${n}`)
      .digest(n % 2 ? "base64" : "base64url"),
  ).join(" ");

  it.each([
    [
      "a signed JWT",
      header(
        "authorization",
        `Bearer ${jwt({ sub: "1234567890", name: "Jane Doe", iat: 1716239022, roles: ["admin", "billing"], scope: "openid profile email" })}`,
      ),
    ],
    [
      "a JWT in a cookie",
      cookie(
        `id_token=${jwt({ iss: "https://login.example.com/", aud: "web", exp: 1893456000, email: "jane@example.com" })}`,
      ),
    ],
    [
      "session ids and hashes",
      cookie(
        `sid=${createHash("sha256").update("a").digest("hex")}; csrftoken=${createHash("sha256").update("b").digest("base64url")}`,
      ),
    ],
    ["many random base64 blobs", json({ blobs: hashes })],
    [
      "a data URL image",
      json({
        avatar: `data:image/png;base64,${Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), noise("png", 64)]).toString("base64")}`,
      }),
    ],
    [
      "base64 JSON that says runtime",
      cookie(
        `prefs=${Buffer.from(JSON.stringify({ runtime: "nodejs20.x", region: "eu-west-1", theme: "dark" })).toString("base64")}`,
      ),
    ],
    ["prose about foreclosures", query("forclosure homes and foreclosure listings near me")],
    ["a domain", query("https://www.forclosure.com/listings and lazymap.example.org")],
    ["a path", query("/blog/forclosure-tips")],
    ["prose about runtimes and factories", query("the runtime factory builds a lazy map; prototype factory pattern")],
    ["a Maven artifact", query("commons-collections 3.2.2 and commons-beanutils")],
  ])("stays quiet on %s", (_label, event) => {
    expect(ours(event)).toEqual([]);
  });

  it("does not run at paranoia 1", () => {
    for (const event of [
      json({ transformers: ["InvokerTransformer"] }),
      query("functors.ForClosure"),
      cookie(`state=${blob("ProcessBuilder", 2)}`),
      query(blob("ClassLoader", 2)),
    ]) {
      expect(ours(event, 3)).not.toEqual([]);
      expect(ours(event, 1)).toEqual([]);
    }
  });

  it("runs the gadget names at paranoia 2, the base64 words only from 3", () => {
    expect(ours(query("InvokerTransformer"), 2)).toEqual(["sn-java-gadget-chain"]);
    expect(ours(cookie(`state=${blob("ProcessBuilder", 1)}`), 2)).toEqual([]);
  });
});
