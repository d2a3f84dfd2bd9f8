// RFC 4515 LDAP search filters, enough of the grammar to tell a value that stays inside the
// application's assertion value from one that closes it and writes filter syntax of its own.
//   filter     = "(" filtercomp ")"       filtercomp = and / or / not / item
//   and / or   = ("&" / "|") filterlist   not        = "!" filter
//   item       = attr filtertype value    filtertype = "=" / "~=" / ">=" / "<=" / extensible ":="
//   attr       = descr (ALPHA *(ALPHA / DIGIT / "-")) / numericoid, then ;options
// (&) and (|) are the absolute true and false filters (RFC 4526).

const isAlpha = (c: string | undefined) => c !== undefined && c >= "a" && c <= "z";
const isDigit = (c: string | undefined) => c !== undefined && c >= "0" && c <= "9";
const isSpace = (c: string | undefined) => c === " " || c === "\t";

/** After "(" at `at`: the end of a filter component's head if one starts there (an operator, an absolute filter or attr + filtertype), else -1. */
export function componentHead(text: string, at: number): number {
  let i = at;
  while (isSpace(text[i])) i++;
  const c = text[i];
  if (c === "&" || c === "|") {
    let j = i + 1;
    while (isSpace(text[j])) j++;
    return text[j] === "(" || text[j] === ")" || j === text.length ? j : -1;
  }
  if (c === "!") {
    let j = i + 1;
    while (isSpace(text[j])) j++;
    return text[j] === "(" || j === text.length ? j : -1;
  }
  // attr: a descriptor or a numeric OID, then options (;lang-en), then a filter type.
  const start = i;
  if (isAlpha(c)) {
    while (
      i < text.length &&
      i - start < 64 &&
      (isAlpha(text[i]) || isDigit(text[i]) || text[i] === "-" || text[i] === "_")
    )
      i++;
  } else if (isDigit(c)) {
    while (i < text.length && i - start < 64 && (isDigit(text[i]) || text[i] === ".")) i++;
  } else return -1;
  while (text[i] === ";" && isAlpha(text[i + 1])) {
    i++;
    while (isAlpha(text[i]) || isDigit(text[i]) || text[i] === "-") i++;
  }
  while (isSpace(text[i])) i++;
  const t = text[i];
  if (t === "=") return i + 1;
  if ((t === "~" || t === ">" || t === "<" || t === ":") && text[i + 1] === "=") return i + 2;
  if (t === ":" && /^:(?:dn|[\w.-]{1,64})(?::[\w.-]{0,64})?:=/.test(text.slice(i, i + 140))) return i + 1;
  return -1;
}

/**
 * Where the value closes the application's filter and opens one of its own: ")" then "(" and a
 * filter component. A value that is itself a whole filter "(…)" is a directory tool's query and
 * does not count (the caller decides). Linear: every ")" is looked at once.
 */
export function filterBreakout(text: string): string | null {
  let from = 0;
  for (let n = 0; n < 64; n++) {
    const close = text.indexOf(")", from);
    if (close < 0) return null;
    from = close + 1;
    let i = close + 1;
    while (isSpace(text[i])) i++;
    // ")(" or ")&(" / ")|(" / ")!(": a component after the close, as a sibling or a new composite.
    if ((text[i] === "&" || text[i] === "|" || text[i] === "!") && text[i + 1] === "(") i++;
    if (text[i] !== "(") continue;
    // "((|…": an extra "(" that lax filter parsers skip.
    while (text[i + 1] === "(" && i - close < 8) i++;
    const head = componentHead(text, i + 1);
    if (head >= 0) return text.slice(Math.max(0, close - 20), Math.min(text.length, head + 20));
    // ")(" at the end: the application's own ")" closes an empty component, the classic probe.
    let j = i + 1;
    while (isSpace(text[j])) j++;
    if (j === text.length || text[j] === ")") return text.slice(Math.max(0, close - 20));
  }
  return null;
}

/**
 * A composite filter opened inside an assertion value: "(&(" or "(|(" and a filter component
 * (RFC 4515 requires "(" in a value to be escaped as \28, so an unescaped one that opens a filter list
 * is filter syntax, not data): `*(|(mail=*))` turns a lookup into a probe. Linear: each "(" once.
 */
export function openedComposite(text: string): string | null {
  let from = 0;
  for (let n = 0; n < 64; n++) {
    const open = text.indexOf("(", from);
    if (open < 0) return null;
    from = open + 1;
    let i = open + 1;
    while (isSpace(text[i])) i++;
    // Not "(!(": code writes `if (!(x = next()))`; "(&(" and "(|(" are no language's but LDAP's.
    if (text[i] !== "&" && text[i] !== "|") continue;
    i++;
    while (isSpace(text[i])) i++;
    if (text[i] !== "(") continue;
    const head = componentHead(text, i + 1);
    if (head >= 0) return text.slice(Math.max(0, open - 20), Math.min(text.length, head + 20));
  }
  return null;
}
