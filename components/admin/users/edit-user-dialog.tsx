"use client";

import { useMutation } from "@tanstack/react-query";
import { useId, useState, type FormEvent } from "react";
import { FormError } from "@/components/ui/form-error";
import { FieldMessages, TextField } from "@/components/ui/text-field";
import { Button } from "@/components/ui/button";
import { messagesFor } from "@/components/ui/api-client";
import { ModalDialog } from "./modal-dialog";
import { updateUser, type UserItem } from "./users-api";

/** Name, roles, per-user MFA requirement and the disabled switch of one user. */
export function EditUserDialog({
  user,
  roleNames,
  onClose,
  onSaved,
}: {
  user: UserItem | null;
  roleNames: string[];
  onClose: () => void;
  onSaved: (u: UserItem) => void;
}) {
  return (
    <ModalDialog open={user !== null} title={`Edit ${user?.email ?? ""}`} onClose={onClose}>
      {user && <EditUserForm key={user.id} user={user} roleNames={roleNames} onCancel={onClose} onSaved={onSaved} />}
    </ModalDialog>
  );
}

function EditUserForm({
  user,
  roleNames,
  onCancel,
  onSaved,
}: {
  user: UserItem;
  roleNames: string[];
  onCancel: () => void;
  onSaved: (u: UserItem) => void;
}) {
  const id = useId();
  const [roles, setRoles] = useState(user.roles);
  const [mfaRequired, setMfaRequired] = useState(user.mfaRequired);
  const [disabled, setDisabled] = useState(user.disabled);
  const save = useMutation({
    mutationFn: (name: string) => updateUser(user.id, { name: name || null, roles, mfaRequired, disabled }),
    onSuccess: onSaved,
  });

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    save.mutate(String(new FormData(event.currentTarget).get("name") ?? "").trim());
  }

  return (
    <form onSubmit={onSubmit} className="flex flex-col gap-4" noValidate>
      <TextField
        id={`${id}-name`}
        name="name"
        label="Name"
        defaultValue={user.name ?? ""}
        maxLength={200}
        errors={messagesFor(save.error, "name")}
      />
      <fieldset className="flex flex-col gap-1.5">
        <legend className="mb-1 text-sm font-medium">Roles</legend>
        <div className="flex flex-wrap gap-x-4 gap-y-1.5">
          {roleNames.map((name) => (
            <label key={name} className="flex items-center gap-2 font-mono text-sm">
              <input
                type="checkbox"
                checked={roles.includes(name)}
                onChange={(e) => setRoles((r) => (e.target.checked ? [...r, name] : r.filter((n) => n !== name)))}
              />
              {name}
            </label>
          ))}
        </div>
        <FieldMessages messages={messagesFor(save.error, "roles")} />
      </fieldset>
      <label className="flex items-center gap-2 text-sm">
        <input type="checkbox" checked={mfaRequired} onChange={(e) => setMfaRequired(e.target.checked)} />
        Require MFA for this user, whatever their roles say
      </label>
      <label className="flex items-start gap-2 text-sm">
        <input type="checkbox" className="mt-1" checked={disabled} onChange={(e) => setDisabled(e.target.checked)} />
        <span>
          Disabled
          <span className="block text-xs text-muted">
            A disabled user cannot sign in; their sessions end and their API keys stop working at once.
          </span>
        </span>
      </label>
      {save.isError && <FormError error={save.error} fields={["name", "roles"]} />}
      <div className="flex justify-end gap-2">
        <Button variant="ghost" onClick={onCancel}>
          Cancel
        </Button>
        <Button type="submit" disabled={save.isPending || roles.length === 0} aria-busy={save.isPending}>
          Save changes
        </Button>
      </div>
    </form>
  );
}
