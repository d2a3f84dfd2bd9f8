"use client";

import { Badge } from "@/components/ui/badge";
import { formatDate, formatRelative, useNow } from "@/components/ui/time";
import { Button } from "@/components/ui/button";
import { keyStatus, type ApiKeyItem } from "./api-keys-api";

export type KeyAction = "revoke" | "rotate";

/** Every key of the org, newest first, revoked ones last; actions only for apikeys:write. */
export function KeysTable({
  keys,
  canWrite,
  onAction,
}: {
  keys: ApiKeyItem[];
  canWrite: boolean;
  onAction: (action: KeyAction, key: ApiKeyItem) => void;
}) {
  const now = useNow();
  if (keys.length === 0)
    return (
      <p className="rounded-xl border border-border bg-surface px-4 py-10 text-center text-sm text-muted">
        No API keys yet.
      </p>
    );
  return (
    <div className="overflow-x-auto rounded-xl border border-border bg-surface">
      <table aria-label="API keys" className="w-full text-left text-sm">
        <thead className="text-xs text-muted">
          <tr className="border-b border-border">
            {["Name", "Key", "Scopes", "Created", "Expires", "Last used", "Status"].map((h) => (
              <th key={h} scope="col" className="px-4 py-2.5 font-medium">
                {h}
              </th>
            ))}
            {canWrite && (
              <th scope="col" className="sr-only">
                Actions
              </th>
            )}
          </tr>
        </thead>
        <tbody>
          {keys.map((key) => {
            const status = keyStatus(key, now ?? 0);
            return (
              <tr key={key.id} className="border-b border-border last:border-0 align-top">
                <td className="px-4 py-3 font-medium">{key.name}</td>
                <td className="px-4 py-3 font-mono text-xs whitespace-nowrap">sn_{key.prefix}_…</td>
                <td className="px-4 py-3">
                  <div className="flex max-w-xs flex-wrap gap-1">
                    {key.scopes.map((s) => (
                      <Badge key={s}>{s}</Badge>
                    ))}
                  </div>
                </td>
                <td className="px-4 py-3 whitespace-nowrap">{formatDate(key.createdAt)}</td>
                <td className="px-4 py-3 whitespace-nowrap">{key.expiresAt ? formatDate(key.expiresAt) : "Never"}</td>
                <td className="px-4 py-3 whitespace-nowrap">
                  {key.lastUsedAt && now
                    ? formatRelative(key.lastUsedAt, now)
                    : key.lastUsedAt
                      ? formatDate(key.lastUsedAt)
                      : "Never"}
                  {key.lastUsedIp && <div className="font-mono text-xs text-muted">{key.lastUsedIp}</div>}
                </td>
                <td className="px-4 py-3">
                  <Badge tone={status.tone}>{status.label}</Badge>
                  {status.label === "Rotating" && key.previousValidUntil && (
                    <div className="mt-1 text-xs text-muted">old secret until {formatDate(key.previousValidUntil)}</div>
                  )}
                </td>
                {canWrite && (
                  <td className="px-4 py-3">
                    {!key.revokedAt && (
                      <div className="flex justify-end gap-2">
                        <Button
                          variant="secondary"
                          aria-label={`Rotate key ${key.name}`}
                          onClick={() => onAction("rotate", key)}
                        >
                          Rotate
                        </Button>
                        <Button
                          variant="secondary"
                          aria-label={`Revoke key ${key.name}`}
                          onClick={() => onAction("revoke", key)}
                        >
                          Revoke
                        </Button>
                      </div>
                    )}
                  </td>
                )}
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
