// Every key and leaf of a JSON document, at any depth, as [part, value] pairs: keys (each once) as
// "<path>.<key>#name", strings, numbers and booleans under their path ("a.b[2].c"). Walked with an
// explicit stack, so a document nested thousands deep (JSON.parse accepts it) costs its size, not
// the call stack; `max` bounds how many pairs one document gives.

export type Leaf = [part: string, value: string];

/** A path thousands of levels deep is named by its end: building each in full would cost depth². */
const MAX_PATH = 256;
const join = (path: string, step: string) => {
  const joined = path + step;
  return joined.length > MAX_PATH ? `…${joined.slice(-200)}` : joined;
};

/** The document `text` parses to, or undefined when it is not a JSON object or array. */
export function parseJson(text: string): unknown {
  const trimmed = text.trim();
  const first = trimmed[0];
  const last = trimmed[trimmed.length - 1];
  if (!((first === "{" && last === "}") || (first === "[" && last === "]"))) return undefined;
  try {
    return JSON.parse(trimmed) as unknown;
  } catch {
    return undefined;
  }
}

/** The leaves of `doc`; `truncated` is how many were left over past `max`. */
export function jsonLeaves(doc: unknown, prefix: string, max: number): { leaves: Leaf[]; truncated: number } {
  const leaves: Leaf[] = [];
  let truncated = 0;
  const stack: [unknown, string][] = [[doc, prefix]];
  // Each key once: an array of a thousand objects repeats the same keys a thousand times.
  const names = new Set<string>();
  while (stack.length > 0) {
    const [value, path] = stack.pop()!;
    if (typeof value === "string" || typeof value === "number" || typeof value === "boolean") {
      if (leaves.length < max) leaves.push([path, String(value)]);
      else truncated++;
    } else if (Array.isArray(value)) {
      for (let n = value.length - 1; n >= 0; n--) stack.push([value[n], join(path, `[${n}]`)]);
    } else if (value && typeof value === "object") {
      const entries = Object.entries(value);
      for (let n = entries.length - 1; n >= 0; n--) {
        const [key, child] = entries[n]!;
        stack.push([child, path ? join(path, `.${key}`) : join("", key)]);
        if (names.has(key)) continue;
        names.add(key);
        stack.push([key, `${join(path, `.${key}`)}#name`]);
      }
    }
  }
  return { leaves, truncated };
}
