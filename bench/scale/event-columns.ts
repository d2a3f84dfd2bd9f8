// The one place that says how a loaded event fills the "Event" table: each column and the SQL
// that computes it from the generated values (the `e` row of load-events.ts). When the table
// changes (no uuid id, a partitioned parent, new columns), this list is what to edit.

/** The generated values of one event, as load-events.ts names them in its `e` row. */
export type GeneratedField =
  | "g"
  | "ts"
  | "received"
  | "kind"
  | "category"
  | "action"
  | "outcome"
  | "module"
  | "dataset"
  | "ip"
  | "sport"
  | "dip"
  | "dport"
  | "user_name"
  | "host_name"
  | "url"
  | "method"
  | "status"
  | "ua"
  | "message";

/** The event's id (`event.id`, unique per org): `scale-<n>` for the n-th loaded event. */
export const EVENT_ID_SQL = `'scale-' || e.g`;

/**
 * The whole ECS document the columns were taken from (nulls left out), as ingest stores one today:
 * every column's value is in it a second time.
 */
const FULL_DOC_SQL = `jsonb_strip_nulls(jsonb_build_object(
  '@timestamp', e.ts,
  'message', e.message,
  'event', jsonb_build_object('id', ${EVENT_ID_SQL}, 'kind', e.kind, 'category', to_jsonb(e.category), 'action', e.action,
    'outcome', e.outcome, 'module', e.module, 'dataset', e.dataset),
  'source', jsonb_build_object('ip', e.ip, 'port', e.sport),
  'destination', jsonb_build_object('ip', e.dip, 'port', e.dport),
  'user', CASE WHEN e.user_name IS NOT NULL THEN jsonb_build_object('name', e.user_name) END,
  'host', jsonb_build_object('name', e.host_name),
  'url', CASE WHEN e.url IS NOT NULL THEN jsonb_build_object('original', e.url) END,
  'http', CASE WHEN e.status IS NOT NULL THEN jsonb_build_object('request', jsonb_build_object('method', e.method),
    'response', jsonb_build_object('status_code', e.status)) END,
  'user_agent', CASE WHEN e.ua IS NOT NULL THEN jsonb_build_object('original', e.ua) END))`;

/**
 * A minimal document (the default, as the issue owner's 5.5 GB database had): its time and what
 * names the event, no second copy of the other columns.
 */
const MINIMAL_DOC_SQL = `jsonb_build_object('@timestamp', e.ts,
  'event', jsonb_build_object('id', ${EVENT_ID_SQL}, 'module', e.module, 'dataset', e.dataset))`;

export type DocShape = "minimal" | "full";
export const DOC_SQL: Record<DocShape, string> = { minimal: MINIMAL_DOC_SQL, full: FULL_DOC_SQL };

/** Column → SQL over `e` and the statement's parameters ($1 the org id); `doc` is added per DocShape. */
export const EVENT_COLUMNS: Record<string, string> = {
  id: "gen_random_uuid()",
  orgId: "$1::uuid",
  eventId: EVENT_ID_SQL,
  timestamp: "e.ts",
  receivedAt: "e.received",
  kind: "e.kind",
  category: "e.category",
  action: "e.action",
  outcome: "e.outcome",
  module: "e.module",
  dataset: "e.dataset",
  sourceIp: "e.ip",
  sourcePort: "e.sport",
  destinationIp: "e.dip",
  destinationPort: "e.dport",
  userName: "e.user_name",
  hostName: "e.host_name",
  urlOriginal: "e.url",
  httpMethod: "e.method",
  httpStatus: "e.status",
  userAgent: "e.ua",
  message: "e.message",
};

export function eventColumns(doc: DocShape): Record<string, string> {
  return { ...EVENT_COLUMNS, doc: DOC_SQL[doc] };
}
