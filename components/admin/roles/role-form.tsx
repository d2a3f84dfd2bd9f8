"use client";

import { useMutation } from "@tanstack/react-query";
import { useId, useState, type FormEvent } from "react";
import { FormError } from "@/components/ui/form-error";
import { FieldMessages, TextField } from "@/components/ui/text-field";
import { Button } from "@/components/ui/button";
import { messagesFor } from "@/components/ui/api-client";
import { createRole, updateRole, type RoleItem } from "./roles-api";
import { PermissionPicker } from "./permission-picker";

/** Create a custom role, or edit one (`role` given). */
export function RoleForm({
  role,
  grantable,
  onSaved,
  onCancel,
}: {
  role?: RoleItem;
  grantable: string[];
  onSaved: () => void;
  onCancel?: () => void;
}) {
  const id = useId();
  const [permissions, setPermissions] = useState<string[]>(role?.permissions ?? []);
  const [mfaRequired, setMfaRequired] = useState(role?.mfaRequired ?? true);
  const save = useMutation({
    mutationFn: (body: { name: string; description: string | null }) =>
      role
        ? updateRole(role.id, { ...body, permissions, mfaRequired })
        : createRole({ ...body, permissions, mfaRequired }),
    onSuccess: onSaved,
  });

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = event.currentTarget;
    const data = new FormData(form);
    const description = String(data.get("description") ?? "").trim();
    save.mutate(
      { name: String(data.get("name") ?? "").trim(), description: description || null },
      { onSuccess: () => !role && (form.reset(), setPermissions([]), setMfaRequired(true)) },
    );
  }

  return (
    <form onSubmit={onSubmit} className="flex flex-col gap-4" noValidate>
      <div className="grid gap-4 sm:grid-cols-2">
        <TextField
          id={`${id}-name`}
          name="name"
          label="Role name"
          defaultValue={role?.name}
          required
          maxLength={40}
          hint="Lowercase letters, digits, - and _."
          errors={messagesFor(save.error, "name")}
        />
        <TextField
          id={`${id}-description`}
          name="description"
          label="Description (optional)"
          defaultValue={role?.description ?? ""}
          maxLength={200}
        />
      </div>
      <div className="flex flex-col gap-1.5">
        <span className="text-sm font-medium">Permissions</span>
        <PermissionPicker value={permissions} onChange={setPermissions} grantable={grantable} />
        <FieldMessages messages={messagesFor(save.error, "permissions")} />
      </div>
      <label className="flex items-center gap-2 text-sm">
        <input type="checkbox" checked={mfaRequired} onChange={(e) => setMfaRequired(e.target.checked)} />
        Require two-factor authentication for this role
      </label>
      {!mfaRequired && (
        <p className="rounded-md border border-sev-medium/40 bg-sev-medium/10 px-3 py-2 text-sm text-sev-medium">
          Holders of only this role may sign in with a password alone. This is recorded in the audit log.
        </p>
      )}
      {save.isError && <FormError error={save.error} fields={["name", "permissions"]} />}
      <div className="flex gap-2">
        <Button type="submit" disabled={save.isPending} aria-busy={save.isPending}>
          {role ? "Save role" : "Create role"}
        </Button>
        {onCancel && (
          <Button variant="ghost" onClick={onCancel}>
            Cancel
          </Button>
        )}
      </div>
    </form>
  );
}
