// Exporting the audit entries that match a filter as CSV or NDJSON. Pages through the list query
// in keyset batches and yields one line at a time, so memory stays flat however many entries
// match. Entries appended during an export have higher seqs than the first page and are left out:
// the export is the log as it stood when it started.
import "server-only";
import type { PrismaClient } from "@/lib/generated/prisma/client.ts";
import type { AuditExportFormat, AuditFilters } from "@/lib/validation/audit.ts";
import { findAuditRows, toAuditItem, type AuditEntryItem } from "./query.ts";

export const EXPORT_BATCH = 1_000;

export const CSV_COLUMNS = [
  "seq",
  "at",
  "actorType",
  "actorId",
  "actorLabel",
  "action",
  "outcome",
  "targetType",
  "targetId",
  "targetLabel",
  "sourceIp",
  "userAgent",
  "requestId",
  "detail",
  "prevHash",
  "hash",
] as const satisfies readonly (keyof AuditEntryItem)[];

export const EXPORT_CONTENT_TYPES: Record<AuditExportFormat, string> = {
  csv: "text/csv; charset=utf-8",
  ndjson: "application/x-ndjson; charset=utf-8",
};

/**
 * One CSV field (RFC 4180). A value a spreadsheet would run as a formula (= + - @ tab CR) gets a
 * leading single quote: audit data comes from attackers as often as from admins.
 */
export function csvField(value: string | null): string {
  if (value === null || value === "") return "";
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

export function csvHeader(): string {
  return `${CSV_COLUMNS.join(",")}\r\n`;
}

export function csvLine(item: AuditEntryItem): string {
  const cells = CSV_COLUMNS.map((column) =>
    csvField(column === "detail" ? JSON.stringify(item.detail ?? {}) : item[column]),
  );
  return `${cells.join(",")}\r\n`;
}

export function ndjsonLine(item: AuditEntryItem): string {
  return `${JSON.stringify(item)}\n`;
}

/** The export's lines, each ending in its line break; a CSV export starts with the header. */
export async function* exportAuditEntries(
  db: PrismaClient,
  orgId: string,
  filters: AuditFilters,
  format: AuditExportFormat,
  { batch = EXPORT_BATCH } = {},
): AsyncGenerator<string> {
  const line = format === "csv" ? csvLine : ndjsonLine;
  if (format === "csv") yield csvHeader();
  let before: bigint | undefined;
  for (;;) {
    const rows = await findAuditRows(db, orgId, filters, { before, limit: batch });
    for (const row of rows) yield line(toAuditItem(row));
    if (rows.length < batch) return;
    before = rows[rows.length - 1]!.seq;
  }
}

/**
 * A byte stream of the lines, pulled as the client reads (backpressure): each pull sends up to
 * `chunkBytes` of lines. A client that disconnects stops the export.
 */
export function linesToStream(
  lines: AsyncIterable<string>,
  { chunkBytes = 64 * 1024, onError }: { chunkBytes?: number; onError?: (error: unknown) => void } = {},
) {
  const iterator = lines[Symbol.asyncIterator]();
  const encoder = new TextEncoder();
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      try {
        let chunk = "";
        while (chunk.length < chunkBytes) {
          const next = await iterator.next();
          if (next.done) {
            if (chunk) controller.enqueue(encoder.encode(chunk));
            controller.close();
            return;
          }
          chunk += next.value;
        }
        controller.enqueue(encoder.encode(chunk));
      } catch (error) {
        onError?.(error);
        controller.error(error);
      }
    },
    async cancel() {
      await iterator.return?.();
    },
  });
}
