"use client";

import { Badge } from "@/components/ui/badge";
import { formatDateTime, formatRelative, useNow } from "@/components/ui/time";
import { Button } from "@/components/ui/button";
import type { UserItem } from "./users-api";

export type UserAction = "edit" | "sessions" | "password" | "mfa";

export function UsersTable({
  users,
  currentUserId,
  canWrite,
  busy,
  onAction,
}: {
  users: UserItem[];
  currentUserId: string;
  canWrite: boolean;
  busy: string | null;
  onAction: (action: UserAction, user: UserItem) => void;
}) {
  const now = useNow();
  return (
    <div className="overflow-x-auto rounded-xl border border-border bg-surface">
      <table aria-label="Users" className="w-full min-w-[64rem] text-left text-sm">
        <thead className="border-b border-border text-xs text-muted">
          <tr>
            <th scope="col" className="px-4 py-2.5 font-medium">
              Email
            </th>
            <th scope="col" className="px-4 py-2.5 font-medium">
              Name
            </th>
            <th scope="col" className="px-4 py-2.5 font-medium">
              Roles
            </th>
            <th scope="col" className="px-4 py-2.5 font-medium">
              Security
            </th>
            <th scope="col" className="px-4 py-2.5 font-medium">
              Last sign-in
            </th>
            <th scope="col" className="px-4 py-2.5 font-medium">
              Status
            </th>
            {canWrite && (
              <th scope="col" className="px-4 py-2.5 font-medium">
                <span className="sr-only">Actions</span>
              </th>
            )}
          </tr>
        </thead>
        <tbody>
          {users.map((user) => (
            <tr key={user.id} className="border-b border-border align-top last:border-b-0">
              <td className="max-w-72 px-4 py-2.5 break-all">
                {user.email}
                {user.id === currentUserId && <span className="ml-1.5 text-xs text-muted">(you)</span>}
              </td>
              <td className="px-4 py-2.5">{user.name ?? <span className="text-muted">—</span>}</td>
              <td className="px-4 py-2.5">
                {user.roles.length ? (
                  <ul className="flex flex-wrap gap-1">
                    {user.roles.map((role) => (
                      <li
                        key={role}
                        className="rounded border border-border bg-surface-2 px-1.5 font-mono text-xs leading-5"
                      >
                        {role}
                      </li>
                    ))}
                  </ul>
                ) : (
                  <span className="text-muted">No roles</span>
                )}
              </td>
              <td className="px-4 py-2.5">
                <div className="flex flex-wrap gap-1">
                  <Badge tone={user.mfaEnabled ? "success" : "warning"}>MFA {user.mfaEnabled ? "on" : "off"}</Badge>
                  {user.mustChangePassword && <Badge tone="warning">Must change password</Badge>}
                </div>
              </td>
              <td
                className="px-4 py-2.5 whitespace-nowrap"
                title={user.lastSignInAt ? formatDateTime(user.lastSignInAt) : undefined}
              >
                {user.lastSignInAt ? (
                  <When iso={user.lastSignInAt} now={now} />
                ) : (
                  <span className="text-muted">Never</span>
                )}
              </td>
              <td className="px-4 py-2.5">
                {user.disabled ? <Badge tone="danger">Disabled</Badge> : <Badge>Active</Badge>}
              </td>
              {canWrite && (
                <td className="px-4 py-2.5">
                  <div className="flex justify-end gap-1.5">
                    <Button
                      variant="secondary"
                      aria-label={`Edit user ${user.email}`}
                      onClick={() => onAction("edit", user)}
                    >
                      Edit
                    </Button>
                    <ActionButton
                      label="Revoke sessions"
                      user={user}
                      busy={busy === user.id}
                      onClick={() => onAction("sessions", user)}
                    />
                    <ActionButton label="Reset password" user={user} onClick={() => onAction("password", user)} />
                    <ActionButton label="Reset MFA" user={user} onClick={() => onAction("mfa", user)} />
                  </div>
                </td>
              )}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function ActionButton({
  label,
  user,
  busy = false,
  onClick,
}: {
  label: string;
  user: UserItem;
  busy?: boolean;
  onClick: () => void;
}) {
  return (
    <Button
      variant="secondary"
      className="whitespace-nowrap"
      aria-label={`${label} for ${user.email}`}
      disabled={busy}
      aria-busy={busy}
      onClick={onClick}
    >
      {label}
    </Button>
  );
}

function When({ iso, now }: { iso: string; now: number | null }) {
  return <>{now === null ? formatDateTime(iso) : formatRelative(iso, now)}</>;
}
