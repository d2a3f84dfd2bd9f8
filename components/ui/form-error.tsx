import { ApiError } from "./api-client";

/**
 * What the server said about a failed request: its detail, plus any field messages the form has no
 * field for (those with a field are shown next to it). Mounted only with an error: an inserted
 * alert is announced, and an empty one would clutter the page's alerts.
 */
export function FormError({ error, fields = [] }: { error: unknown; fields?: string[] }) {
  const message = error instanceof Error ? error.message : "";
  const orphans =
    error instanceof ApiError
      ? error.fieldErrors.filter((e) => !fields.some((f) => e.path === f || e.path.startsWith(`${f}.`)))
      : [];
  if (!message && !orphans.length) return null;
  return (
    <div role="alert" className="text-sm text-danger">
      {message && <p>{message}</p>}
      {orphans.length > 0 && (
        <ul className="mt-1 list-disc pl-5">
          {orphans.map((e) => (
            <li key={`${e.path}:${e.message}`}>
              <code className="font-mono">{e.path}</code> {e.message}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
