import { describe, expect, it } from "vitest";
import { sameOriginHandshake, type Handshake } from "./origin.ts";

const base: Handshake = {
  origin: "http://127.0.0.1:3000",
  host: "127.0.0.1:3000",
  encrypted: false,
  trustProxy: false,
  publicUrl: "http://localhost:3000",
};
const allowed = (h: Partial<Handshake>) => sameOriginHandshake({ ...base, ...h });

describe("the live feed's handshake Origin", () => {
  it("is the app's own: the host asked for, or the public URL, with scheme and port", () => {
    expect(allowed({})).toBe(true);
    expect(allowed({ origin: "http://localhost:3000" })).toBe(true);
    expect(allowed({ origin: "https://127.0.0.1:3000" }), "another scheme").toBe(false);
    expect(allowed({ origin: "http://127.0.0.1:3001" }), "another port").toBe(false);
    expect(allowed({ origin: "http://evil.example" })).toBe(false);
    expect(allowed({ origin: "http://127.0.0.1:3000.evil.example" })).toBe(false);
  });

  it("is refused when missing, opaque or not a web origin", () => {
    for (const origin of [undefined, "", "null", "file://", "chrome-extension://abc", "http://127.0.0.1:3000/path"])
      expect(allowed({ origin }), String(origin)).toBe(false);
  });

  it("without an Origin, is a browser's same-origin request (the long-polling fallback's first GET), and nothing else", () => {
    expect(allowed({ origin: undefined, secFetchSite: "same-origin" })).toBe(true);
    for (const secFetchSite of ["same-site", "cross-site", "none", undefined])
      expect(allowed({ origin: undefined, secFetchSite }), String(secFetchSite)).toBe(false);
    expect(allowed({ origin: "http://evil.example", secFetchSite: "same-origin" })).toBe(false);
  });

  it("behind a trusted proxy, is the forwarded host and scheme (and only then)", () => {
    const proxied = {
      host: "10.0.0.5:3000",
      forwardedHost: "soc.example.com",
      forwardedProto: "https",
      origin: "https://soc.example.com",
      publicUrl: "https://soc.example.com",
    };
    expect(allowed({ ...proxied, trustProxy: true, publicUrl: "http://localhost:3000" })).toBe(true);
    expect(allowed({ ...proxied, trustProxy: false, publicUrl: "http://localhost:3000" })).toBe(false);
    expect(allowed({ ...proxied, trustProxy: false })).toBe(true);
    expect(allowed({ ...proxied, trustProxy: true, forwardedProto: "http" })).toBe(true);
    expect(allowed({ ...proxied, trustProxy: true, forwardedProto: "http", publicUrl: "http://localhost:3000" })).toBe(
      false,
    );
  });
});
