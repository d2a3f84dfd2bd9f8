// One error type for the app and one mapping to RFC 9457 problem+json.
import { ZodError } from "zod";

const STATUS = {
  bad_request: 400,
  unauthenticated: 401,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  payload_too_large: 413,
  unprocessable: 422,
  rate_limited: 429,
  internal: 500,
  unavailable: 503,
} as const;

const TITLE: Record<AppErrorCode, string> = {
  bad_request: "Bad request",
  unauthenticated: "Authentication required",
  forbidden: "Forbidden",
  not_found: "Not found",
  conflict: "Conflict",
  payload_too_large: "Payload too large",
  unprocessable: "Unprocessable content",
  rate_limited: "Too many requests",
  internal: "Internal server error",
  unavailable: "Service unavailable",
};

export type AppErrorCode = keyof typeof STATUS;

export interface FieldError {
  path: string;
  message: string;
}

export class AppError extends Error {
  readonly status: number;
  constructor(
    readonly code: AppErrorCode,
    detail?: string,
    readonly errors?: FieldError[],
    readonly headers?: Record<string, string>,
  ) {
    super(detail ?? TITLE[code]);
    this.name = "AppError";
    this.status = STATUS[code];
  }
}

export interface Problem {
  type: string;
  title: string;
  status: number;
  detail?: string;
  errors?: FieldError[];
}

export function zodFieldErrors(error: ZodError): FieldError[] {
  return error.issues.map((issue) => ({ path: issue.path.join(".") || "(root)", message: issue.message }));
}

/** Maps any thrown value to a problem. Unknown errors become a generic 500 (details belong in the log). */
export function toProblem(error: unknown): { problem: Problem; headers?: Record<string, string> } {
  if (error instanceof ZodError) {
    return { problem: problem("bad_request", "The request is invalid.", zodFieldErrors(error)) };
  }
  if (error instanceof AppError) {
    return { problem: problem(error.code, error.message, error.errors), headers: error.headers };
  }
  return { problem: problem("internal", "An unexpected error occurred.") };
}

function problem(code: AppErrorCode, detail?: string, errors?: FieldError[]): Problem {
  return {
    type: code === "internal" ? "about:blank" : `https://securenet.dev/problems/${code.replace(/_/g, "-")}`,
    title: TITLE[code],
    status: STATUS[code],
    ...(detail ? { detail } : {}),
    ...(errors?.length ? { errors } : {}),
  };
}
