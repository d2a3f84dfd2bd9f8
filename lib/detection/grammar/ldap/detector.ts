// LDAP filter injection (OWASP WSTG-INPV-06, CAPEC-136): a value pasted into a search filter
// such as (&(uid=VALUE)(userPassword=…)) closes the assertion and adds clauses: *)(uid=*))(|(uid=*
// makes the filter true for everyone, admin)(&) ends it early, *(|(mail=*)) opens a filter list
// inside the value (an unescaped "(" is filter syntax, RFC 4515). The filter grammar is in
// filter.ts. A login field holding only wildcards matches every entry; a NUL after ")" cuts the
// rest of the application's filter off in C-based directory clients.
import type { Input } from "../../payloads/inputs.ts";
import { BODYLESS, WEB, type PayloadDetector } from "../../payloads/types.ts";
import { filterBreakout, openedComposite } from "./filter.ts";

const path = (i: Input) => i.field === "url.original" && i.part === "path";
/** A value that is a whole filter, "(…)" from its first character: a directory tool's own query. */
const wholeFilter = (text: string) => /^\s*\(/.test(text);

/** Parameter names of login and directory lookups (user, login, uid, cn, mail, password …). */
const LOGIN_FIELD =
  /^(?:.*[_.-])?(?:user(?:name|id)?|login|logon|uid|cn|sn|samaccountname|userprincipalname|principal|account|pass(?:word)?|pwd|passwd)$/;

export const LDAP_INJECTION: PayloadDetector[] = [
  {
    // The id of the regex detector this replaces (protocol.ts).
    id: "sn-ldap-injection",
    title: "LDAP injection: filter break-out",
    category: "ldap_injection",
    points: 5,
    technique: WEB,
    paranoia: 1,
    fields: BODYLESS,
    match: (i) =>
      path(i) || !i.decoded.includes("(") || wholeFilter(i.decoded)
        ? null
        : (filterBreakout(i.decoded) ?? openedComposite(i.decoded)),
  },
  {
    id: "sn-ldap-wildcard-login",
    title: "LDAP injection: login field that is only wildcards",
    category: "ldap_injection",
    points: 4,
    technique: WEB,
    paranoia: 1,
    fields: ["url.original", "http.request.body.content"],
    match: (i) =>
      i.part &&
      !i.part.endsWith("#name") &&
      /^\s*\*[*\s()|&]*$/.test(i.decoded) &&
      LOGIN_FIELD.test(i.part.toLowerCase().replace(/^\./, ""))
        ? i.decoded
        : null,
  },
  {
    id: "sn-ldap-wildcard-in-login",
    title: "LDAP injection: wildcard inside a login field's value (substring match on the directory)",
    category: "ldap_injection",
    points: 3,
    technique: WEB,
    paranoia: 2,
    fields: ["url.original", "http.request.body.content"],
    // "adm*", "*min", "a*n": RFC 4515 substring assertions; a user name or login never holds "*".
    match: (i) =>
      i.part &&
      !i.part.endsWith("#name") &&
      !i.part.includes("pass") &&
      !i.part.includes("pwd") &&
      /^[^*\s]{0,64}\*[^\s]{0,64}$/.test(i.decoded) &&
      LOGIN_FIELD.test(i.part.toLowerCase().replace(/^\./, ""))
        ? i.decoded
        : null,
  },
  {
    id: "sn-ldap-nul-truncation",
    title: "LDAP injection: NUL byte after a closing parenthesis or wildcard (filter truncation)",
    category: "ldap_injection",
    points: 4,
    technique: WEB,
    paranoia: 1,
    fields: ["url.original", "http.request.body.content", "http.request.cookie"],
    match: (i) => (path(i) ? null : (/[)*](?:%00|\u0000)/i.exec(i.raw)?.[0] ?? null)),
  },
];
