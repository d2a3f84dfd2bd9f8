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

/** The paths as a tree: a branch per object key, a leaf naming the column and its type. */
type Leaf = { column: StoredColumn; type: "text" | "int" };
type Branch = Map<string, Leaf | Branch>;
const TREE: Branch = new Map();
for (const [column, path, type] of FIELDS) {
  let branch = TREE;
  for (const key of path.slice(0, -1)) {
    if (!branch.has(key)) branch.set(key, new Map());
    branch = branch.get(key) as Branch;
  }
  branch.set(path.at(-1)!, { column, type });
}

/**
 * The document without the values its columns hold, and those columns. `doc` is not changed: the
 * objects on the columns' paths are rebuilt without them (one the move leaves empty is left out), the
 * rest is shared. Built key by key rather than copied and deleted from: deleting turns an object
 * into a slow dictionary for everything that reads it after (the insert's JSON.stringify).
 */
export function splitForStorage(doc: EventDoc): { rest: Json; columns: StoredColumns } {
  const columns: StoredColumns = {};
  return { rest: without(doc as Json, TREE, columns), columns };
}

function without(node: Json, branch: Branch, columns: StoredColumns): Json {
  const rest: Json = {};
  for (const key in node) {
    if (!Object.hasOwn(node, key)) continue;
    const value = node[key];
    const step = branch.get(key);
    if (step instanceof Map && isObject(value)) {
      const inner = without(value, step, columns);
      // Left out only when the move emptied it: an object sent empty stays.
      if (hasKeys(inner) || !hasKeys(value)) put(rest, key, inner);
    } else if (step !== undefined && !(step instanceof Map) && fits(value, step.type))
      columns[step.column] = value as string | number;
    else put(rest, key, value);
  }
  return rest;
}

/** `object[key] = value`, also for a literal "__proto__" key (JSON.parse makes it an own key). */
function put(object: Json, key: string, value: unknown) {
  if (key === "__proto__")
    Object.defineProperty(object, key, { value, enumerable: true, writable: true, configurable: true });
  else object[key] = value;
}

function hasKeys(object: Json): boolean {
  for (const key in object) if (Object.hasOwn(object, key)) return true;
  return false;
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
