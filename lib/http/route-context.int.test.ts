// What a handler is given: on a guarded route the caller (never null) and the runtime's database;
// on a public one no principal. The answer's type follows the handler's (checked by tsc).
import { describe, expect, expectTypeOf, it } from "vitest";
import type { PrismaClient } from "@/lib/generated/prisma/client.ts";
import { backends } from "@/lib/db/testing.ts";
import { apiTestOrg } from "@/lib/testing/api-org.ts";
import type { Principal } from "@/lib/users/principal.ts";
import { json, route, type BodyOf } from "./route.ts";

const guarded = route({ permission: "alerts:read" }, async ({ principal, db }) => {
  expectTypeOf(principal).toEqualTypeOf<Principal>();
  expectTypeOf(db).toEqualTypeOf<PrismaClient>();
  const org = await db.org.findUniqueOrThrow({ where: { id: principal.orgId }, select: { slug: true } });
  return { kind: principal.kind, slug: org.slug };
});

const account = route({ authenticated: true }, async ({ principal }) => {
  expectTypeOf(principal).toEqualTypeOf<Principal>();
  return json({ email: principal.email }, { status: 201 });
});

const open = route({ public: true }, async ({ principal }) => {
  expectTypeOf(principal).toEqualTypeOf<null>();
  return { principal };
});

describe("the route context's types", () => {
  it("carry each handler's answer to the route", () => {
    expectTypeOf<BodyOf<typeof guarded>>().toEqualTypeOf<{ kind: Principal["kind"]; slug: string }>();
    expectTypeOf<BodyOf<typeof account>>().toEqualTypeOf<{ email: string }>();
    expectTypeOf<BodyOf<typeof open>>().toEqualTypeOf<{ principal: null }>();
  });
});

describe.each(backends)("the route context on %s", (backend) => {
  const org = apiTestOrg(backend);

  it("gives a guarded handler its caller and the runtime's database", async () => {
    const { status, body } = await org.call(guarded, "GET", "/api/test");
    expect(status).toBe(200);
    const { slug } = await org.runtime.db.prisma.org.findUniqueOrThrow({ where: { id: org.orgId } });
    expect(body).toEqual({ kind: "apikey", slug });
  });

  it("refuses a caller with a key that is not valid before the handler runs", async () => {
    const response = await guarded(
      new Request("http://localhost/api/test", {
        headers: { authorization: `Bearer sn_aaaaaaaaaa_${"x".repeat(43)}` },
      }),
    );
    expect(response.status).toBe(401);
  });

  it("refuses an API key on a signed-in-only route", async () => {
    const { status, body } = await org.call(account, "GET", "/api/test");
    expect(status).toBe(401);
    expect(body.detail).toMatch(/signed-in user/);
  });

  it("gives a public handler no principal, even when credentials are sent", async () => {
    const { status, body } = await org.call(open, "GET", "/api/test");
    expect(status).toBe(200);
    expect(body).toEqual({ principal: null });
  });
});
