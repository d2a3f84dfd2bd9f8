// A verdict worker thread's entry (started by verdict-workers.ts through scripts/ts-worker.mjs). Its
// intrinsics are frozen first, as the server's are.
import "@/lib/security/frozen-intrinsics.ts";
import { serveVerdicts } from "./scoring-worker-job.ts";

serveVerdicts();
