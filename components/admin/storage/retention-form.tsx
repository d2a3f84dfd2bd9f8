"use client";

import { useQueryClient } from "@tanstack/react-query";
import { queryKeys } from "@/components/ui/query-keys";
import { WholeNumberSettingForm } from "@/components/ui/whole-number-setting-form";
import { EVENT_RETENTION_RANGE, saveEventRetention } from "./storage-api";

/** How many whole days of events the org keeps. */
export function RetentionForm({ value }: { value: number }) {
  const queryClient = useQueryClient();
  return (
    <WholeNumberSettingForm
      name="eventRetentionDays"
      label="Keep events for (days)"
      value={value}
      range={EVENT_RETENTION_RANGE}
      unit="days"
      hint="Whole UTC days. Older days are removed within the hour after midnight; shortening it removes them at the next run."
      save={saveEventRetention}
      onSaved={(storage) => queryClient.setQueryData(queryKeys.storage.events, storage)}
      savedMessage={(storage) => `Saved: events are kept for ${storage.retentionDays} days.`}
    />
  );
}
