// Free text over an event: its message, URL and user agent, matched as a case-insensitive
// substring (ILIKE '%…%'), so a path fragment, part of an IP or a piece of a user agent finds it.
// The GIN index "Event_search_gin_idx" (migration 20261203182000_event_search_indexes) holds the
// trigrams of exactly this expression: change both together, or the search stops using it
// (query.int.test.ts checks the plan). One index over the concatenation rather than one per
// column: a web event's message usually holds its URL and user agent already, and a row's
// trigrams are indexed once, so it costs about what the message alone costs.
export const SEARCH_TEXT_SQL = `(coalesce("message", '') || E'\\n' || coalesce("urlOriginal", '') || E'\\n' || coalesce("userAgent", ''))`;
