"use client";

import { useMutation } from "@tanstack/react-query";
import { useId, useState } from "react";
import { FormError } from "@/components/ui/form-error";
import { TextField } from "@/components/ui/text-field";
import { ModalDialog } from "@/components/admin/users/modal-dialog";
import { Button } from "@/components/ui/button";
import { revokeApiKey, rotateApiKey, type ApiKeyItem, type NewApiKey } from "./api-keys-api";
import type { KeyAction } from "./keys-table";

/** Confirms a revoke, or asks a rotation's grace period; the new token is handed to the page. */
export function KeyActionDialog({
  action,
  onClose,
  onDone,
}: {
  action: { kind: KeyAction; key: ApiKeyItem } | null;
  onClose: () => void;
  onDone: (rotated?: NewApiKey) => void;
}) {
  const id = useId();
  const [grace, setGrace] = useState("24");
  const run = useMutation({
    mutationFn: async () =>
      action!.kind === "revoke"
        ? (await revokeApiKey(action!.key.id), undefined)
        : rotateApiKey(action!.key.id, Number(grace)),
    onSuccess: (rotated) => onDone(rotated),
  });
  const key = action?.key;
  const title = action?.kind === "revoke" ? `Revoke ${key?.name}?` : `Rotate ${key?.name}`;
  return (
    <ModalDialog open={action !== null} title={title} onClose={() => (run.reset(), onClose())}>
      {action?.kind === "revoke" ? (
        <p className="text-sm">Anything using this key gets 401 from its next request on. This cannot be undone.</p>
      ) : (
        <TextField
          id={`${id}-grace`}
          label="Old secret keeps working for (hours, 0-168)"
          inputMode="numeric"
          value={grace}
          onChange={(e) => setGrace(e.target.value)}
          hint="Senders using the old secret keep working until then; 0 ends it now."
        />
      )}
      {run.isError && <FormError error={run.error} />}
      <div className="flex justify-end gap-2">
        <Button variant="ghost" onClick={onClose}>
          Cancel
        </Button>
        <Button onClick={() => run.mutate()} disabled={run.isPending} aria-busy={run.isPending}>
          {action?.kind === "revoke" ? "Revoke key" : "Rotate key"}
        </Button>
      </div>
    </ModalDialog>
  );
}
