"use client";

import { useMutation } from "@tanstack/react-query";
import { useId, useState, type FormEvent } from "react";
import { Button } from "@/components/ui/button";
import { FormError } from "@/components/ui/form-error";
import { TextField } from "@/components/ui/text-field";
import { messagesFor } from "@/components/ui/api-client";

/**
 * One whole-number setting (a length, a number of days) with its range checked in the browser
 * first and the server's answer shown against the field.
 */
export function WholeNumberSettingForm<Saved>({
  name,
  label,
  value,
  range: { min, max },
  unit,
  hint,
  save: mutationFn,
  onSaved,
  savedMessage,
}: {
  /** The API's field name: the form field's name and where the server's errors are read. */
  name: string;
  label: string;
  value: number;
  range: { min: number; max: number };
  /** As in "Enter a whole number of days from 1 to 3650"; none for a plain number. */
  unit?: string;
  hint: string;
  save: (value: number) => Promise<Saved>;
  onSaved: (saved: Saved) => void;
  savedMessage: (saved: Saved) => string;
}) {
  const id = useId();
  const [invalid, setInvalid] = useState(false);
  const save = useMutation({ mutationFn, onSuccess: onSaved });

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const raw = String(new FormData(event.currentTarget).get(name) ?? "").trim();
    const number = Number(raw);
    const outOfRange = !raw || !Number.isInteger(number) || number < min || number > max;
    setInvalid(outOfRange);
    if (outOfRange) return save.reset();
    save.mutate(number);
  }

  const errors = invalid
    ? [`Enter a whole number${unit ? ` of ${unit}` : ""} from ${min} to ${max}.`]
    : messagesFor(save.error, name);
  return (
    <form onSubmit={onSubmit} noValidate className="flex flex-col gap-4">
      <TextField
        key={value}
        id={`${id}-${name}`}
        name={name}
        label={label}
        type="number"
        inputMode="numeric"
        min={min}
        max={max}
        step={1}
        required
        defaultValue={value}
        className="max-w-48"
        hint={hint}
        errors={errors}
      />
      <FormError error={invalid ? null : save.error} fields={[name]} />
      <div className="flex flex-wrap items-center gap-3">
        <Button type="submit" disabled={save.isPending} aria-busy={save.isPending}>
          {save.isPending ? "Saving…" : "Save"}
        </Button>
        <p role="status" className="text-sm text-success">
          {save.isSuccess ? savedMessage(save.data) : ""}
        </p>
      </div>
    </form>
  );
}
