import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it, vi } from "vitest";
import { DataDirInUseError, LOCK_FILE, lockDataDir } from "./data-dir-lock.ts";

const dirs: string[] = [];
const dataDir = () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "sn-lock-"));
  dirs.push(dir);
  return dir;
};
afterEach(() => {
  vi.restoreAllMocks();
  for (const dir of dirs.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
});

/** The pid of a process that has exited. */
const deadPid = () =>
  spawnSync(process.execPath, ["-e", "process.stdout.write(String(process.pid))"], { encoding: "utf8" }).stdout.trim();

describe("the data folder lock", () => {
  it("lets one holder in at a time and names it to the next", () => {
    const dir = dataDir();
    const release = lockDataDir(dir);
    expect(fs.readFileSync(path.join(dir, LOCK_FILE), "utf8")).toBe(`${process.pid}\n`);
    expect(() => lockDataDir(dir)).toThrow(DataDirInUseError);
    expect(() => lockDataDir(dir)).toThrow(new RegExp(`in use by process ${process.pid}`));
    release();
    expect(fs.readdirSync(dir)).toEqual([]);
    lockDataDir(dir)();
  });

  it("refuses while another live process holds it", () => {
    const dir = dataDir();
    fs.writeFileSync(path.join(dir, LOCK_FILE), `${process.ppid}\n`);
    expect(() => lockDataDir(dir)).toThrow(DataDirInUseError);
    expect(fs.readFileSync(path.join(dir, LOCK_FILE), "utf8")).toBe(`${process.ppid}\n`);
  });

  it("takes over a lock left by a process that is gone, by an earlier run with our pid, or unreadable", () => {
    for (const left of [`${deadPid()}\n`, `${process.pid}\n`, "", "not a pid"]) {
      const dir = dataDir();
      fs.writeFileSync(path.join(dir, LOCK_FILE), left);
      const release = lockDataDir(dir);
      expect(fs.readFileSync(path.join(dir, LOCK_FILE), "utf8")).toBe(`${process.pid}\n`);
      release();
    }
  });

  it("works where the file system has no hard links", () => {
    vi.spyOn(fs, "linkSync").mockImplementation(() => {
      throw Object.assign(new Error("operation not permitted"), { code: "EPERM" });
    });
    const dir = dataDir();
    const release = lockDataDir(dir);
    expect(fs.readFileSync(path.join(dir, LOCK_FILE), "utf8")).toBe(`${process.pid}\n`);
    expect(() => lockDataDir(dir)).toThrow(DataDirInUseError);
    release();
    expect(fs.readdirSync(dir)).toEqual([]);
  });

  it("does not remove a lock it no longer holds", () => {
    const dir = dataDir();
    const release = lockDataDir(dir);
    fs.writeFileSync(path.join(dir, LOCK_FILE), `${process.ppid}\n`);
    release();
    expect(fs.readFileSync(path.join(dir, LOCK_FILE), "utf8")).toBe(`${process.ppid}\n`);
  });
});
