import "server-only";
import { redirect } from "next/navigation";
import { cache } from "react";
import { currentPrincipal } from "@/lib/auth/current-principal.ts";
import type { Principal } from "@/lib/users/principal.ts";

// Layouts and pages render in parallel, so each checks for itself; cache() keeps it one lookup per request.
export const getPrincipal = cache(currentPrincipal);

/** The signed-in principal with setup finished; otherwise off to sign-in or to the setup steps. */
export async function requirePrincipal(): Promise<Principal> {
  const principal = await getPrincipal();
  if (!principal) redirect("/sign-in");
  if (principal.setup.length) redirect("/setup");
  return principal;
}
