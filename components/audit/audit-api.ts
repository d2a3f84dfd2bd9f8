// The audit page's view of the API: which URL parameters are filters, the query keys, and fetchers
// that turn problem+json answers into readable errors.
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

export const auditKeys = { all: ["audit"] as const, list: (filters: string) => ["audit", "list", filters] as const };

export class ApiError extends Error {
  constructor(
    message: string,
    readonly status: number,
    readonly fieldErrors: { path: string; message: string }[] = [],
  ) {
    super(message);
    this.name = "ApiError";
  }
}

async function getJson<T>(url: string): Promise<T> {
  const response = await fetch(url, { headers: { accept: "application/json" }, cache: "no-store" });
  if (response.ok) return (await response.json()) as T;
  const problem = (await response.json().catch(() => null)) as {
    detail?: string;
    title?: string;
    errors?: { path: string; message: string }[];
  } | null;
  throw new ApiError(
    problem?.detail ?? problem?.title ?? `Request failed (${response.status})`,
    response.status,
    problem?.errors,
  );
}

export function fetchAuditPage(filters: string, cursor: string | null): Promise<AuditPage> {
  const params = new URLSearchParams(filters);
  params.set("limit", String(PAGE_SIZE));
  if (cursor) params.set("cursor", cursor);
  return getJson<AuditPage>(`/api/v1/audit?${params}`);
}

export function verifyChain(): Promise<VerifyResult> {
  return getJson<VerifyResult>("/api/v1/audit/verify");
}

export function exportHref(filters: string, format: "csv" | "ndjson"): string {
  const params = new URLSearchParams(filters);
  params.set("format", format);
  return `/api/v1/audit/export?${params}`;
}
