"use client";

/** An on/off switch; `label` is its accessible name. */
export function MfaSwitch({
  checked,
  label,
  disabled,
  onChange,
}: {
  checked: boolean;
  label: string;
  disabled?: boolean;
  onChange: (next: boolean) => void;
}) {
  return (
    <button
      type="button"
      role="switch"
      aria-checked={checked}
      aria-label={label}
      disabled={disabled}
      onClick={() => onChange(!checked)}
      className={[
        "relative inline-flex h-6 w-11 shrink-0 items-center rounded-full border transition-colors disabled:cursor-not-allowed disabled:opacity-60",
        checked ? "border-accent bg-accent" : "border-border-strong bg-surface-2",
      ].join(" ")}
    >
      <span
        aria-hidden="true"
        className={`inline-block size-4 rounded-full transition-transform ${checked ? "translate-x-6 bg-accent-fg" : "translate-x-1 bg-muted"}`}
      />
    </button>
  );
}
