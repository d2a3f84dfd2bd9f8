import type { Principal } from "@/lib/users/principal.ts";
import type { Actor } from "./record.ts";

/** The audit actor for a signed-in principal: id plus a label snapshot that survives deletes. */
export function actorOf(principal: Pick<Principal, "kind" | "id" | "email">): Actor {
  return { type: principal.kind, id: principal.id, label: principal.email };
}
