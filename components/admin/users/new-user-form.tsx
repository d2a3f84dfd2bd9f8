"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useId, useState, type FormEvent } from "react";
import { FormError } from "@/components/ui/form-error";
import { TextField } from "@/components/ui/text-field";
import { Button } from "@/components/ui/button";
import { messagesFor } from "@/components/ui/api-client";
import { queryKeys } from "@/components/ui/query-keys";
import { OneTimePassword } from "./one-time-password";
import { RolePicker, rolesFrom } from "./role-picker";
import { createUser } from "./users-api";

// The server names an unknown role on the path "role", a missing one on "roles".
const FIELDS = ["email", "name", "roles", "role", "password"];

export function NewUserForm({ roleNames }: { roleNames: string[] | null }) {
  const id = useId();
  const queryClient = useQueryClient();
  const [noRoles, setNoRoles] = useState(false);
  const create = useMutation({
    mutationFn: createUser,
    onSuccess: () => queryClient.invalidateQueries({ queryKey: queryKeys.users.list }),
  });

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = event.currentTarget;
    const data = new FormData(form);
    const roles = rolesFrom(data);
    setNoRoles(roles.length === 0);
    if (!roles.length) return create.reset();
    const text = (name: string) => String(data.get(name) ?? "").trim() || undefined;
    const password = String(data.get("password") ?? "") || undefined;
    create.mutate(
      { email: text("email") ?? "", name: text("name"), roles, password },
      { onSuccess: () => form.reset() },
    );
  }

  const errors = (...paths: string[]) => messagesFor(create.error, ...paths);
  return (
    <div className="flex flex-col gap-4">
      <form onSubmit={onSubmit} noValidate aria-label="New user" className="grid gap-4 md:grid-cols-2">
        <TextField
          id={`${id}-email`}
          name="email"
          label="Email"
          type="email"
          autoComplete="off"
          required
          errors={errors("email")}
        />
        <TextField id={`${id}-name`} name="name" label="Name (optional)" autoComplete="off" errors={errors("name")} />
        <div className="md:col-span-2">
          <RolePicker
            id={id}
            roleNames={roleNames}
            errors={noRoles ? ["Choose at least one role."] : errors("roles", "role")}
          />
        </div>
        <TextField
          id={`${id}-password`}
          name="password"
          label="Initial password (optional)"
          type="password"
          autoComplete="new-password"
          hint="Leave empty to generate a one-time password. Either way, the user chooses their own at first sign-in."
          errors={errors("password")}
        />
        <div className="flex flex-col gap-3 md:col-span-2">
          <FormError error={noRoles ? null : create.error} fields={FIELDS} />
          <div className="flex flex-wrap items-center gap-3">
            <Button type="submit" disabled={create.isPending} aria-busy={create.isPending}>
              {create.isPending ? "Creating…" : "Create user"}
            </Button>
            <p role="status" className="text-sm text-success">
              {create.isSuccess ? `User ${create.data.email} created.` : ""}
            </p>
          </div>
        </div>
      </form>
      {create.isSuccess && (
        <div className="flex flex-col gap-3 rounded-lg border border-success/40 bg-success/5 p-4">
          {create.data.oneTimePassword ? (
            <OneTimePassword email={create.data.email} password={create.data.oneTimePassword} />
          ) : (
            <p className="text-sm">They sign in with the password you set and must change it at first sign-in.</p>
          )}
          <div>
            <Button variant="secondary" onClick={() => create.reset()}>
              Done
            </Button>
          </div>
        </div>
      )}
    </div>
  );
}
