// Runs a TypeScript entry point (server, CLI, scripts) in this process with tsx, so signals reach
// it directly. `server-only` resolves to its empty module here: these are server processes.
import { register } from "node:module";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { register as registerTsx } from "tsx/esm/api";

const [entry, ...args] = process.argv.slice(2);
if (!entry) {
  console.error("usage: node scripts/run.mjs <file.ts> [args...]");
  process.exit(2);
}
process.env.NEXT_TELEMETRY_DISABLED = "1";
register("./server-only-hook.mjs", import.meta.url);
registerTsx();
const file = path.resolve(entry);
process.argv = [process.argv[0], file, ...args];
await import(pathToFileURL(file).href);
