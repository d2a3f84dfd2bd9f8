// Free text over an event: its message, URL and user agent, matched as a case-insensitive
// substring (ILIKE '%…%'), so a path fragment, part of an IP or a piece of a user agent finds it.
// Message and URL: the GIN index "Event_search_gin_idx" holds the trigrams of exactly
// SEARCH_TEXT_SQL (change both together, or the search stops using it; query.int.test.ts checks
// the plan). User agents repeat, so their trigrams are indexed once per distinct value in the
// dictionary (lib/pipeline/user-agents.ts) and each event holds the hash of its own: the user
// agents matching the text are looked up first, then their events by hash.
import type { PrismaClient } from "@/lib/generated/prisma/client.ts";
import { rawQuery } from "@/lib/db/raw.ts";
import { USER_AGENT_HASH_SQL } from "@/lib/pipeline/user-agents.ts";

export const SEARCH_TEXT_SQL = `(coalesce("message", '') || E'\\n' || coalesce("urlOriginal", ''))`;

/**
 * Past this many matching user agents the text is a common one (say "Mozilla"): its events are
 * best found newest first with a filter, not by thousands of hashes.
 */
export const MAX_USER_AGENT_HASHES = 1_000;

/** The user agents whose text matches: their hashes, or "many". */
export type UserAgentMatches = string[] | "many";

/** The org's user agents matching an ILIKE pattern, skipping those last seen before `since`. */
export async function matchingUserAgents(
  db: PrismaClient,
  orgId: string,
  pattern: string,
  since: Date | null,
): Promise<UserAgentMatches> {
  const rows = await rawQuery<{ hash: string }>(
    db,
    `SELECT "hash"::text AS "hash" FROM "EventUserAgent"
     WHERE "orgId" = $1::uuid AND "userAgent" ILIKE $2 AND ($3::date IS NULL OR "lastSeenOn" >= $3::date)
     LIMIT ${MAX_USER_AGENT_HASHES + 1}`,
    [orgId, pattern, since ? since.toISOString().slice(0, 10) : null],
  );
  return rows.length > MAX_USER_AGENT_HASHES ? "many" : rows.map((r) => r.hash);
}

/**
 * The free-text condition for an ILIKE pattern parameter, given the matching user agents and a
 * way to add a parameter. Passing the hashes as values (not a subquery) lets the planner see how
 * common they are: a rare user agent is a bitmap scan on its key, a common one a filter.
 */
export function freeTextSql(pattern: string, userAgents: UserAgentMatches, param: (value: unknown) => string) {
  const text = `${SEARCH_TEXT_SQL} ILIKE ${pattern}`;
  if (userAgents === "many") return `(${text} OR "userAgent" ILIKE ${pattern})`;
  if (userAgents.length === 0) return text;
  // The recheck: a hash is the key, the text is the truth (md5 collisions can be crafted).
  return `(${text} OR (${USER_AGENT_HASH_SQL} = ANY (${param(userAgents)}::uuid[]) AND "userAgent" ILIKE ${pattern}))`;
}
