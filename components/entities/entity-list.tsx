"use client";

import { useQuery } from "@tanstack/react-query";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { FormError } from "@/components/ui/form-error";
import { INPUT_CLASSES } from "@/components/ui/text-field";
import { Button } from "@/components/ui/button";
import { requestJson, retryServerErrors } from "@/components/ui/api-client";
import { queryKeys } from "@/components/ui/query-keys";

const TYPES = [
  { value: "ip", label: "Source IPs" },
  { value: "user", label: "Users" },
  { value: "host", label: "Hosts" },
] as const;

/** The riskiest entities of a kind, and a way to open any entity by value. */
export function EntityList() {
  const router = useRouter();
  const [type, setType] = useState<(typeof TYPES)[number]["value"]>("ip");
  const [lookup, setLookup] = useState("");
  const list = useQuery({
    queryKey: queryKeys.entities.list(type),
    queryFn: () => requestJson<{ items: { value: string; score: number }[] }>("GET", `/api/v1/entities?type=${type}`),
    refetchInterval: 15_000,
    retry: retryServerErrors,
  });
  return (
    <div className="flex flex-col gap-4">
      <form
        className="flex flex-wrap items-end gap-2"
        onSubmit={(e) => {
          e.preventDefault();
          if (lookup.trim()) router.push(`/entities/${type}/${encodeURIComponent(lookup.trim())}`);
        }}
      >
        <div role="group" aria-label="Entity type" className="flex gap-1">
          {TYPES.map((t) => (
            <button
              key={t.value}
              type="button"
              aria-pressed={type === t.value}
              onClick={() => setType(t.value)}
              className={`h-9 rounded-md px-3 text-sm ${type === t.value ? "bg-accent text-accent-fg" : "border border-border text-muted"}`}
            >
              {t.label}
            </button>
          ))}
        </div>
        <input
          aria-label="Open an entity"
          className={INPUT_CLASSES}
          value={lookup}
          onChange={(e) => setLookup(e.target.value)}
          placeholder={type === "ip" ? "203.0.113.7" : "name"}
        />
        <Button type="submit" variant="secondary">
          Open
        </Button>
      </form>
      {list.isError && <FormError error={list.error} />}
      <ol className="rounded-xl border border-border bg-surface">
        {(list.data?.items ?? []).map((e) => (
          <li
            key={e.value}
            className="flex items-center justify-between border-b border-border px-4 py-2 text-sm last:border-0"
          >
            <Link className="font-mono hover:underline" href={`/entities/${type}/${encodeURIComponent(e.value)}`}>
              {e.value}
            </Link>
            <span className="font-mono text-xs">risk {e.score}</span>
          </li>
        ))}
        {list.data?.items.length === 0 && (
          <li className="px-4 py-8 text-center text-sm text-muted">No entity carries risk right now.</li>
        )}
      </ol>
    </div>
  );
}
