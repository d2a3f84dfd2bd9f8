import type { InputHTMLAttributes } from "react";

/** A labelled input; `errorId` links it to the message that describes what is wrong with it. */
export function Field({
  id,
  label,
  errorId,
  hint,
  ...input
}: { id: string; label: string; errorId?: string; hint?: string } & InputHTMLAttributes<HTMLInputElement>) {
  const hintId = hint ? `${id}-hint` : undefined;
  const describedBy = [hintId, errorId].filter(Boolean).join(" ") || undefined;
  return (
    <div className="flex flex-col gap-1.5">
      <label htmlFor={id} className="text-sm font-medium">
        {label}
      </label>
      <input
        id={id}
        required
        aria-invalid={errorId ? true : undefined}
        aria-describedby={describedBy}
        className="h-10 rounded-md border border-border-strong bg-bg px-3 text-sm text-fg placeholder:text-muted focus-visible:border-accent aria-invalid:border-danger"
        {...input}
      />
      {hint && (
        <p id={hintId} className="text-xs text-muted">
          {hint}
        </p>
      )}
    </div>
  );
}
