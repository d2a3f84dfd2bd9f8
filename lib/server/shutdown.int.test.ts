import { spawn } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { openDatabase, type DatabaseTarget } from "@/lib/db/connect.ts";
import { backends, createScratchPostgres } from "@/lib/db/testing.ts";

const FIXTURE = "lib/server/fixtures/burst-write-server.ts";

async function burstThenSigterm(target: DatabaseTarget, port: number) {
  const args =
    target.mode === "postgres" ? [String(port), "postgres", target.url] : [String(port), "embedded", target.dataDir!];
  const child = spawn(process.execPath, ["scripts/run.mjs", FIXTURE, ...args], { stdio: ["ignore", "pipe", "pipe"] });
  let stderr = "";
  child.stderr.on("data", (d) => (stderr += d));
  const exited = new Promise<number | null>((resolve) => child.on("exit", (code) => resolve(code)));
  await new Promise<void>((resolve, reject) => {
    child.stdout.on("data", (d: Buffer) => d.toString().includes("ready") && resolve());
    child.on("close", () => reject(new Error(`fixture exited early: ${stderr}`)));
  });

  const acknowledged: string[] = [];
  let acknowledgedAfterSignal = 0;
  let signalled = false;
  let next = 0;
  const worker = async () => {
    while (next < 400) {
      const slug = `w${next++}`;
      try {
        const res = await fetch(`http://127.0.0.1:${port}/?slug=${slug}`, { method: "POST" });
        if (res.status === 201) {
          acknowledged.push(slug);
          if (signalled) acknowledgedAfterSignal++;
        }
      } catch {
        return; // the server stopped accepting
      }
      if (acknowledged.length >= 60 && !signalled) {
        signalled = true;
        child.kill("SIGTERM");
      }
    }
  };
  await Promise.all(Array.from({ length: 16 }, worker));
  return { acknowledged, acknowledgedAfterSignal, exitCode: await exited, stderr };
}

describe.each(backends)("SIGTERM during a burst of writes on %s", (backend) => {
  it("exits 0 and loses no acknowledged write", async () => {
    const port = 40_000 + Math.floor(Math.random() * 10_000);
    let target: DatabaseTarget;
    let drop = async () => {};
    if (backend === "pglite") {
      target = { mode: "embedded", dataDir: fs.mkdtempSync(path.join(os.tmpdir(), "sn-shutdown-")) };
    } else {
      const scratch = await createScratchPostgres();
      target = { mode: "postgres", url: scratch.url };
      drop = scratch.drop;
    }
    try {
      const { acknowledged, acknowledgedAfterSignal, exitCode, stderr } = await burstThenSigterm(target, port);
      expect(exitCode, stderr).toBe(0);
      expect(acknowledged.length).toBeGreaterThanOrEqual(60);
      // Requests already in flight when the signal came were finished, not dropped.
      expect(acknowledgedAfterSignal).toBeGreaterThan(0);

      const db = await openDatabase(target);
      const stored = new Set((await db.prisma.org.findMany({ select: { slug: true } })).map((o) => o.slug));
      await db.close();
      expect(acknowledged.filter((slug) => !stored.has(slug))).toEqual([]);
    } finally {
      await drop();
    }
  }, 120_000);
});
