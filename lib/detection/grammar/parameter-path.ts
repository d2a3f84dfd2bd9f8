// Parameter names and JSON keys as the parsers of web frameworks read them: as paths. PHP, Rails,
// qs (Express) and body-parser turn user[a][b]=, user.a.b= and user["a"]= into nested objects,
// so each segment is a key of its own (NoSQL operators, prototype pollution).

/** The segments of a parameter or key path: "user[$ne]" → user, $ne; "a.b[c]" → a, b, c. At most 16. */
export function pathSegments(name: string): string[] {
  const out: string[] = [];
  let start = 0;
  for (let i = 0; i <= name.length && out.length < 16; i++) {
    const c = name[i];
    if (c === undefined || c === "[" || c === "]" || c === ".") {
      const seg = name
        .slice(start, i)
        .trim()
        .replace(/^['"]|['"]$/g, "");
      if (seg) out.push(seg);
      start = i + 1;
    }
  }
  return out;
}
