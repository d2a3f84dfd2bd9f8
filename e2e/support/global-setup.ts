// Starts the real servers as a newcomer would (`npm start` entry point, production build) and
// captures the one-time admin password each first run prints.
import { spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { HttpSession } from "./accounts";
import { E2E_TARGETS, STATE_FILE, adminStorageFile, type E2EState, type E2ETarget } from "./targets";

function startServer(target: E2ETarget, extraEnv: Record<string, string>) {
  const child = spawn(process.execPath, ["scripts/run.mjs", "scripts/start.ts"], {
    env: { ...process.env, ...extraEnv, PORT: String(target.port), LOG_LEVEL: "warn", SECURENET_DEMO: "0" },
    stdio: ["ignore", "pipe", "pipe"],
    detached: false,
  });
  let output = "";
  const ready = new Promise<{ password?: string; email?: string }>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`${target.name} did not start:\n${output}`)), 90_000);
    const poll = setInterval(async () => {
      try {
        const res = await fetch(`${target.baseURL}/api/ready`);
        if (res.ok) {
          clearTimeout(timer);
          clearInterval(poll);
          const password = /password:\s+(\S+)\s+\(one-time/.exec(output)?.[1];
          const email = /email:\s+(\S+)/.exec(output)?.[1];
          resolve({ password, email });
        }
      } catch {
        // not listening yet
      }
    }, 250);
    child.on("exit", (code) => {
      clearTimeout(timer);
      clearInterval(poll);
      reject(new Error(`${target.name} exited with ${code}:\n${output}`));
    });
  });
  child.stdout.on("data", (d) => (output += d));
  child.stderr.on("data", (d) => (output += d));
  return { child, ready };
}

export default async function globalSetup() {
  fs.mkdirSync(path.dirname(STATE_FILE), { recursive: true });
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "sn-e2e-"));
  const state: E2EState = { admins: {} as E2EState["admins"], pids: [] };

  let pgEnv: Record<string, string> = {};
  if (process.env.DATABASE_URL) {
    const name = `sn_e2e_${Date.now().toString(36)}_${randomBytes(3).toString("hex")}`;
    const admin = new pg.Client({ connectionString: process.env.DATABASE_URL });
    await admin.connect();
    await admin.query(`CREATE DATABASE "${name}"`);
    await admin.end();
    const url = new URL(process.env.DATABASE_URL);
    url.pathname = `/${name}`;
    state.scratchDatabase = name;
    pgEnv = {
      DATABASE_URL: url.toString(),
      AUTH_SECRET: randomBytes(32).toString("base64url"),
      SECURENET_ENCRYPTION_KEY: randomBytes(32).toString("base64"),
    };
  }

  // All servers start at the same moment; the PostgreSQL pair races for one empty database.
  const started = E2E_TARGETS.map((target) =>
    startServer(target, target.database === "postgres" ? pgEnv : { DATABASE_URL: "", SECURENET_DATA_DIR: dataDir }),
  );
  state.pids = started.map((s) => s.child.pid!);
  fs.writeFileSync(STATE_FILE, JSON.stringify(state));
  const results = await Promise.all(started.map((s) => s.ready));

  E2E_TARGETS.forEach((target, i) => {
    const { email, password } = results[i]!;
    if (email && password) {
      if (state.admins[target.database]) throw new Error(`a second admin was created for ${target.database}`);
      state.admins[target.database] = { email, password };
    }
  });
  for (const kind of new Set(E2E_TARGETS.map((t) => t.database))) {
    if (!state.admins[kind]) throw new Error(`no one-time admin password was printed for ${kind}`);
  }
  fs.writeFileSync(STATE_FILE, JSON.stringify(state));

  // The admin finishes first sign-in once (own password, TOTP) and every test reuses that session:
  // a TOTP code works once per 30-second step, so signing in afresh per test would mean waiting.
  for (const kind of new Set(E2E_TARGETS.map((t) => t.database))) {
    const target = E2E_TARGETS.find((t) => t.database === kind)!;
    const session = new HttpSession(target.baseURL);
    const printed = state.admins[kind];
    state.admins[kind] = {
      ...(await session.completeSetup(printed.email, printed.password)),
      oneTimePassword: printed.password,
    };
    fs.writeFileSync(adminStorageFile(kind), JSON.stringify(session.storageState()));
  }
  fs.writeFileSync(STATE_FILE, JSON.stringify(state));
}
