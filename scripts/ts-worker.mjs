// Runs a TypeScript module in a worker thread: on Node 20, worker threads do not inherit the tsx
// and `server-only` hooks that scripts/run.mjs registered for the main thread.
import { register } from "node:module";
import { pathToFileURL } from "node:url";
import { workerData } from "node:worker_threads";
import { register as registerTsx } from "tsx/esm/api";

register("./server-only-hook.mjs", import.meta.url);
registerTsx();
await import(pathToFileURL(workerData.entry).href);
