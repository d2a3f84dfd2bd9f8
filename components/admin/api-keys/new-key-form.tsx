"use client";

import { useMutation } from "@tanstack/react-query";
import { useId, useState, type FormEvent } from "react";
import { FormError } from "@/components/ui/form-error";
import { FieldMessages, INPUT_CLASSES, TextField } from "@/components/ui/text-field";
import { Button } from "@/components/ui/button";
import { messagesFor } from "@/components/ui/api-client";
import { PERMISSIONS } from "@/lib/rbac/permissions.ts";
import { createApiKey, type NewApiKey } from "./api-keys-api";

const DAY = 86_400_000;
const EXPIRY = [
  { label: "Never", days: 0 },
  { label: "7 days", days: 7 },
  { label: "30 days", days: 30 },
  { label: "90 days", days: 90 },
  { label: "1 year", days: 365 },
] as const;

/** A new key: name, scopes (only the permissions I hold), expiry and an optional rate limit. */
export function NewKeyForm({
  myPermissions,
  onCreated,
}: {
  myPermissions: string[];
  onCreated: (key: NewApiKey) => void;
}) {
  const id = useId();
  const [scopes, setScopes] = useState<string[]>([]);
  const create = useMutation({ mutationFn: createApiKey, onSuccess: onCreated });

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = event.currentTarget;
    const data = new FormData(form);
    const days = Number(data.get("expiry"));
    const limit = String(data.get("rateLimit") ?? "").trim();
    create.mutate(
      {
        name: String(data.get("name") ?? ""),
        scopes,
        expiresAt: days ? new Date(Date.now() + days * DAY).toISOString() : null,
        rateLimitPerMinute: limit ? Number(limit) : null,
      },
      { onSuccess: () => (form.reset(), setScopes([])) },
    );
  }

  const grantable = PERMISSIONS.filter((p) => myPermissions.includes(p));
  return (
    <form onSubmit={onSubmit} className="flex flex-col gap-4" noValidate>
      <div className="grid gap-4 sm:grid-cols-2">
        <TextField
          id={`${id}-name`}
          name="name"
          label="Key name"
          placeholder="e.g. nginx-shipper-eu1"
          required
          maxLength={100}
          errors={messagesFor(create.error, "name")}
        />
        <div className="flex flex-col gap-1.5">
          <label htmlFor={`${id}-expiry`} className="text-sm font-medium">
            Expires
          </label>
          <select id={`${id}-expiry`} name="expiry" defaultValue="90" className={INPUT_CLASSES}>
            {EXPIRY.map((e) => (
              <option key={e.days} value={e.days}>
                {e.label}
              </option>
            ))}
          </select>
        </div>
      </div>
      <fieldset className="flex flex-col gap-2">
        <legend className="mb-1 text-sm font-medium">Scopes</legend>
        <p className="text-xs text-muted">A key can only have permissions you hold; it loses any you lose later.</p>
        <div className="grid grid-cols-2 gap-x-4 gap-y-1.5 sm:grid-cols-4">
          {grantable.map((permission) => (
            <label key={permission} className="flex items-center gap-2 font-mono text-sm">
              <input
                type="checkbox"
                checked={scopes.includes(permission)}
                onChange={(e) =>
                  setScopes((s) => (e.target.checked ? [...s, permission] : s.filter((p) => p !== permission)))
                }
              />
              {permission}
            </label>
          ))}
        </div>
        <FieldMessages messages={messagesFor(create.error, "scopes")} />
      </fieldset>
      <TextField
        id={`${id}-rate`}
        name="rateLimit"
        label="Rate limit (requests a minute, optional)"
        inputMode="numeric"
        className="max-w-xs"
        hint="Empty uses the server default."
        errors={messagesFor(create.error, "rateLimitPerMinute")}
      />
      {create.isError && (
        <FormError error={create.error} fields={["name", "scopes", "rateLimitPerMinute", "expiresAt"]} />
      )}
      <div>
        <Button type="submit" disabled={create.isPending || scopes.length === 0} aria-busy={create.isPending}>
          {create.isPending ? "Creating…" : "Create key"}
        </Button>
      </div>
    </form>
  );
}
