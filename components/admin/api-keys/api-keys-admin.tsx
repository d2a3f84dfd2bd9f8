"use client";

import { useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { FormError } from "@/components/ui/form-error";
import { Panel } from "@/components/ui/panel";
import { retryServerErrors } from "@/components/ui/api-client";
import { queryKeys } from "@/components/ui/query-keys";
import { fetchApiKeys, type ApiKeyItem, type NewApiKey } from "./api-keys-api";
import { KeyActionDialog } from "./key-action-dialog";
import { KeysTable, type KeyAction } from "./keys-table";
import { NewKeyForm } from "./new-key-form";
import { TokenReveal } from "./token-reveal";

/** The org's API keys: list, and with apikeys:write create, rotate and revoke. */
export function ApiKeysAdmin({ canWrite, myPermissions }: { canWrite: boolean; myPermissions: string[] }) {
  const queryClient = useQueryClient();
  const list = useQuery({ queryKey: queryKeys.apiKeys.list, queryFn: fetchApiKeys, retry: retryServerErrors });
  const [revealed, setRevealed] = useState<NewApiKey | null>(null);
  const [action, setAction] = useState<{ kind: KeyAction; key: ApiKeyItem } | null>(null);
  const refresh = () => void queryClient.invalidateQueries({ queryKey: queryKeys.apiKeys.list });

  return (
    <div className="flex flex-col gap-6">
      {revealed && <TokenReveal name={revealed.name} token={revealed.token} onDone={() => setRevealed(null)} />}
      {list.isPending ? (
        <p className="rounded-xl border border-border bg-surface px-4 py-10 text-center text-sm text-muted">
          Loading API keys…
        </p>
      ) : list.isError ? (
        <FormError error={new Error(`The API keys could not be loaded: ${list.error.message}`)} />
      ) : (
        <KeysTable keys={list.data} canWrite={canWrite} onAction={(kind, key) => setAction({ kind, key })} />
      )}
      {canWrite && (
        <Panel
          title="New API key"
          description="For sensors, log shippers and scripts. The key is shown once; only a hash of it is stored."
        >
          <NewKeyForm myPermissions={myPermissions} onCreated={(key) => (setRevealed(key), refresh())} />
        </Panel>
      )}
      <KeyActionDialog
        action={action}
        onClose={() => setAction(null)}
        onDone={(rotated) => {
          setAction(null);
          if (rotated) setRevealed(rotated);
          refresh();
        }}
      />
    </div>
  );
}
