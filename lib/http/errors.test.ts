import { describe, expect, it } from "vitest";
import { z } from "zod";
import { AppError, toProblem } from "./errors.ts";

describe("toProblem", () => {
  it("turns zod errors into 400 with field paths", () => {
    const result = z
      .object({ limit: z.number().max(10), filter: z.object({ ip: z.string() }) })
      .safeParse({ limit: 50, filter: {} });
    const { problem } = toProblem(result.error);
    expect(problem.status).toBe(400);
    expect(problem.errors?.map((e) => e.path).sort()).toEqual(["filter.ip", "limit"]);
  });

  it("keeps an AppError's status, detail and headers", () => {
    const { problem, headers } = toProblem(
      new AppError("rate_limited", "Slow down.", undefined, { "retry-after": "5" }),
    );
    expect(problem).toMatchObject({ status: 429, title: "Too many requests", detail: "Slow down." });
    expect(headers).toEqual({ "retry-after": "5" });
  });

  it("never leaks an unexpected error's message", () => {
    const { problem } = toProblem(new Error("password=hunter2 at db.internal:5432"));
    expect(problem.status).toBe(500);
    expect(JSON.stringify(problem)).not.toContain("hunter2");
  });
});
