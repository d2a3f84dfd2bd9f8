// libinjection in a worker thread, as lib/pipeline/scoring-worker.ts runs the engine: the addon
// loads there too (its own WAF handle per thread), after the intrinsics are frozen as the scoring
// worker does. The worker's entry is written to a temporary file (lib/detection may not import
// worker_threads) and run through scripts/ts-worker.mjs, the scoring pool's loader.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { Worker } from "node:worker_threads";
import { expect, it } from "vitest";

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, "../../..");

it("works inside a worker thread with frozen intrinsics", async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "libinjection-worker-"));
  const entry = path.join(dir, "entry.mjs");
  fs.writeFileSync(
    entry,
    [
      `import ${JSON.stringify(pathToFileURL(path.join(root, "lib/security/frozen-intrinsics.ts")).href)};`,
      `const { libinjectionVerdict } = await import(${JSON.stringify(pathToFileURL(path.join(here, "verdict.ts")).href)});`,
      `const v = libinjectionVerdict(["hello", "x' or 'a'='a", "<svg onload=alert(1)>"]);`,
      `console.log(JSON.stringify({ sqli: v.sqli, xss: v.xss, unavailable: v.unavailable ?? null }));`,
    ].join("\n"),
  );
  try {
    const worker = new Worker(path.join(root, "scripts/ts-worker.mjs"), { workerData: { entry }, stdout: true });
    let out = "";
    worker.stdout.on("data", (chunk: Buffer) => (out += chunk.toString()));
    const code = await new Promise<number>((resolve, reject) => {
      worker.once("error", reject);
      worker.once("exit", resolve);
    });
    expect(code).toBe(0);
    expect(JSON.parse(out.trim().split("\n").pop()!)).toEqual({ sqli: [1], xss: [2], unavailable: null });
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});
