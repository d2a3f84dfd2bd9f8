"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { FormError } from "@/components/ui/form-error";
import { Panel } from "@/components/ui/panel";
import { fetchRoles } from "@/components/admin/roles/roles-api";
import { retryServerErrors } from "@/components/ui/api-client";
import { queryKeys } from "@/components/ui/query-keys";
import { EditUserDialog } from "./edit-user-dialog";
import { NewUserForm } from "./new-user-form";
import { UserActionDialog, type DialogAction } from "./user-action-dialog";
import { UsersTable, type UserAction } from "./users-table";
import { fetchUsers, revokeUserSessions, type UserItem } from "./users-api";

const plural = (n: number) => `${n} ${n === 1 ? "session" : "sessions"}`;

/** The users list with, for users:write, the per-user actions and the new-user form. */
export function UsersAdmin({ currentUserId, canWrite }: { currentUserId: string; canWrite: boolean }) {
  const router = useRouter();
  const queryClient = useQueryClient();
  const [dialog, setDialog] = useState<DialogAction | null>(null);
  const list = useQuery({ queryKey: queryKeys.users.list, queryFn: fetchUsers, retry: retryServerErrors });
  const roles = useQuery({
    queryKey: queryKeys.roles.list,
    queryFn: fetchRoles,
    enabled: canWrite,
    retry: retryServerErrors,
  });
  const [editing, setEditing] = useState<UserItem | null>(null);
  const refresh = (user: UserItem) => {
    void queryClient.invalidateQueries({ queryKey: queryKeys.users.list });
    // Acting on myself ended my own sessions: the next render of the page sends me to sign in.
    if (user.id === currentUserId) router.refresh();
  };
  const revoke = useMutation({
    mutationFn: (user: UserItem) => revokeUserSessions(user.id),
    onSuccess: (_result, user) => refresh(user),
  });

  function onAction(action: UserAction, user: UserItem) {
    if (action === "edit") return setEditing(user);
    if (action !== "sessions") return setDialog({ kind: action, user });
    revoke.mutate(user);
  }

  return (
    <div className="flex flex-col gap-6">
      <div className="flex flex-col gap-3">
        {list.isPending ? (
          <p className="rounded-xl border border-border bg-surface px-4 py-10 text-center text-sm text-muted">
            Loading users…
          </p>
        ) : list.isError ? (
          <FormError error={new Error(`The users could not be loaded: ${list.error.message}`)} />
        ) : (
          <UsersTable
            users={list.data}
            currentUserId={currentUserId}
            canWrite={canWrite}
            busy={revoke.isPending ? revoke.variables.id : null}
            onAction={onAction}
          />
        )}
        <p role="status" className="text-sm text-success">
          {revoke.isSuccess ? `Signed out ${plural(revoke.data.revoked)} of ${revoke.variables.email}.` : ""}
        </p>
        <FormError
          error={
            revoke.error &&
            new Error(`Sessions of ${revoke.variables?.email} could not be revoked: ${revoke.error.message}`)
          }
        />
      </div>
      {canWrite && (
        <Panel
          title="New user"
          description="They get a temporary password and choose their own at first sign-in, then set up MFA if their roles require it."
        >
          <NewUserForm roleNames={roles.data?.map((role) => role.name) ?? null} />
        </Panel>
      )}
      <EditUserDialog
        user={editing}
        roleNames={roles.data?.map((role) => role.name) ?? []}
        onClose={() => setEditing(null)}
        onSaved={(user) => {
          setEditing(null);
          refresh(user);
        }}
      />
      <UserActionDialog
        action={dialog}
        isSelf={dialog?.user.id === currentUserId}
        onDone={() => void queryClient.invalidateQueries({ queryKey: queryKeys.users.list })}
        onClose={() => {
          if (dialog?.user.id === currentUserId) router.refresh();
          setDialog(null);
        }}
      />
    </div>
  );
}
