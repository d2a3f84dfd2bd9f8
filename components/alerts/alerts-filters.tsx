"use client";

import { useQuery } from "@tanstack/react-query";
import { useId } from "react";
import { INPUT_CLASSES } from "@/components/ui/text-field";
import { fetchRules } from "@/components/rules/rules-api";
import { queryKeys } from "@/components/ui/query-keys";
import { ALERT_STATUSES, SEVERITIES } from "@/lib/vocabulary.ts";
import { statusLabel } from "./alerts-api";

export interface Filters {
  status: string[];
  severity: string;
  rule: string;
  entity: string;
  assignee: string;
  q: string;
  sort: string;
}

export const FILTER_KEYS = ["status", "severity", "rule", "entity", "assignee", "q", "sort"] as const;

export function filtersFrom(params: URLSearchParams): Filters {
  return {
    status: params.get("status")?.split(",").filter(Boolean) ?? [],
    severity: params.get("severity") ?? "",
    rule: params.get("rule") ?? "",
    entity: params.get("entity") ?? "",
    assignee: params.get("assignee") ?? "",
    q: params.get("q") ?? "",
    sort: params.get("sort") ?? "",
  };
}

export function queryString(filters: Filters): string {
  const params = new URLSearchParams();
  for (const key of FILTER_KEYS) {
    const value = key === "status" ? filters.status.join(",") : filters[key];
    if (value) params.set(key, value);
  }
  return params.toString();
}

/** Filters that live in the URL, so a view is a link to share. */
export function AlertsFilters({
  filters,
  onChange,
  canReadRules,
}: {
  filters: Filters;
  onChange: (next: Filters) => void;
  canReadRules: boolean;
}) {
  const set = (patch: Partial<Filters>) => onChange({ ...filters, ...patch });
  const rulesListId = useId();
  // Rule ids are opaque (Sigma rules are UUIDs): offer them by title.
  const rules = useQuery({
    queryKey: queryKeys.rules.list,
    queryFn: fetchRules,
    enabled: canReadRules,
    staleTime: 60_000,
    retry: false,
  });
  return (
    <form
      role="search"
      aria-label="Filter alerts"
      className="flex flex-wrap items-end gap-3"
      onSubmit={(e) => e.preventDefault()}
    >
      <fieldset className="flex flex-col gap-1 text-sm">
        <legend className="mb-1 font-medium">Status</legend>
        <div className="flex min-h-10 flex-wrap items-center gap-2">
          {ALERT_STATUSES.map((s) => (
            <label key={s} className="flex items-center gap-1 text-xs">
              <input
                type="checkbox"
                className="size-4 accent-accent"
                checked={filters.status.includes(s)}
                onChange={(e) =>
                  set({ status: e.target.checked ? [...filters.status, s] : filters.status.filter((x) => x !== s) })
                }
              />
              {statusLabel(s)}
            </label>
          ))}
        </div>
      </fieldset>
      <label className="flex flex-col gap-1 text-sm">
        <span className="font-medium">Severity at least</span>
        <select className={INPUT_CLASSES} value={filters.severity} onChange={(e) => set({ severity: e.target.value })}>
          <option value="">any</option>
          {SEVERITIES.map((s) => (
            <option key={s} value={s}>
              {s}
            </option>
          ))}
        </select>
      </label>
      <label className="flex flex-col gap-1 text-sm">
        <span className="font-medium">Search</span>
        <input
          type="search"
          className={INPUT_CLASSES}
          value={filters.q}
          onChange={(e) => set({ q: e.target.value })}
          placeholder="title, entity, rule"
        />
      </label>
      <label className="flex flex-col gap-1 text-sm">
        <span className="font-medium">Entity</span>
        <input
          className={`${INPUT_CLASSES} w-40`}
          value={filters.entity}
          onChange={(e) => set({ entity: e.target.value })}
          placeholder="exact IP or user"
        />
      </label>
      <label className="flex flex-col gap-1 text-sm">
        <span className="font-medium">Rule</span>
        <input
          className={`${INPUT_CLASSES} w-44`}
          value={filters.rule}
          onChange={(e) => set({ rule: e.target.value })}
          placeholder="rule id"
          list={rules.data ? rulesListId : undefined}
        />
        {rules.data && (
          <datalist id={rulesListId}>
            {rules.data.map((rule) => (
              <option key={rule.id} value={rule.id} label={rule.title} />
            ))}
          </datalist>
        )}
      </label>
      <label className="flex flex-col gap-1 text-sm">
        <span className="font-medium">Assignee</span>
        <input
          className={`${INPUT_CLASSES} w-44`}
          value={filters.assignee}
          onChange={(e) => set({ assignee: e.target.value })}
          placeholder="email, or none"
        />
      </label>
      <label className="flex flex-col gap-1 text-sm">
        <span className="font-medium">Sort by</span>
        <select className={INPUT_CLASSES} value={filters.sort} onChange={(e) => set({ sort: e.target.value })}>
          <option value="">last activity</option>
          <option value="created">newest</option>
          <option value="score">score</option>
        </select>
      </label>
    </form>
  );
}
