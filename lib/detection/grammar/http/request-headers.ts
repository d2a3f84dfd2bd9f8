// Request headers whose value has a closed grammar (RFC 9110 §12.5 content negotiation, §7.6.1
// Connection, RFC 9111 §5.2 Cache-Control): a value that parses by it is a list of tokens and
// weights and can carry no payload, so the detectors need not read it. "Accept: */*", which every
// HTTP client sends, reads as a shell glob to a command detector; as a media range it is nothing.
// Bounded: values past MAX are read as usual; each grammar is one anchored pass of disjoint parts.

const MAX = 512;
/** RFC 9110 tchar without $ % & ' ` |, which no client's value holds and shells and SQL give meaning to. */
export const SAFE_TCHAR = "A-Za-z0-9!#*+.^_~-";
const TOKEN = `[${SAFE_TCHAR}]+`;
// A quoted parameter value only of characters no interpreter gives meaning to.
const WEIGHT = String.raw`(?:\s*;\s*${TOKEN}\s*=\s*(?:${TOKEN}|"[a-z0-9 .,_/:=+-]{0,64}"))*`;
const list = (item: string) =>
  new RegExp(String.raw`^\s*(?:${item}${WEIGHT})(?:\s*,\s*(?:${item}${WEIGHT}))*\s*$`, "i");

const MEDIA_RANGE = list(`${TOKEN}\\/${TOKEN}`);
const TOKENS = list(TOKEN);
const LANGUAGES = list(String.raw`(?:\*|[a-z]{1,8}(?:-[a-z0-9]{1,8})*)`);
const DIGITS = /^\s*\d{1,10}\s*$/;

const GRAMMARS: Record<string, RegExp> = {
  accept: MEDIA_RANGE,
  "accept-encoding": TOKENS,
  "accept-charset": TOKENS,
  "accept-language": LANGUAGES,
  connection: TOKENS,
  "proxy-connection": TOKENS,
  "keep-alive": TOKENS,
  "cache-control": TOKENS,
  pragma: TOKENS,
  te: TOKENS,
  "upgrade-insecure-requests": DIGITS,
  dnt: DIGITS,
};

/** True when the header is one of these and its value parses by its grammar. */
export function isPlainRequestHeader(name: string, value: string): boolean {
  const key = name.toLowerCase();
  return value.length <= MAX && Object.hasOwn(GRAMMARS, key) && GRAMMARS[key]!.test(value);
}
