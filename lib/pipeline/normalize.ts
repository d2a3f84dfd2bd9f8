// A validated event becomes its stored form: raw log lines parsed into the fields the sender left
// empty, a timestamp and an id when absent, and the columns used for filtering.
import { randomUUID } from "node:crypto";
import { wrapNormalizedDoc, type EventDoc, type NormalizedDoc, type NormalizedEvent } from "@/lib/detection/event.ts";
import type { EcsEvent } from "./ecs.ts";
import { parseRawMessage } from "./parsers/index.ts";

const set = <T>(obj: Record<string, unknown>, key: string, value: T | undefined) => {
  if (value !== undefined && obj[key] === undefined) obj[key] = value;
};
const child = (obj: Record<string, unknown>, key: string) => (obj[key] ??= {}) as Record<string, unknown>;

/**
 * Fills in `input` and wraps it. It takes the schema's parse output, whose objects for the known
 * fields (the only ones written here) are the parser's own copies, so no defensive clone is needed:
 * that clone was a tenth of ingest's CPU time.
 */
export function normalizeEvent(input: EcsEvent, now = new Date()): NormalizedEvent {
  const doc = input as NormalizedDoc;
  const parsed = typeof doc.message === "string" ? parseRawMessage(doc.message, doc.event?.module) : null;
  if (parsed) {
    const event = child(doc, "event");
    set(event, "module", parsed.module);
    set(event, "dataset", parsed.dataset);
    set(event, "category", parsed.category);
    set(event, "action", parsed.action);
    set(event, "outcome", parsed.outcome);
    set(doc, "@timestamp", parsed.timestamp);
    set(child(doc, "source"), "ip", parsed.sourceIp);
    set(child(doc, "source"), "port", parsed.sourcePort);
    if (parsed.userName) set(child(doc, "user"), "name", parsed.userName);
    if (parsed.hostName) set(child(doc, "host"), "name", parsed.hostName);
    if (parsed.urlOriginal) set(child(doc, "url"), "original", parsed.urlOriginal);
    if (parsed.httpMethod) set(child(child(doc, "http"), "request"), "method", parsed.httpMethod);
    if (parsed.httpStatus) set(child(child(doc, "http"), "response"), "status_code", parsed.httpStatus);
    if (parsed.userAgent) set(child(doc, "user_agent"), "original", parsed.userAgent);
  }
  const event = child(doc, "event") as NonNullable<EventDoc["event"]>;
  event.id ??= randomUUID();
  doc["@timestamp"] ??= now.toISOString();
  return wrapNormalizedDoc(doc);
}
