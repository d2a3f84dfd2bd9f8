import type { Category } from "../types.ts";
import type { NormalizedEvent } from "@/lib/detection/event.ts";
import type { AttackTechniqueId } from "@/lib/vocabulary.ts";
import type { Input } from "./inputs.ts";

export interface PayloadDetector {
  id: string;
  title: string;
  category: Category;
  points: number;
  technique?: AttackTechniqueId;
  /** OWASP CRS paranoia level: 1 fires on clear attacks only, higher levels add weaker signals. */
  paranoia: 1 | 2 | 3 | 4;
  /** Only for some inputs (e.g. the user agent). */
  fields?: readonly string[];
  /** Set on detectors whose `match` reads the third argument: their verdicts on an input are never reused for another event. */
  readsEvent?: true;
  /** The evidence (decoded), or null. `sql` is the input's SQL view; `event` the whole event, for detectors that weigh where a request came from. */
  match(input: Input, sql: string, event?: NormalizedEvent): string | null;
}

/** ATT&CK T1190, Exploit Public-Facing Application: the technique of most web payloads. */
export const WEB: AttackTechniqueId = "T1190";
/** Every request input except the user agent. */
export const BODYLESS = [
  "url.original",
  "http.request.body.content",
  "http.request.referrer",
  "http.request.cookie",
  "http.request.headers",
] as const;
