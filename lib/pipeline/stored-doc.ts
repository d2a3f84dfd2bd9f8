// An event is stored as its columns plus the rest of its document: a value kept in a column is
// not kept in the document as well (the raw log line in `message`, the URL and the user agent
// were each stored twice). Reading puts the values back (storedDocument), so every reader sees
// the document as it was accepted. Only values of the column's own type move (the schema,
// ecs.ts, makes them so); anything else stays in the document.
import type { EventDoc } from "@/lib/detection/event.ts";

type Json = Record<string, unknown>;

/** Column name, the document path it holds, and its type. */
const FIELDS = [
  ["eventId", ["event", "id"], "text"],
  ["kind", ["event", "kind"], "text"],
  ["action", ["event", "action"], "text"],
  ["outcome", ["event", "outcome"], "text"],
  ["module", ["event", "module"], "text"],
  ["dataset", ["event", "dataset"], "text"],
  ["sourceIp", ["source", "ip"], "text"],
  ["sourcePort", ["source", "port"], "int"],
  ["destinationIp", ["destination", "ip"], "text"],
  ["destinationPort", ["destination", "port"], "int"],
  ["userName", ["user", "name"], "text"],
  ["hostName", ["host", "name"], "text"],
  ["urlOriginal", ["url", "original"], "text"],
  ["httpMethod", ["http", "request", "method"], "text"],
  ["httpStatus", ["http", "response", "status_code"], "int"],
  ["userAgent", ["user_agent", "original"], "text"],
  ["message", ["message"], "text"],
] as const;

export type StoredColumn = (typeof FIELDS)[number][0];
export type StoredColumns = { [K in StoredColumn]?: string | number | null };

const INT4_MAX = 2_147_483_647;
const fits = (value: unknown, type: "text" | "int") =>
  type === "text"
    ? typeof value === "string"
    : typeof value === "number" && Number.isInteger(value) && Math.abs(value) <= INT4_MAX;

const isObject = (value: unknown): value is Json =>
  typeof value === "object" && value !== null && !Array.isArray(value);

/**
 * The document without the values its columns hold, and those columns. `doc` is not changed: the
 * objects on a moved value's path are copied, the rest is shared.
 */
export function splitForStorage(doc: EventDoc): { rest: Json; columns: StoredColumns } {
  const rest: Json = { ...(doc as Json) };
  const columns: StoredColumns = {};
  const copies = new WeakSet<object>();
  for (const [column, path, type] of FIELDS) {
    // Walk down, copying each object on the way (once per object: `copies` holds the copies made).
    const parents: Json[] = [rest];
    let node: Json = rest;
    let found = true;
    for (const key of path.slice(0, -1)) {
      const next = node[key];
      if (!isObject(next)) {
        found = false;
        break;
      }
      const copy = copies.has(next) ? next : { ...next };
      copies.add(copy);
      node[key] = copy;
      node = copy;
      parents.push(node);
    }
    const leaf = path.at(-1)!;
    if (!found || !Object.hasOwn(node, leaf) || !fits(node[leaf], type)) continue;
    columns[column] = node[leaf] as string | number;
    delete node[leaf];
    // Drop objects the move left empty, innermost first.
    for (let depth = path.length - 2; depth >= 0; depth--) {
      const parent = parents[depth]!;
      const key = path[depth]!;
      if (isObject(parent[key]) && Object.keys(parent[key]).length === 0) delete parent[key];
      else break;
    }
  }
  return { rest, columns };
}

/** The document as accepted: the stored rest with its columns' values put back. */
export function storedDocument(row: StoredColumns & { doc: unknown }): EventDoc {
  const doc: Json = isObject(row.doc) ? structuredClone(row.doc) : {};
  for (const [column, path] of FIELDS) {
    const value = row[column];
    if (value === null || value === undefined) continue;
    let node = doc;
    for (const key of path.slice(0, -1)) {
      if (!isObject(node[key])) node[key] = {};
      node = node[key] as Json;
    }
    node[path.at(-1)!] = value;
  }
  return doc as EventDoc;
}

/** The columns a reader must select to rebuild documents. */
export const STORED_DOC_COLUMNS = FIELDS.map(([column]) => column);
