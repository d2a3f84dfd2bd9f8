import type { InputHTMLAttributes } from "react";

export const INPUT_CLASSES =
  "h-10 rounded-md border border-border-strong bg-bg px-3 text-sm text-fg placeholder:text-muted focus-visible:border-accent aria-invalid:border-danger";

/** A labelled input with its hint and the server's (or the form's) messages about it right below. */
export function TextField({
  id,
  label,
  hint,
  errors = [],
  className = "",
  ...input
}: { id: string; label: string; hint?: string; errors?: string[] } & InputHTMLAttributes<HTMLInputElement>) {
  const hintId = hint ? `${id}-hint` : undefined;
  const errorId = errors.length ? `${id}-error` : undefined;
  return (
    <div className={`flex min-w-0 flex-col gap-1.5 ${className}`}>
      <label htmlFor={id} className="text-sm font-medium">
        {label}
      </label>
      <input
        id={id}
        aria-invalid={errorId ? true : undefined}
        aria-describedby={[hintId, errorId].filter(Boolean).join(" ") || undefined}
        className={INPUT_CLASSES}
        {...input}
      />
      {hint && (
        <p id={hintId} className="text-xs text-muted">
          {hint}
        </p>
      )}
      <FieldMessages id={errorId} messages={errors} />
    </div>
  );
}

export function FieldMessages({ id, messages }: { id?: string; messages: string[] }) {
  if (!messages.length) return null;
  return (
    <ul id={id} className="flex flex-col gap-0.5 text-xs text-danger">
      {messages.map((message) => (
        <li key={message}>{message}</li>
      ))}
    </ul>
  );
}
