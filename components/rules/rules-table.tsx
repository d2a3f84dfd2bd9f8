"use client";

import { useMutation } from "@tanstack/react-query";
import { Fragment, useMemo, useState } from "react";
import { Badge } from "@/components/ui/badge";
import { FormError } from "@/components/ui/form-error";
import { INPUT_CLASSES } from "@/components/ui/text-field";
import { formatRelative, useNow } from "@/components/ui/time";
import { Button } from "@/components/ui/button";
import { deleteRule, patchRule, type RuleEntry } from "./rules-api";

const KINDS: { value: RuleEntry["kind"] | "all"; label: string }[] = [
  { value: "all", label: "All kinds" },
  { value: "payload", label: "Payload detectors" },
  { value: "threshold", label: "Threshold rules" },
  { value: "sigma", label: "Sigma (shipped)" },
  { value: "custom", label: "Sigma (uploaded)" },
  { value: "reputation", label: "Reputation lists" },
  { value: "risk", label: "Entity risk" },
];

/** Every rule with its hits; with rules:write, switch rules on and off and tune thresholds. */
export function RulesTable({
  rules,
  canWrite,
  onChanged,
}: {
  rules: RuleEntry[];
  canWrite: boolean;
  onChanged: () => Promise<unknown>;
}) {
  const now = useNow();
  const [kind, setKind] = useState<(typeof KINDS)[number]["value"]>("all");
  const [q, setQ] = useState("");
  const [open, setOpen] = useState<string | null>(null);
  const change = useMutation({
    mutationFn: ({ id, body }: { id: string; body: Parameters<typeof patchRule>[1] }) => patchRule(id, body),
    onSuccess: onChanged,
  });
  const remove = useMutation({ mutationFn: deleteRule, onSuccess: onChanged });
  const shown = useMemo(() => {
    const needle = q.trim().toLowerCase();
    return rules.filter(
      (r) =>
        (kind === "all" || r.kind === kind) &&
        (!needle || `${r.id} ${r.title} ${r.category} ${r.technique ?? ""}`.toLowerCase().includes(needle)),
    );
  }, [rules, kind, q]);

  return (
    <div className="flex flex-col gap-3">
      <div className="flex flex-wrap items-end gap-3">
        <label className="flex flex-col gap-1 text-sm">
          <span className="font-medium">Kind</span>
          <select value={kind} onChange={(e) => setKind(e.target.value as typeof kind)} className={INPUT_CLASSES}>
            {KINDS.map((k) => (
              <option key={k.value} value={k.value}>
                {k.label}
              </option>
            ))}
          </select>
        </label>
        <label className="flex flex-col gap-1 text-sm">
          <span className="font-medium">Search</span>
          <input
            type="search"
            value={q}
            onChange={(e) => setQ(e.target.value)}
            placeholder="id, title, category, technique"
            className={INPUT_CLASSES}
          />
        </label>
        <p className="pb-2 text-sm text-muted">
          {shown.length} of {rules.length} rules
        </p>
      </div>
      {(change.isError || remove.isError) && <FormError error={change.error ?? remove.error} />}
      <div className="overflow-x-auto rounded-xl border border-border bg-surface">
        <table aria-label="Detection rules" className="w-full text-left text-sm">
          <thead className="text-xs text-muted">
            <tr className="border-b border-border">
              {["Rule", "Kind", "Category", "Points", "ATT&CK", "Threshold", "Hits", "Last hit", "Enabled"].map((h) => (
                <th key={h} scope="col" className="px-3 py-2.5 font-medium whitespace-nowrap">
                  {h}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {shown.map((rule) => (
              <Fragment key={rule.id}>
                <tr className="border-b border-border align-top last:border-0">
                  <td className="max-w-md px-3 py-2">
                    <button
                      type="button"
                      className="text-left font-medium hover:underline"
                      aria-expanded={open === rule.id}
                      onClick={() => setOpen(open === rule.id ? null : rule.id)}
                    >
                      {rule.title}
                    </button>
                    <div className="font-mono text-xs text-muted">{rule.id}</div>
                  </td>
                  <td className="px-3 py-2 whitespace-nowrap">
                    <Badge>{rule.kind}</Badge>
                    {rule.paranoia && rule.paranoia > 1 && (
                      <span className="ml-1 text-xs text-muted">PL{rule.paranoia}</span>
                    )}
                  </td>
                  <td className="px-3 py-2">{rule.category}</td>
                  <td className="px-3 py-2 font-mono">{rule.points}</td>
                  <td className="px-3 py-2 font-mono text-xs">{rule.technique ?? "–"}</td>
                  <td className="px-3 py-2 whitespace-nowrap">
                    {rule.kind === "threshold" ? (
                      canWrite ? (
                        <ThresholdEditor rule={rule} onSave={(body) => change.mutate({ id: rule.id, body })} />
                      ) : (
                        `${rule.threshold} in ${rule.windowSeconds} s`
                      )
                    ) : (
                      "–"
                    )}
                  </td>
                  <td className="px-3 py-2 font-mono">{rule.hits.toLocaleString()}</td>
                  <td className="px-3 py-2 whitespace-nowrap text-muted">
                    {rule.lastHitAt && now ? formatRelative(rule.lastHitAt, now) : "never"}
                  </td>
                  <td className="px-3 py-2">
                    <EnabledSwitch
                      key={`${rule.id}:${rule.enabled}`}
                      rule={rule}
                      disabled={!canWrite || change.isPending}
                      onToggle={(enabled, undo) => change.mutate({ id: rule.id, body: { enabled } }, { onError: undo })}
                    />
                  </td>
                </tr>
                {open === rule.id && (
                  <tr className="border-b border-border bg-bg/40">
                    <td colSpan={9} className="px-3 py-3 text-sm">
                      {rule.description && <p className="mb-2 text-muted">{rule.description}</p>}
                      {rule.source && <p className="mb-2 text-xs text-muted">Source: {rule.source}</p>}
                      {rule.yaml && (
                        <pre className="max-h-80 overflow-auto rounded bg-bg p-3 font-mono text-xs">{rule.yaml}</pre>
                      )}
                      {rule.kind === "custom" && canWrite && (
                        <Button variant="secondary" className="mt-2" onClick={() => remove.mutate(rule.id)}>
                          Delete uploaded rule
                        </Button>
                      )}
                    </td>
                  </tr>
                )}
              </Fragment>
            ))}
          </tbody>
        </table>
      </div>
    </div>
  );
}

/** Shows the click at once (the saved state arrives with the refetch, which remounts it by key). */
function EnabledSwitch({
  rule,
  disabled,
  onToggle,
}: {
  rule: RuleEntry;
  disabled: boolean;
  onToggle: (enabled: boolean, undo: () => void) => void;
}) {
  const [enabled, setEnabled] = useState(rule.enabled);
  return (
    <input
      type="checkbox"
      className="size-4 accent-accent"
      aria-label={`${rule.title} enabled`}
      checked={enabled}
      disabled={disabled}
      onChange={(e) => {
        setEnabled(e.target.checked);
        onToggle(e.target.checked, () => setEnabled(rule.enabled));
      }}
    />
  );
}

function ThresholdEditor({
  rule,
  onSave,
}: {
  rule: RuleEntry;
  onSave: (body: { threshold: number; windowSeconds: number }) => void;
}) {
  const [threshold, setThreshold] = useState(String(rule.threshold));
  const [windowSeconds, setWindowSeconds] = useState(String(rule.windowSeconds));
  const dirty = threshold !== String(rule.threshold) || windowSeconds !== String(rule.windowSeconds);
  return (
    <form
      className="flex items-center gap-1"
      onSubmit={(e) => {
        e.preventDefault();
        onSave({ threshold: Number(threshold), windowSeconds: Number(windowSeconds) });
      }}
    >
      <input
        aria-label={`${rule.title} threshold`}
        type="number"
        min={1}
        value={threshold}
        onChange={(e) => setThreshold(e.target.value)}
        className={`${INPUT_CLASSES} h-8 w-16`}
      />
      <span className="text-xs text-muted">in</span>
      <input
        aria-label={`${rule.title} window in seconds`}
        type="number"
        min={1}
        value={windowSeconds}
        onChange={(e) => setWindowSeconds(e.target.value)}
        className={`${INPUT_CLASSES} h-8 w-20`}
      />
      <span className="text-xs text-muted">s</span>
      {dirty && (
        <Button type="submit" variant="secondary" className="h-8 px-2">
          Save
        </Button>
      )}
    </form>
  );
}
