// A verdict worker thread's entry (started by verdict-workers.ts through scripts/ts-worker.mjs).
import { serveVerdicts } from "./verdict-service.ts";

serveVerdicts();
