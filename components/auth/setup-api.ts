// Browser calls for the first sign-in steps; problem+json answers become readable errors.
export class SetupError extends Error {
  constructor(
    message: string,
    readonly fieldErrors: { path: string; message: string }[] = [],
  ) {
    super(message);
    this.name = "SetupError";
  }
}

export async function postJson<T>(url: string, body?: unknown): Promise<T> {
  const response = await fetch(url, {
    method: "POST",
    headers: { "content-type": "application/json", accept: "application/json" },
    body: JSON.stringify(body ?? {}),
  });
  if (response.status === 204) return undefined as T;
  if (response.ok) return (await response.json()) as T;
  const problem = (await response.json().catch(() => null)) as {
    detail?: string;
    title?: string;
    errors?: { path: string; message: string }[];
  } | null;
  throw new SetupError(problem?.detail ?? problem?.title ?? `Request failed (${response.status})`, problem?.errors);
}

export interface Enrollment {
  secret: string;
  uri: string;
  qrSvg: string;
}
