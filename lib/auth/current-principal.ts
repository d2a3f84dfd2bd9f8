// Server-side access to the signed-in principal (pages, layouts, route handlers).
import { getServerSession } from "next-auth";
import { connection } from "next/server";
import type { Principal } from "@/lib/users/principal.ts";
import { authOptions } from "./options.ts";

export async function currentPrincipal(): Promise<Principal | null> {
  // Always per request: never evaluated while prerendering at build time.
  await connection();
  const session = (await getServerSession(authOptions({ serverSide: true }))) as { principal?: Principal } | null;
  return session?.principal ?? null;
}
