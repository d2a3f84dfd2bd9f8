// Tells the live feed that who may read what has changed (a user's roles, a role's permissions, a
// user disabled, an API key revoked, rotated or narrowed), so it re-authorises the affected sockets
// at once, on every instance, instead of at its next periodic re-check. Light on purpose: the
// places that change permissions import it without pulling in Socket.IO.
import { processBuses } from "@/lib/runtime/buses.ts";

/** Whose sockets to re-check: an org's (a user's or a role's change reaches their keys too), or one key's. */
export type LiveFeedScope = { orgId: string } | { apiKeyId: string };

/** The realtime server listens to the runtime's bus (lib/realtime/server.ts). */
export function onLiveFeedRevalidate(listener: (scope: LiveFeedScope) => void): () => void {
  return processBuses().liveFeedRevalidate.on(listener);
}

/** Call after the change has committed. */
export function revalidateLiveFeed(scope: LiveFeedScope) {
  processBuses().liveFeedRevalidate.emit(scope);
}
