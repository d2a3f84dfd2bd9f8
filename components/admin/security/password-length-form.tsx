"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useId, useState, type FormEvent } from "react";
import { FormError } from "@/components/ui/form-error";
import { TextField } from "@/components/ui/text-field";
import { Button } from "@/components/ui/button";
import { messagesFor } from "@/components/ui/api-client";
import { queryKeys } from "@/components/ui/query-keys";
import { PASSWORD_MIN_LENGTH_RANGE, savePasswordMinLength } from "./security-api";

const { min, max } = PASSWORD_MIN_LENGTH_RANGE;

/** The organisation's password minimum length; it applies to passwords set from now on. */
export function PasswordLengthForm({ value }: { value: number }) {
  const id = useId();
  const queryClient = useQueryClient();
  const [invalid, setInvalid] = useState(false);
  const save = useMutation({
    mutationFn: savePasswordMinLength,
    onSuccess: (settings) => queryClient.setQueryData(queryKeys.security.settings, settings),
  });

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const raw = String(new FormData(event.currentTarget).get("passwordMinLength") ?? "").trim();
    const length = Number(raw);
    const outOfRange = !raw || !Number.isInteger(length) || length < min || length > max;
    setInvalid(outOfRange);
    if (outOfRange) return save.reset();
    save.mutate(length);
  }

  const errors = invalid
    ? [`Enter a whole number from ${min} to ${max}.`]
    : messagesFor(save.error, "passwordMinLength");
  return (
    <form onSubmit={onSubmit} noValidate className="flex flex-col gap-4">
      <TextField
        key={value}
        id={`${id}-length`}
        name="passwordMinLength"
        label="Minimum password length"
        type="number"
        inputMode="numeric"
        min={min}
        max={max}
        step={1}
        required
        defaultValue={value}
        className="max-w-48"
        hint={`${min} to ${max} characters. Applies to passwords set from now on; existing passwords keep working.`}
        errors={errors}
      />
      <FormError error={invalid ? null : save.error} fields={["passwordMinLength"]} />
      <div className="flex flex-wrap items-center gap-3">
        <Button type="submit" disabled={save.isPending} aria-busy={save.isPending}>
          {save.isPending ? "Saving…" : "Save"}
        </Button>
        <p role="status" className="text-sm text-success">
          {save.isSuccess ? `Saved: new passwords need at least ${save.data.passwordMinLength} characters.` : ""}
        </p>
      </div>
    </form>
  );
}
