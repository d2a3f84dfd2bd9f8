// Stops the servers with SIGTERM (they must exit 0) and drops the scratch database.
import fs from "node:fs";
import pg from "pg";
import { STATE_FILE, type E2EState } from "./targets";

async function stop(pid: number): Promise<void> {
  try {
    process.kill(pid, "SIGTERM");
  } catch {
    return;
  }
  for (let i = 0; i < 150; i++) {
    try {
      process.kill(pid, 0);
    } catch {
      return;
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  process.kill(pid, "SIGKILL");
  throw new Error(`server ${pid} did not exit within 15 s of SIGTERM`);
}

export default async function globalTeardown() {
  if (!fs.existsSync(STATE_FILE)) return;
  const state = JSON.parse(fs.readFileSync(STATE_FILE, "utf8")) as E2EState;
  await Promise.all(state.pids.map(stop));
  if (state.scratchDatabase && process.env.DATABASE_URL) {
    const client = new pg.Client({ connectionString: process.env.DATABASE_URL });
    await client.connect();
    await client.query(`DROP DATABASE IF EXISTS "${state.scratchDatabase}" WITH (FORCE)`);
    await client.end();
  }
}
