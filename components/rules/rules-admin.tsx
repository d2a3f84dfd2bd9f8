"use client";

import { useQuery, useQueryClient } from "@tanstack/react-query";
import { FormError } from "@/components/ui/form-error";
import { Panel } from "@/components/ui/panel";
import { retryServerErrors } from "@/components/ui/api-client";
import { queryKeys } from "@/components/ui/query-keys";
import { BlocksTable } from "./blocks-table";
import { DetectionSettingsForm } from "./detection-settings-form";
import { LogTestPanel } from "./log-test-panel";
import { fetchBlocks, fetchRules, fetchSettings } from "./rules-api";
import { RulesTable } from "./rules-table";
import { UploadRuleForm } from "./upload-rule-form";

const Loading = ({ what }: { what: string }) => (
  <p className="rounded-xl border border-border bg-surface px-4 py-10 text-center text-sm text-muted">
    Loading {what}…
  </p>
);

/** The rules page: test an event, the rule catalogue, uploads, detection settings and blocks. */
export function RulesAdmin({
  canWriteRules,
  canWriteSettings,
  canSeeBlocks,
}: {
  canWriteRules: boolean;
  canWriteSettings: boolean;
  canSeeBlocks: boolean;
}) {
  const queryClient = useQueryClient();
  const rules = useQuery({ queryKey: queryKeys.rules.list, queryFn: fetchRules, retry: retryServerErrors });
  const settings = useQuery({ queryKey: queryKeys.rules.settings, queryFn: fetchSettings, retry: retryServerErrors });
  const blocks = useQuery({
    queryKey: queryKeys.rules.blocks,
    queryFn: fetchBlocks,
    retry: retryServerErrors,
    enabled: canSeeBlocks,
    refetchInterval: 15_000,
  });
  // Returned, so a mutation stays pending until the list it changed has been read again.
  const refresh = (key: readonly string[]) => () => queryClient.invalidateQueries({ queryKey: key });

  return (
    <div className="flex flex-col gap-6">
      <Panel
        title="Test an event"
        description="The log test: paste events or log lines and see every detection, its points and why."
      >
        <LogTestPanel />
      </Panel>
      {rules.isPending ? (
        <Loading what="rules" />
      ) : rules.isError ? (
        <FormError error={rules.error} />
      ) : (
        <RulesTable rules={rules.data} canWrite={canWriteRules} onChanged={refresh(queryKeys.rules.list)} />
      )}
      {canWriteRules && (
        <Panel
          title="Add a Sigma rule"
          description="Rules in the Sigma format for webserver, proxy and linux logs. A rule that does not load is refused with the reason."
        >
          <UploadRuleForm onAdded={refresh(queryKeys.rules.list)} />
        </Panel>
      )}
      <Panel
        title="Detection and response"
        description="How events are scored, how entity risk fades, and what happens to the worst sources."
      >
        {settings.isPending ? (
          <Loading what="settings" />
        ) : settings.isError ? (
          <FormError error={settings.error} />
        ) : (
          <DetectionSettingsForm
            settings={settings.data}
            canWrite={canWriteSettings}
            onSaved={refresh(queryKeys.rules.settings)}
          />
        )}
      </Panel>
      {canSeeBlocks && (
        <Panel
          title="Blocked addresses"
          description="Automatic blocks (and their expiry). Sign-in and ingest from these addresses are recorded in the audit log."
        >
          {blocks.isPending ? (
            <Loading what="blocks" />
          ) : blocks.isError ? (
            <FormError error={blocks.error} />
          ) : (
            <BlocksTable blocks={blocks.data} canWrite={canWriteSettings} onChanged={refresh(queryKeys.rules.blocks)} />
          )}
        </Panel>
      )}
    </div>
  );
}
