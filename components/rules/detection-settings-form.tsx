"use client";

import { useMutation } from "@tanstack/react-query";
import { useState } from "react";
import { FormError } from "@/components/ui/form-error";
import { INPUT_CLASSES, TextField } from "@/components/ui/text-field";
import { Button } from "@/components/ui/button";
import { messagesFor } from "@/components/ui/api-client";
import { patchSettings, type Settings } from "./rules-api";

const NUMBER_FIELDS: { key: keyof Settings; label: string; hint: string }[] = [
  {
    key: "paranoiaLevel",
    label: "Paranoia level",
    hint: "1 (default) fires on clear attacks only; 2–4 add weaker signals, and false positives.",
  },
  {
    key: "inboundThreshold",
    label: "Inbound threshold (CRS points)",
    hint: "An event whose detections sum to this raises an alert (CRS default 5).",
  },
  { key: "riskHalfLifeMinutes", label: "Risk half-life (minutes)", hint: "How fast an entity's risk fades." },
  {
    key: "riskAlertThreshold",
    label: "Risk alert threshold (0–100)",
    hint: "An entity at this risk, from two or more kinds of harm, raises an alert.",
  },
  {
    key: "autoBlockScore",
    label: "Auto-block at alert score",
    hint: "An alert about a source IP at this score blocks it.",
  },
  { key: "autoBlockMinutes", label: "Block for (minutes)", hint: "How long an automatic block lasts." },
];

/** The org's detection and response settings; editable with settings:write. */
export function DetectionSettingsForm({
  settings,
  canWrite,
  onSaved,
}: {
  settings: Settings;
  canWrite: boolean;
  onSaved: () => Promise<unknown>;
}) {
  const [draft, setDraft] = useState<Record<string, string>>(() =>
    Object.fromEntries(NUMBER_FIELDS.map((f) => [f.key, String(settings[f.key])])),
  );
  const [autoBlock, setAutoBlock] = useState(settings.autoBlockEnabled);
  const [action, setAction] = useState(settings.blockedIpAction);
  const save = useMutation({ mutationFn: patchSettings, onSuccess: onSaved });

  return (
    <form
      className="flex flex-col gap-4"
      onSubmit={(e) => {
        e.preventDefault();
        save.mutate({
          ...Object.fromEntries(NUMBER_FIELDS.map((f) => [f.key, Number(draft[f.key])])),
          autoBlockEnabled: autoBlock,
          blockedIpAction: action,
        });
      }}
    >
      <div className="grid gap-4 sm:grid-cols-2 lg:grid-cols-3">
        {NUMBER_FIELDS.map((f) => (
          <TextField
            key={f.key}
            id={`setting-${f.key}`}
            label={f.label}
            hint={f.hint}
            type="number"
            value={draft[f.key]}
            disabled={!canWrite}
            errors={messagesFor(save.error, f.key)}
            onChange={(e) => setDraft({ ...draft, [f.key]: e.target.value })}
          />
        ))}
      </div>
      <label className="flex items-center gap-2 text-sm">
        <input
          type="checkbox"
          className="size-4 accent-accent"
          checked={autoBlock}
          disabled={!canWrite}
          onChange={(e) => setAutoBlock(e.target.checked)}
        />
        Block source IPs automatically
      </label>
      <label className="flex max-w-md flex-col gap-1.5 text-sm">
        <span className="font-medium">Requests from a blocked IP (sign-in and ingest)</span>
        <select
          className={INPUT_CLASSES}
          value={action}
          disabled={!canWrite}
          onChange={(e) => setAction(e.target.value)}
        >
          <option value="reject">Refuse them (403 / failed sign-in) and record</option>
          <option value="record">Serve them and record</option>
        </select>
      </label>
      {save.isError && <FormError error={save.error} fields={NUMBER_FIELDS.map((f) => f.key)} />}
      {save.isSuccess && (
        <p role="status" className="text-sm text-success">
          Settings saved; every instance applies them within seconds.
        </p>
      )}
      {canWrite && (
        <div>
          <Button type="submit" disabled={save.isPending}>
            {save.isPending ? "Saving…" : "Save settings"}
          </Button>
        </div>
      )}
    </form>
  );
}
