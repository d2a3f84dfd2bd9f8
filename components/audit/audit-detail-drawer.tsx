"use client";

import { useEffect, useId, useRef, type ReactNode } from "react";
import { Button } from "@/components/ui/button";
import type { AuditEntryItem } from "./audit-api";
import { formatTime } from "./audit-table";
import { OutcomeBadge } from "./outcome-badge";

/**
 * Every field of one entry in a modal side panel. A native <dialog> opened with showModal() traps
 * focus, closes on Escape and returns focus to the row's button.
 */
export function AuditDetailDrawer({ entry, onClose }: { entry: AuditEntryItem | null; onClose: () => void }) {
  const ref = useRef<HTMLDialogElement>(null);
  const titleId = useId();

  useEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    if (entry && !dialog.open) dialog.showModal();
    if (!entry && dialog.open) dialog.close();
  }, [entry]);

  return (
    <dialog
      ref={ref}
      aria-labelledby={titleId}
      onClose={onClose}
      onClick={(event) => {
        // A click on the backdrop lands on the dialog element itself.
        if (event.target === event.currentTarget) event.currentTarget.close();
      }}
      className="fixed inset-y-0 right-0 left-auto m-0 h-full max-h-none w-full max-w-2xl border-l border-border bg-surface p-0 text-fg shadow-2xl backdrop:bg-black/60"
    >
      {entry && (
        <div className="flex h-full flex-col">
          <header className="flex items-start justify-between gap-4 border-b border-border px-6 py-4">
            <div className="min-w-0">
              <h2 id={titleId} className="text-base font-semibold">
                Audit entry #{entry.seq}
              </h2>
              <p className="mt-1 flex flex-wrap items-center gap-2 text-sm text-muted">
                <span className="font-mono text-fg">{entry.action}</span>
                <OutcomeBadge outcome={entry.outcome} />
                <span>{formatTime(entry.at)}</span>
              </p>
            </div>
            <Button variant="secondary" autoFocus onClick={() => ref.current?.close()}>
              Close
            </Button>
          </header>
          <div className="flex-1 overflow-y-auto px-6 py-5">
            <dl className="grid grid-cols-[9rem_minmax(0,1fr)] gap-x-4 gap-y-2.5 text-sm">
              <Row label="Sequence">{entry.seq}</Row>
              <Row label="Time (UTC)" mono>
                {entry.at}
              </Row>
              <Row label="Actor type">{entry.actorType}</Row>
              <Row label="Actor id" mono>
                {entry.actorId}
              </Row>
              <Row label="Actor">{entry.actorLabel}</Row>
              <Row label="Action" mono>
                {entry.action}
              </Row>
              <Row label="Outcome">{entry.outcome}</Row>
              <Row label="Target type">{entry.targetType}</Row>
              <Row label="Target id" mono>
                {entry.targetId}
              </Row>
              <Row label="Target">{entry.targetLabel}</Row>
              <Row label="Source IP" mono>
                {entry.sourceIp}
              </Row>
              <Row label="User agent">{entry.userAgent}</Row>
              <Row label="Request id" mono>
                {entry.requestId}
              </Row>
              <Row label="Entry id" mono>
                {entry.id}
              </Row>
            </dl>
            <h3 className="mt-6 mb-2 text-sm font-semibold">Detail</h3>
            <pre className="overflow-x-auto rounded-md border border-border bg-bg p-3 font-mono text-xs leading-relaxed">
              {JSON.stringify(entry.detail ?? {}, null, 2)}
            </pre>
            <h3 className="mt-6 mb-2 text-sm font-semibold">Hash chain</h3>
            <dl className="grid grid-cols-[9rem_minmax(0,1fr)] gap-x-4 gap-y-2.5 text-sm">
              <Row label="Previous hash" mono>
                {entry.prevHash}
              </Row>
              <Row label="Hash" mono>
                {entry.hash}
              </Row>
            </dl>
          </div>
        </div>
      )}
    </dialog>
  );
}

function Row({ label, mono = false, children }: { label: string; mono?: boolean; children: ReactNode }) {
  const empty = children === null || children === undefined || children === "";
  return (
    <>
      <dt className="text-muted">{label}</dt>
      <dd className={`min-w-0 break-all ${mono ? "font-mono text-xs leading-5" : ""} ${empty ? "text-muted" : ""}`}>
        {empty ? "—" : children}
      </dd>
    </>
  );
}
