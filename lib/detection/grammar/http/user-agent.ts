// The User-Agent grammar (RFC 9110 §10.1.5): products ("Firefox/126.0") and comments ("(X11; Linux
// x86_64)", nested at most a few deep) separated by blanks. A value that parses by it names a client
// and holds no payload a browser, a bot or an HTTP library would send; anything else (a payload in
// place of the agent, or one appended to a browser's) is read like any other header.
// One pass, bounded: values past MAX or nested past MAX_DEPTH are not client names.

import { SAFE_TCHAR } from "./request-headers.ts";

const MAX = 1024;
const MAX_DEPTH = 3;
const TOKEN_CHAR = new RegExp(`[${SAFE_TCHAR}]`);
/**
 * What agents write inside comments: words, versions, platform lists, a bot's "+https://…" page or
 * mail address. No quotes, brackets, braces, backslashes, angle brackets or shell metacharacters.
 */
const COMMENT_CHAR = /[A-Za-z0-9 .,;:_+/=~@!#*-]/;

/** True when the value is a client's name by the User-Agent grammar: products and plain comments. */
export function isClientName(value: string): boolean {
  if (value.length === 0 || value.length > MAX || value.includes("..")) return false;
  let i = 0;
  let items = 0;
  while (i < value.length) {
    if (value[i] === " " || value[i] === "\t") {
      i++;
      continue;
    }
    const end = value[i] === "(" ? commentEnd(value, i) : productEnd(value, i);
    if (end < 0) return false;
    i = end;
    items++;
  }
  return items > 0;
}

/** product = token ["/" token]; the index after it, or -1. */
function productEnd(value: string, start: number): number {
  let i = start;
  while (i < value.length && TOKEN_CHAR.test(value[i]!)) i++;
  if (i === start) return -1;
  if (value[i] === "/") {
    const version = ++i;
    while (i < value.length && TOKEN_CHAR.test(value[i]!)) i++;
    if (i === version) return -1;
  }
  return i < value.length && value[i] !== " " && value[i] !== "\t" && value[i] !== "(" ? -1 : i;
}

/** comment = "(" *( ctext / comment ) ")", of plain characters; the index after it, or -1. */
function commentEnd(value: string, start: number): number {
  let depth = 0;
  for (let i = start; i < value.length; i++) {
    const c = value[i]!;
    if (c === "(") {
      if (++depth > MAX_DEPTH) return -1;
    } else if (c === ")") {
      if (--depth === 0) return i + 1;
    } else if (!COMMENT_CHAR.test(c)) return -1;
  }
  return -1;
}
