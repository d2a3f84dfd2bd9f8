// Browser calls for the rules page: the catalogue, rule overrides and uploads, the log test,
// detection settings and IP blocks.
import { requestJson } from "@/components/ui/api-client";
import type { LogTestResult } from "@/lib/pipeline/log-test.ts";
import type { RuleEntry } from "@/lib/rules/catalogue.ts";
import type { Settings } from "@/lib/rules/detection-settings.ts";

export type { LogTestResult, RuleEntry, Settings };

export interface BlockItem {
  id: string;
  ip: string;
  reason: string;
  createdBy: string;
  createdAt: string;
  expiresAt: string;
}

export const fetchRules = () => requestJson<{ items: RuleEntry[] }>("GET", "/api/v1/rules").then((r) => r.items);
export const patchRule = (
  id: string,
  body: { enabled?: boolean; threshold?: number | null; windowSeconds?: number | null },
) => requestJson<unknown>("PATCH", `/api/v1/rules/${encodeURIComponent(id)}`, body);
export const uploadRule = (yaml: string) =>
  requestJson<{ id: string; title: string }>("POST", "/api/v1/rules", { yaml });
export const deleteRule = (id: string) => requestJson<void>("DELETE", `/api/v1/rules/${encodeURIComponent(id)}`);
export const scoreEvents = (events: unknown[]) =>
  requestJson<{ results: LogTestResult[] }>("POST", "/api/v1/score", events).then((r) => r.results);
export const fetchSettings = () => requestJson<Settings>("GET", "/api/v1/settings/detection");
export const patchSettings = (body: Partial<Settings>) =>
  requestJson<Settings>("PATCH", "/api/v1/settings/detection", body);
export const fetchBlocks = () => requestJson<{ items: BlockItem[] }>("GET", "/api/v1/blocks").then((r) => r.items);
export const liftBlock = (id: string) => requestJson<void>("DELETE", `/api/v1/blocks/${id}`);

/** What the analyst typed: a JSON event, a JSON array, NDJSON, or raw log lines (one event each). */
export function parseTestInput(text: string): unknown[] {
  const trimmed = text.trim();
  if (!trimmed) return [];
  if (trimmed.startsWith("[")) return JSON.parse(trimmed) as unknown[];
  if (trimmed.startsWith("{")) {
    try {
      return [JSON.parse(trimmed)];
    } catch {
      return trimmed
        .split(/\r?\n/)
        .filter((l) => l.trim())
        .map((l) => JSON.parse(l) as unknown);
    }
  }
  return trimmed
    .split(/\r?\n/)
    .filter((l) => l.trim())
    .map((message) => ({ message }));
}
