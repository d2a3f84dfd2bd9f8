// The one place SecureNet keeps process state on globalThis, and why: server.ts (and the CLI)
// load lib/ once, and Next bundles the route handlers and pages with a second copy of every lib
// module. A module variable would give each copy its own database, Redis clients, buses and
// caches; the slot below is how the bundled copy finds the runtime the server built. Everything
// else is passed down from the runtime or kept in plain module variables.
import type { Runtime } from "./runtime.ts";

interface ProcessSlot {
  runtime?: Runtime;
  /** State both module copies must share even before (or without) a runtime: buses, caches. */
  shared: Map<string, unknown>;
}

const holder = globalThis as typeof globalThis & { __securenetProcess?: ProcessSlot };
const slot: ProcessSlot = (holder.__securenetProcess ??= { shared: new Map() });

/** Makes `runtime` the process's (undefined: none). The caller keeps closing it. */
export function installRuntime(runtime: Runtime | undefined) {
  slot.runtime = runtime;
}

/** The runtime server.ts, the CLI or the test harness installed. */
export function processRuntime(): Runtime {
  if (!slot.runtime) throw new Error("SecureNet's runtime is not built in this process (start it with `npm start`).");
  return slot.runtime;
}

/** For modules with a fallback of their own when no runtime is installed (unit tests, one-shot scripts). */
export function installedRuntime(): Runtime | undefined {
  return slot.runtime;
}

/**
 * State shared by both module copies that must exist before a runtime does (listeners subscribe
 * at import or in tests without one): `create` runs once per process and name.
 */
export function processShared<T>(name: string, create: () => T): T {
  if (!slot.shared.has(name)) slot.shared.set(name, create());
  return slot.shared.get(name) as T;
}
