"use client";

import { FieldMessages, TextField } from "@/components/ui/text-field";

/**
 * The new user's roles: checkboxes when the role list could be read (it comes with the security
 * settings, which need settings:write), otherwise role names typed comma-separated.
 */
export function RolePicker({ id, roleNames, errors }: { id: string; roleNames: string[] | null; errors: string[] }) {
  if (!roleNames?.length) {
    return (
      <TextField
        id={`${id}-roles`}
        name="roles"
        label="Roles"
        required
        placeholder="analyst, viewer"
        hint="Role names, separated by commas."
        errors={errors}
      />
    );
  }
  const errorId = errors.length ? `${id}-roles-error` : undefined;
  return (
    <fieldset aria-describedby={errorId} className="flex min-w-0 flex-col gap-1.5">
      <legend className="mb-1.5 text-sm font-medium">Roles</legend>
      <div className="flex flex-wrap gap-x-5 gap-y-2">
        {roleNames.map((name) => (
          <label key={name} className="inline-flex items-center gap-2 text-sm">
            <input
              type="checkbox"
              name="roles"
              value={name}
              aria-invalid={errorId ? true : undefined}
              className="size-4 accent-accent"
            />
            <span className="font-mono text-xs">{name}</span>
          </label>
        ))}
      </div>
      <FieldMessages id={errorId} messages={errors} />
    </fieldset>
  );
}

/** The roles a submitted form names, whichever way they were entered. */
export function rolesFrom(data: FormData): string[] {
  return [
    ...new Set(
      data
        .getAll("roles")
        .flatMap((value) => String(value).split(","))
        .map((name) => name.trim())
        .filter(Boolean),
    ),
  ];
}
