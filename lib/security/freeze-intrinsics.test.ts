// The intrinsics freeze (issue 18, finding 1), in a child process so this test runner's own
// intrinsics stay as they are: pollution fails, ordinary code that shadows inherited methods (the
// override mistake, as decimal.js in Prisma does) keeps working, and so do the libraries the
// server loads.
import { spawnSync } from "node:child_process";
import path from "node:path";
import { describe, expect, it } from "vitest";

const root = path.resolve(import.meta.dirname, "../..");

function runFrozen(code: string) {
  const script = `import { freezeIntrinsics } from ${JSON.stringify(path.join(root, "lib/security/freeze-intrinsics.ts"))};\nfreezeIntrinsics();\n${code}`;
  const result = spawnSync(process.execPath, ["--import", "tsx", "--input-type=module", "-e", script], {
    cwd: root,
    encoding: "utf8",
    timeout: 60_000,
  });
  return { status: result.status, out: result.stdout.trim(), err: result.stderr.trim() };
}

describe("freezing the intrinsics", () => {
  it("makes prototype pollution fail, in strict and sloppy code alike", () => {
    const { status, out, err } = runFrozen(`
      let strict = "assigned";
      try { const o = {}; o.__proto__.polluted = 1; } catch (e) { strict = e.constructor.name; }
      (0, eval)("var p = {}; p.__proto__.sloppy = 1; Array.prototype.evil = 1;");
      try { Object.prototype.toString = () => "x"; } catch (e) { strict += "," + e.constructor.name; }
      console.log(strict, {}.polluted, {}.sloppy, [].evil, (await import(${JSON.stringify(path.join(root, "lib/security/freeze-intrinsics.ts"))})).isLocked(Object.prototype), Object.isFrozen(Array.prototype), String({}));
    `);
    expect(err).toBe("");
    expect(status).toBe(0);
    expect(out).toBe("TypeError,TypeError undefined undefined undefined true true [object Object]");
  });

  it("locks Object.prototype: nothing added, replaced or deleted, whatever the name", () => {
    const { status, out, err } = runFrozen(`
      const tries = [
        () => { Object.prototype.public = true; },
        () => { Object.defineProperty(Object.prototype, "authenticated", { value: true }); },
        () => { Object.prototype.hasOwnProperty = () => true; },
        () => { Object.prototype.__defineGetter__ = () => {}; },
        () => { delete Object.prototype.toString; },
        () => { Object.prototype.__proto__ = { polluted: true }; },
        () => { Object.defineProperty(Object.prototype, "valueOf", { value: () => 1 }); },
      ];
      const refused = tries.map((t) => { try { t(); return false; } catch { return true; } });
      console.log(refused.join(","), "public" in {}, "authenticated" in {}, {}.polluted, typeof Object.prototype.toString, ({}).hasOwnProperty("x"));
    `);
    expect(err).toBe("");
    expect(status).toBe(0);
    expect(out).toBe("true,true,true,true,true,true,true false false undefined function false");
  });

  it("lets objects shadow inherited methods by assignment, and loads zod, pg, PGlite, Prisma's runtime, Next, next-auth and Socket.IO", () => {
    const { status, out, err } = runFrozen(`
      const P = { toStringTag: "Decimal" }; P.toString = function () { return "decimal"; }; P.valueOf = () => 7; P.constructor = function D() {};
      class E extends Error { constructor() { super("m"); this.name = "E"; this.message = "own"; } }
      const e = new E();
      for (const m of ["zod", "pg", "@electric-sql/pglite", "@prisma/client/runtime/client", "next", "next-auth", "socket.io"]) await import(m);
      console.log(String(P), P + 1, e.name, e.message, Object.hasOwn(P, "toString"));
    `);
    expect(err).toBe("");
    expect(status).toBe(0);
    expect(out).toBe("decimal 8 E own true");
  });

  it("leaves the properties V8's fast paths watch as data properties (an accessor there made every array map/filter/slice take the species slow path)", () => {
    const { status, out, err } = runFrozen(`
      const data = (o, k) => "value" in Object.getOwnPropertyDescriptor(o, k);
      const watched = [[Array.prototype, "constructor"], [Promise.prototype, "constructor"], [Promise.prototype, "then"], [RegExp.prototype, "exec"], [Map.prototype, "set"], [Set.prototype, "add"]];
      console.log(watched.map(([o, k]) => data(o, k)).join(","), [1, 2, 3].map((x) => x * 2).filter((x) => x > 2).constructor === Array, Object.isExtensible(RegExp.prototype));
    `);
    expect(err).toBe("");
    expect(status).toBe(0);
    // RegExp.prototype untouched: frozen, every regex ran 12-16x slower (V8's fast path needs its initial shape).
    expect(out).toBe("true,true,true,true,true,true true true");
  });
});
