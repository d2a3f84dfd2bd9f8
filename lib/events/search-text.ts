// Free text over an event: its message, URL and user agent, matched as a case-insensitive
// substring (ILIKE '%…%'), so a path fragment, part of an IP or a piece of a user agent finds it.
// The message's trigrams are in the GIN index "Event_search_gin_idx". URLs and user agents repeat,
// so their trigrams are indexed once per distinct value in the dictionary
// (lib/pipeline/text-dictionary.ts) and each event holds the hash of its own: the values matching
// the text are looked up first, then their events by hash. Change the expressions here and in the
// index together, or the search stops using it (query.int.test.ts checks the plans).
import type { PrismaClient } from "@/lib/generated/prisma/client.ts";
import { rawQuery } from "@/lib/db/raw.ts";
import { DICTIONARY_FIELDS, hashSql, type DictionaryField } from "@/lib/pipeline/text-dictionary.ts";

/**
 * Past this many matching values of a field the text is a common one (say "Mozilla"): its events
 * are best found newest first with a filter, not by thousands of hashes.
 */
export const MAX_HASHES_PER_FIELD = 1_000;

/** Per dictionary field, the hashes of the values matching the text, or "many". */
export type TextMatches = Record<DictionaryField, string[] | "many">;

export const NO_TEXT_MATCHES: TextMatches = { url: [], userAgent: [] };

/** The org's dictionary values matching an ILIKE pattern, skipping those last seen before `since`. */
export async function matchingTexts(
  db: PrismaClient,
  orgId: string,
  pattern: string,
  since: Date | null,
): Promise<TextMatches> {
  // Each field's list stops one past the cap, so a text matching millions of values reads 1,001.
  const rows = await rawQuery<{ field: DictionaryField; hashes: string[] }>(
    db,
    `SELECT f."field", ARRAY(
       SELECT "hash"::text FROM "EventText"
       WHERE "orgId" = $1::uuid AND "field" = f."field" AND "value" ILIKE $2
         AND ($3::date IS NULL OR "lastSeenOn" >= $3::date)
       LIMIT ${MAX_HASHES_PER_FIELD + 1}) AS "hashes"
     FROM unnest($4::text[]) AS f("field")`,
    [orgId, pattern, since ? since.toISOString().slice(0, 10) : null, DICTIONARY_FIELDS.map((f) => f.field)],
  );
  const matches = { ...NO_TEXT_MATCHES };
  for (const { field, hashes } of rows) matches[field] = hashes.length > MAX_HASHES_PER_FIELD ? "many" : hashes;
  return matches;
}

/**
 * The free-text condition for an ILIKE pattern parameter, given the matching dictionary values and
 * a way to add a parameter. The hashes go in as values (not a subquery) so the planner sees how
 * common they are: a rare value is a bitmap scan on its key, a common one a filter.
 */
export function freeTextSql(pattern: string, matches: TextMatches, param: (value: unknown) => string) {
  const arms = [`"message" ILIKE ${pattern}`];
  for (const { field, column } of DICTIONARY_FIELDS) {
    const hashes = matches[field];
    if (hashes === "many") arms.push(`"${column}" ILIKE ${pattern}`);
    // The recheck: a hash is the key, the value is the truth (md5 collisions can be crafted).
    else if (hashes.length > 0)
      arms.push(`(${hashSql(`"${column}"`)} = ANY (${param(hashes)}::uuid[]) AND "${column}" ILIKE ${pattern})`);
  }
  return arms.length === 1 ? arms[0]! : `(${arms.join(" OR ")})`;
}
