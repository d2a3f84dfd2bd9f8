"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { FormError } from "@/components/ui/form-error";
import { Panel } from "@/components/ui/panel";
import { ModalDialog } from "@/components/admin/users/modal-dialog";
import { Button } from "@/components/ui/button";
import { retryServerErrors } from "@/components/ui/api-client";
import { queryKeys } from "@/components/ui/query-keys";
import { deleteRole, fetchRoles, type RoleItem } from "./roles-api";
import { RoleForm } from "./role-form";
import { RolesTable } from "./roles-table";

/** Roles of the org; with roles:write, custom roles are created, edited and deleted here. */
export function RolesAdmin({ canWrite, myPermissions }: { canWrite: boolean; myPermissions: string[] }) {
  const queryClient = useQueryClient();
  const list = useQuery({ queryKey: queryKeys.roles.list, queryFn: fetchRoles, retry: retryServerErrors });
  const [editing, setEditing] = useState<RoleItem | null>(null);
  const [deleting, setDeleting] = useState<RoleItem | null>(null);
  const refresh = () => void queryClient.invalidateQueries({ queryKey: queryKeys.roles.list });
  const remove = useMutation({
    mutationFn: (role: RoleItem) => deleteRole(role.id),
    onSuccess: () => (setDeleting(null), refresh()),
  });

  return (
    <div className="flex flex-col gap-6">
      {list.isPending ? (
        <p className="rounded-xl border border-border bg-surface px-4 py-10 text-center text-sm text-muted">
          Loading roles…
        </p>
      ) : list.isError ? (
        <FormError error={new Error(`The roles could not be loaded: ${list.error.message}`)} />
      ) : (
        <RolesTable
          roles={list.data}
          canWrite={canWrite}
          onEdit={setEditing}
          onDelete={(role) => (remove.reset(), setDeleting(role))}
        />
      )}
      {canWrite && (
        <Panel
          title="New role"
          description="Pick permissions from the catalogue. Changes apply to every holder on their next request."
        >
          <RoleForm grantable={myPermissions} onSaved={refresh} />
        </Panel>
      )}
      <ModalDialog open={editing !== null} title={`Edit role ${editing?.name ?? ""}`} onClose={() => setEditing(null)}>
        {editing && (
          <RoleForm
            key={editing.id}
            role={editing}
            grantable={myPermissions}
            onSaved={() => (setEditing(null), refresh())}
            onCancel={() => setEditing(null)}
          />
        )}
      </ModalDialog>
      <ModalDialog
        open={deleting !== null}
        title={`Delete role ${deleting?.name ?? ""}?`}
        onClose={() => setDeleting(null)}
      >
        <p className="text-sm">The role is removed for good. A role still held by users cannot be deleted.</p>
        {remove.isError && <FormError error={remove.error} />}
        <div className="flex justify-end gap-2">
          <Button variant="ghost" onClick={() => setDeleting(null)}>
            Cancel
          </Button>
          <Button onClick={() => deleting && remove.mutate(deleting)} disabled={remove.isPending}>
            Delete role
          </Button>
        </div>
      </ModalDialog>
    </div>
  );
}
