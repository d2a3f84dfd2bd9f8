// The audit page's view of the API: which URL parameters are filters, and its fetchers (through
// the one API client).
import { requestJson } from "@/components/ui/api-client";
import type { AuditEntryItem, AuditPage } from "@/lib/audit/query.ts";
import type { VerifyResult } from "@/lib/audit/verify.ts";

export type { AuditEntryItem, AuditPage, VerifyResult };

/** URL search parameters that filter the log; the page's URL, the list and the export share them. */
export const FILTER_PARAMS = ["actor", "action", "outcome", "target", "targetType", "since", "until", "q"] as const;
export type FilterParam = (typeof FILTER_PARAMS)[number];

export const PAGE_SIZE = 50;

/** The filters of a URL, in a stable order, without blanks: also the list's cache key. */
export function filterSearch(params: URLSearchParams): string {
  const out = new URLSearchParams();
  for (const name of FILTER_PARAMS) {
    const value = params.get(name)?.trim();
    if (value) out.set(name, value);
  }
  return out.toString();
}

export function fetchAuditPage(filters: string, cursor: string | null): Promise<AuditPage> {
  const params = new URLSearchParams(filters);
  params.set("limit", String(PAGE_SIZE));
  if (cursor) params.set("cursor", cursor);
  return requestJson<AuditPage>("GET", `/api/v1/audit?${params}`);
}

export function verifyChain(): Promise<VerifyResult> {
  return requestJson<VerifyResult>("GET", "/api/v1/audit/verify");
}

export function exportHref(filters: string, format: "csv" | "ndjson"): string {
  const params = new URLSearchParams(filters);
  params.set("format", format);
  return `/api/v1/audit/export?${params}`;
}
