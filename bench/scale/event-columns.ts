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
 * What ingest stores of a whole ECS document: the values the columns hold are not repeated in it
 * (lib/pipeline/stored-doc.ts), so what is left of these events is their time and categories.
 */
const FULL_DOC_SQL = `jsonb_build_object('@timestamp', e.ts, 'event', jsonb_build_object('category', to_jsonb(e.category)))`;

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
