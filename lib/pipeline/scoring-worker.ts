// A scoring worker thread's entry (started by start-scoring-pool.ts through scripts/ts-worker.mjs).
// Its intrinsics are frozen first, as the server's are.
import "@/lib/security/frozen-intrinsics.ts";
import { serveScoring } from "./scoring-worker-job.ts";

serveScoring();
