"use client";

import { useInfiniteQuery } from "@tanstack/react-query";
import { useSearchParams } from "next/navigation";
import { useState } from "react";
import { Button, buttonClasses } from "@/components/ui/button";
import { ApiError, retryServerErrors } from "@/components/ui/api-client";
import { queryKeys } from "@/components/ui/query-keys";
import { exportHref, fetchAuditPage, filterSearch, type AuditEntryItem } from "./audit-api";
import { AuditDetailDrawer } from "./audit-detail-drawer";
import { AuditFilterBar } from "./audit-filter-bar";
import { AuditTable } from "./audit-table";
import { VerifyChainButton } from "./verify-chain-button";

/** The audit page's body: filters in the URL, the matching entries page by page, export and verify. */
export function AuditLog() {
  const searchParams = useSearchParams();
  const params = new URLSearchParams(searchParams?.toString() ?? "");
  const filters = filterSearch(params);
  const [selected, setSelected] = useState<AuditEntryItem | null>(null);

  const list = useInfiniteQuery({
    queryKey: queryKeys.audit.list(filters),
    queryFn: ({ pageParam }) => fetchAuditPage(filters, pageParam),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.nextCursor,
    // A 4xx (bad filters, lost session) will not change on a retry.
    retry: retryServerErrors,
  });
  const items = list.data?.pages.flatMap((page) => page.items) ?? [];

  return (
    <div className="flex flex-col gap-4">
      <AuditFilterBar params={params} />
      <div className="flex flex-wrap items-center justify-between gap-3">
        <VerifyChainButton />
        <div className="flex items-center gap-2">
          <a href={exportHref(filters, "csv")} download className={buttonClasses("secondary")}>
            Export CSV
          </a>
          <a href={exportHref(filters, "ndjson")} download className={buttonClasses("secondary")}>
            Export NDJSON
          </a>
        </div>
      </div>

      {list.isError ? (
        <ListError error={list.error} />
      ) : list.isPending ? (
        <p className="rounded-xl border border-border bg-surface px-4 py-10 text-center text-sm text-muted">
          Loading entries…
        </p>
      ) : items.length === 0 ? (
        <p className="rounded-xl border border-dashed border-border-strong bg-surface px-4 py-10 text-center text-sm text-muted">
          No audit entries match these filters.
        </p>
      ) : (
        <>
          <AuditTable items={items} onOpen={setSelected} />
          <div className="flex items-center justify-between gap-3 text-sm text-muted">
            <p aria-live="polite">
              Showing {items.length.toLocaleString()} {items.length === 1 ? "entry" : "entries"}
              {list.hasNextPage ? "" : ", all that match"}.
            </p>
            {list.hasNextPage && (
              <Button
                variant="secondary"
                onClick={() => list.fetchNextPage()}
                disabled={list.isFetchingNextPage}
                aria-busy={list.isFetchingNextPage}
              >
                {list.isFetchingNextPage ? "Loading…" : "Load more"}
              </Button>
            )}
          </div>
        </>
      )}
      <AuditDetailDrawer entry={selected} onClose={() => setSelected(null)} />
    </div>
  );
}

function ListError({ error }: { error: Error }) {
  const fields = error instanceof ApiError ? error.fieldErrors : [];
  return (
    <div role="alert" className="rounded-xl border border-danger/40 bg-danger/10 px-4 py-3 text-sm">
      <p className="font-medium text-danger">The audit log could not be loaded: {error.message}</p>
      {fields.length > 0 && (
        <ul className="mt-2 list-disc pl-5 text-fg">
          {fields.map((f) => (
            <li key={f.path}>
              <code className="font-mono">{f.path}</code> {f.message}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
