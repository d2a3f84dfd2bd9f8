// The one browser HTTP client: every page's calls to /api/v1 go through requestJson. State changes
// go out as JSON with fetch, so the browser adds the Origin header the server checks (the CSRF
// defence for cookie sessions); problem+json answers become ApiErrors that keep the server's
// detail and per-field messages, and a network failure becomes one with status 0.

export interface FieldError {
  path: string;
  message: string;
}

export class ApiError extends Error {
  constructor(
    message: string,
    readonly status: number,
    readonly fieldErrors: FieldError[] = [],
  ) {
    super(message);
    this.name = "ApiError";
  }
}

type Method = "GET" | "POST" | "PATCH" | "DELETE";

export async function requestJson<T>(method: Method, url: string, body?: unknown): Promise<T> {
  let response: Response;
  try {
    response = await fetch(
      url,
      method === "GET"
        ? { cache: "no-store", headers: { accept: "application/json" } }
        : {
            method,
            headers: { accept: "application/json", "content-type": "application/json" },
            body: JSON.stringify(body ?? {}),
          },
    );
  } catch {
    throw new ApiError("SecureNet could not be reached. Check your connection and try again.", 0);
  }
  if (response.status === 204) return undefined as T;
  if (response.ok) return (await response.json()) as T;
  const problem = (await response.json().catch(() => null)) as {
    detail?: string;
    title?: string;
    errors?: FieldError[];
  } | null;
  throw new ApiError(
    problem?.detail ?? problem?.title ?? `Request failed (${response.status})`,
    response.status,
    problem?.errors,
  );
}

/** The server's messages for one form field; a path such as `roles.0` belongs to `roles`. */
export function messagesFor(error: unknown, ...paths: string[]): string[] {
  if (!(error instanceof ApiError)) return [];
  return error.fieldErrors
    .filter((e) => paths.some((p) => e.path === p || e.path.startsWith(`${p}.`)))
    .map((e) => e.message);
}

/** A 4xx will not change on a retry. */
export function retryServerErrors(failures: number, error: Error): boolean {
  return failures < 1 && !(error instanceof ApiError && error.status > 0 && error.status < 500);
}
