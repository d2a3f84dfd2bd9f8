// The sign-in and setup pages' callbackUrl, checked against the console's public origin.
import "server-only";
import { safeCallbackUrl as onOrigin } from "@/lib/auth/callback-url.ts";
import { env } from "@/lib/env.ts";

export function safeCallbackUrl(value: string | string[] | undefined | null): string {
  return onOrigin(value, env().publicUrl);
}
