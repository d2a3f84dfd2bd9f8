import { describe, expect, it } from "vitest";
import { AppError } from "@/lib/http/errors.ts";
import { assertMayActOn, assertMayGrant, GrantRefusedError, missingPermissions } from "./grants.ts";
import { BUILT_IN_ROLES, PERMISSIONS } from "./permissions.ts";

const helpdesk = { permissions: ["users:read", "users:write"] };
const what = { field: "roles", action: "create a user with the roles admin" };

describe("the grant rule", () => {
  it("names every permission the actor lacks, in catalogue order, unknown names last", () => {
    expect(missingPermissions(helpdesk, ["users:write", "audit:read", "alerts:read", "users:read"])).toEqual([
      "alerts:read",
      "audit:read",
    ]);
    expect(missingPermissions(helpdesk, ["users:read", "users:read"])).toEqual([]);
    expect(missingPermissions(helpdesk, ["users:delete"])).toEqual(["users:delete"]);
  });

  it("denies by default: no actor, or an actor 'holding' unknown names, holds nothing", () => {
    expect(missingPermissions(null, ["alerts:read"])).toEqual(["alerts:read"]);
    expect(missingPermissions({ permissions: ["*", "admin"] }, ["alerts:read"])).toEqual(["alerts:read"]);
  });

  it("refuses a grant beyond what the actor holds with a 403 that names the field and what is missing", () => {
    let error: unknown;
    try {
      assertMayGrant(helpdesk, BUILT_IN_ROLES.admin!.permissions, what);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(GrantRefusedError);
    expect(error).toBeInstanceOf(AppError);
    expect(error).toMatchObject({
      status: 403,
      errors: [{ path: "roles", message: expect.stringContaining("settings:write") }],
    });
    expect((error as GrantRefusedError).message).toMatch(
      /^You cannot create a user with the roles admin: .*roles:write/,
    );
    expect((error as GrantRefusedError).missing).not.toContain("users:write");
  });

  it("allows granting or acting on exactly what the actor holds, or less", () => {
    expect(() => assertMayGrant(helpdesk, ["users:read"], what)).not.toThrow();
    expect(() => assertMayGrant(helpdesk, [], what)).not.toThrow();
    expect(() => assertMayActOn({ permissions: PERMISSIONS }, BUILT_IN_ROLES.admin!.permissions, what)).not.toThrow();
  });

  it("only an actor holding everything acts on an admin", () => {
    const allButOne = { permissions: PERMISSIONS.filter((p) => p !== "metrics:read") };
    expect(() =>
      assertMayActOn(allButOne, BUILT_IN_ROLES.admin!.permissions, {
        field: "id",
        action: "reset the password of root@example.test",
      }),
    ).toThrow(/metrics:read/);
  });
});
