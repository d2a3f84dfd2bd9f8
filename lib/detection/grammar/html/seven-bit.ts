// Characters past ASCII cut down to their low 7 bits, the way a page served as US-ASCII reads
// them: ¼script¾ is <script>. Escaped bytes (\xbc, %bc) count as bytes, and UTF-8 sequences among
// them as one character. Built from the raw input, as decoding folds ¼ into "1⁄4"; "" when there
// is nothing past ASCII. `wide` also truncates characters past U+00FF (code casting a wide char
// to a byte: Cyrillic м is "<"), and blanks literal "<" and ">" so any markup left came from the
// truncation alone; ordinary Cyrillic text truncates to brackets too, so only a whole element
// wrapping a call is read in that view. (Moved here from payloads/xss.ts.)
export function sevenBit(raw: string, wide = false): string {
  if (!/[^\x00-\x7f]|\\x[89a-f]|%[89a-f]/i.test(raw)) return "";
  const bytes = raw
    .slice(0, 4096)
    .replace(/\\x([0-9a-f]{2})|%([0-9a-f]{2})/gi, (_, a?: string, b?: string) =>
      String.fromCharCode(parseInt((a ?? b)!, 16)),
    );
  const chars = bytes.replace(/[\xc2-\xdf][\x80-\xbf]|[\xe0-\xef][\x80-\xbf]{2}/g, (seq) => {
    const text = Buffer.from(seq, "latin1").toString("utf8");
    return text.includes("\ufffd") ? seq : text;
  });
  return (wide ? chars.replace(/[<>]/g, " ") : chars)
    .replace(wide ? /[^\x00-\x7f]/gu : /[\x80-\xff]/g, (c) => String.fromCharCode(c.codePointAt(0)! & 0x7f))
    .toLowerCase();
}

/** A whole element wrapping a call, brackets and all from truncated characters: ¼b¾run(1)¼/b¾. */
export const TRUNCATED_ELEMENT = /<([a-z][\w-]{0,20})[^<>]{0,80}>[^<>]{0,100}[\w$\]]\s*\([^<>]{0,100}<\/\1\s*>/;
