"use client";

import Link from "next/link";
import { useMemo, useSyncExternalStore } from "react";
import { Button } from "@/components/ui/button";

const KEY = "securenet.alerts.views";
const CHANGED = "securenet:views-changed";
type View = { name: string; qs: string };

function subscribe(onChange: () => void) {
  window.addEventListener("storage", onChange);
  window.addEventListener(CHANGED, onChange);
  return () => {
    window.removeEventListener("storage", onChange);
    window.removeEventListener(CHANGED, onChange);
  };
}

/** Named filter sets kept in this browser; each one is also a shareable link. */
export function SavedViews({ current }: { current: string }) {
  const raw = useSyncExternalStore(
    subscribe,
    () => localStorage.getItem(KEY) ?? "[]",
    () => "[]",
  );
  const views = useMemo(() => {
    try {
      return JSON.parse(raw) as View[];
    } catch {
      return [];
    }
  }, [raw]);
  const store = (next: View[]) => {
    localStorage.setItem(KEY, JSON.stringify(next));
    window.dispatchEvent(new Event(CHANGED));
  };
  return (
    <div className="flex flex-wrap items-center gap-2 text-sm" aria-label="Saved views">
      <span className="text-muted">Views:</span>
      <Link
        className="rounded border border-border px-2 py-0.5 hover:border-accent"
        href="/alerts?status=new,acknowledged,in_progress"
      >
        Open
      </Link>
      <Link
        className="rounded border border-border px-2 py-0.5 hover:border-accent"
        href="/alerts?status=new&severity=high"
      >
        New, high+
      </Link>
      {views.map((v) => (
        <span key={v.name} className="inline-flex items-center rounded border border-border">
          <Link className="px-2 py-0.5 hover:text-accent" href={`/alerts?${v.qs}`}>
            {v.name}
          </Link>
          <button
            type="button"
            aria-label={`Delete view ${v.name}`}
            className="px-1 text-muted hover:text-danger"
            onClick={() => store(views.filter((x) => x.name !== v.name))}
          >
            ×
          </button>
        </span>
      ))}
      <Button
        variant="ghost"
        className="h-7 px-2"
        onClick={() => {
          const name = window.prompt("Name this view");
          if (name?.trim()) store([...views.filter((v) => v.name !== name.trim()), { name: name.trim(), qs: current }]);
        }}
      >
        Save current view
      </Button>
    </div>
  );
}
