// One process per data folder. PGlite is a whole PostgreSQL inside the process that opens it, with
// no server to share it: two processes on the same files (the CLI run while the server is up, say)
// each cache and write pages the other cannot see, and corrupt them. As PostgreSQL does with
// postmaster.pid, the holder writes its pid into a file only one process can create; a file whose
// process is gone (a crash, kill -9) is stale and taken over.
import fs from "node:fs";
import path from "node:path";

export const LOCK_FILE = "securenet.pid";

export class DataDirInUseError extends Error {
  constructor(
    readonly dataDir: string,
    readonly pid: number,
  ) {
    super(
      `The data folder ${dataDir} is in use by process ${pid} (a running SecureNet server?). Stop it first, or do this through the running server's API. ` +
        `If no such process uses it, delete ${path.join(dataDir, LOCK_FILE)}.`,
    );
    this.name = "DataDirInUseError";
  }
}

function holderOf(file: string): number | null {
  try {
    const pid = Number.parseInt(fs.readFileSync(file, "utf8"), 10);
    return Number.isInteger(pid) && pid > 0 ? pid : null;
  } catch {
    return null;
  }
}

function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM"; // alive, but another user's
  }
}

const held = new Set<string>();

/** Links the written file into place; where the file system has no hard links, creates it exclusively. */
function place(written: string, file: string) {
  try {
    fs.linkSync(written, file);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code !== "EPERM" && code !== "ENOTSUP" && code !== "ENOSYS" && code !== "EOPNOTSUPP") throw error;
    fs.writeFileSync(file, fs.readFileSync(written), { flag: "wx" });
  }
}

/** Takes the data folder for this process; the returned function gives it back. */
export function lockDataDir(dataDir: string): () => void {
  const file = path.join(dataDir, LOCK_FILE);
  // Written aside and linked into place, so nobody ever reads a lock file without its pid.
  const mine = `${file}.${process.pid}`;
  fs.writeFileSync(mine, `${process.pid}\n`);
  try {
    for (;;) {
      try {
        place(mine, file);
        held.add(file);
        return () => {
          held.delete(file);
          if (holderOf(file) === process.pid) fs.rmSync(file, { force: true });
        };
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
        const holder = holderOf(file);
        // Our own pid in a file we did not write: left by an earlier run that had it (a restarted container's pid 1).
        const inUse = holder === process.pid ? held.has(file) : holder !== null && isRunning(holder);
        if (inUse) throw new DataDirInUseError(dataDir, holder!);
        fs.rmSync(file, { force: true });
      }
    }
  } finally {
    fs.rmSync(mine, { force: true });
  }
}
