"use client";

import { Button } from "@/components/ui/button";
import type { SessionItem } from "./account-api";
import { Badge } from "@/components/ui/badge";
import { formatDateTime, formatRelative, useNow } from "@/components/ui/time";
import { describeUserAgent } from "./user-agent";

export function SessionsTable({
  sessions,
  revoking,
  onRevoke,
}: {
  sessions: SessionItem[];
  revoking: string | null;
  onRevoke: (session: SessionItem) => void;
}) {
  const now = useNow();
  return (
    <div className="overflow-x-auto rounded-xl border border-border bg-surface">
      <table aria-label="Your sessions" className="w-full min-w-[44rem] text-left text-sm">
        <thead className="border-b border-border text-xs text-muted">
          <tr>
            <th scope="col" className="px-4 py-2.5 font-medium">
              Device
            </th>
            <th scope="col" className="px-4 py-2.5 font-medium">
              IP address
            </th>
            <th scope="col" className="px-4 py-2.5 font-medium">
              Signed in
            </th>
            <th scope="col" className="px-4 py-2.5 font-medium">
              Last active
            </th>
            <th scope="col" className="px-4 py-2.5 font-medium">
              <span className="sr-only">Actions</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {sessions.map((session) => (
            <tr key={session.id} className="border-b border-border last:border-b-0">
              <td className="px-4 py-2.5">
                <span title={session.userAgent ?? undefined}>{describeUserAgent(session.userAgent)}</span>
                {session.current && (
                  <span className="ml-2">
                    <Badge tone="accent">This device</Badge>
                  </span>
                )}
                <span className="mt-0.5 block font-mono text-xs text-muted">{session.ref}</span>
              </td>
              <td className="px-4 py-2.5 font-mono text-xs whitespace-nowrap">{session.ip ?? "—"}</td>
              <td className="px-4 py-2.5 whitespace-nowrap">{formatDateTime(session.createdAt)}</td>
              <td className="px-4 py-2.5 whitespace-nowrap" title={formatDateTime(session.lastSeenAt)}>
                {now === null ? formatDateTime(session.lastSeenAt) : formatRelative(session.lastSeenAt, now)}
              </td>
              <td className="px-4 py-2.5 text-right">
                {!session.current && (
                  <Button
                    variant="secondary"
                    aria-label={`Revoke session ${session.ref}`}
                    disabled={revoking === session.id}
                    aria-busy={revoking === session.id}
                    onClick={() => onRevoke(session)}
                  >
                    Revoke
                  </Button>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
