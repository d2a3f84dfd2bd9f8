import { beforeAll, describe, expect, it } from "vitest";
import { useTestEnv } from "@/lib/testing/env.ts";
import { authOptions } from "./options.ts";
import { authRedirect, safeCallbackUrl } from "./callback-url.ts";

const ORIGIN = "https://console.example";

/** Where a browser would end up if the console navigated to what safeCallbackUrl returned. */
const landing = (value: string) => new URL(safeCallbackUrl(value, ORIGIN), ORIGIN);

describe("callback URLs after sign-in stay on the console's origin", () => {
  const offSite = [
    "//evil.example",
    "/\\evil.example",
    "\\\\evil.example",
    "/..//evil.example",
    "/../..//evil.example/x",
    "/./\\evil.example",
    "/%2e%2e//evil.example",
    "https://evil.example",
    "https://console.example@evil.example",
    "http://console.example",
    "javascript:alert(1)",
    "JavaScript:alert(1)",
    "data:text/html,<script>alert(1)</script>",
    "/\t/evil.example",
    "/\n/evil.example",
    "\t//evil.example",
    " //evil.example",
    "/\r\n/evil.example",
  ];
  it.each(offSite)("refuses %j (the console's home page instead)", (value) => {
    expect(safeCallbackUrl(value, ORIGIN)).toBe("/");
  });

  it.each(["%2F%2Fevil.example", "/%2F%2Fevil.example", "/%5Cevil.example", "%2F..%2F%2Fevil.example"])(
    "never lands off-site for the encoded %j, even decoded once more",
    (value) => {
      const path = safeCallbackUrl(value, ORIGIN);
      expect(landing(value).origin).toBe(ORIGIN);
      expect(new URL(decodeURIComponent(path), ORIGIN).origin).toBe(ORIGIN);
    },
  );

  it("keeps same-origin paths with their query and fragment", () => {
    expect(safeCallbackUrl("/alerts?status=new#top", ORIGIN)).toBe("/alerts?status=new#top");
    expect(safeCallbackUrl("/rules/../alerts", ORIGIN)).toBe("/alerts");
    expect(safeCallbackUrl(`${ORIGIN}/admin/users`, ORIGIN)).toBe("/admin/users");
    expect(safeCallbackUrl(["/account", "//evil.example"], ORIGIN)).toBe("/account");
  });

  it("sends sign-in back to the console's home page rather than to sign-in again", () => {
    expect(safeCallbackUrl("/sign-in?callbackUrl=/alerts", ORIGIN)).toBe("/");
    expect(safeCallbackUrl(undefined, ORIGIN)).toBe("/");
    expect(safeCallbackUrl("", ORIGIN)).toBe("/");
  });
});

describe("next-auth's redirect callback", () => {
  beforeAll(() => useTestEnv());
  const redirect = (url: string) => authOptions().callbacks!.redirect!({ url, baseUrl: ORIGIN });

  it("is the one that checks the origin", () => {
    expect(authOptions().callbacks?.redirect).toBe(authRedirect);
  });

  it.each([
    "/..//evil.example",
    "//evil.example",
    "/\\evil.example",
    "https://evil.example/x",
    "javascript:alert(1)",
    "%2F%2Fevil.example",
    "/\t/evil.example",
  ])("sends %j to the console's home page", async (url) => {
    expect(await redirect(url)).toBe(`${ORIGIN}/`);
  });

  it("keeps same-origin targets, relative or absolute", async () => {
    expect(await redirect("/sign-in")).toBe(`${ORIGIN}/sign-in`);
    expect(await redirect(`${ORIGIN}/alerts?status=new`)).toBe(`${ORIGIN}/alerts?status=new`);
  });
});
