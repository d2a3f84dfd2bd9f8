import { describe, expect, it } from "vitest";
import { createBus } from "./typed-emitter.ts";

describe("a typed bus", () => {
  it("delivers to every listener in order, and a failing listener stops neither the others nor the emitter", () => {
    const failures: string[] = [];
    const bus = createBus<number>("test", (error, name) => failures.push(`${name}: ${(error as Error).message}`));
    const heard: string[] = [];
    bus.on((n) => heard.push(`a${n}`));
    bus.on(() => {
      throw new Error("boom");
    });
    bus.on((n) => heard.push(`c${n}`));
    expect(() => bus.emit(1)).not.toThrow();
    expect(heard).toEqual(["a1", "c1"]);
    expect(failures).toEqual(["test: boom"]);
  });

  it("stops delivering after unsubscribe, one subscription at a time", () => {
    const bus = createBus<string>("test", () => {});
    const heard: string[] = [];
    const listener = (s: string) => heard.push(s);
    const first = bus.on(listener);
    bus.on(listener);
    bus.emit("x");
    first();
    bus.emit("y");
    expect(heard).toEqual(["x", "x", "y"]);
    expect(bus.size).toBe(1);
  });
});
