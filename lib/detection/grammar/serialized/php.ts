// PHP serialize() format, read by its grammar: O:<len>:"<class>":<count>:{…} (an object),
// C:<len>:"<class>":<len>:{…} (a Serializable), a:<count>:{…} (an array). The length before a
// class name is its exact byte count, which prose and code never get right by accident and
// unserialize() insists on; checking it is what tells a serialized object from text shaped like
// one. unserialize() of a request value instantiates the class and runs its magic methods
// (__wakeup, __destruct): the POP chains of PHPGGC. phar:// makes file functions unserialize
// the archive's metadata.

/** The first object whose declared class-name length is right, as evidence. At most 32 candidates. */
export function phpObject(text: string): string | null {
  let from = 0;
  for (let n = 0; n < 32; n++) {
    const at = text.indexOf(':"', from);
    if (at < 0) return null;
    from = at + 2;
    // Back over the digits of the length to the "O:" or "C:".
    let d = at;
    while (d > 0 && d > at - 6 && text[d - 1]! >= "0" && text[d - 1]! <= "9") d--;
    if (d === at || d < 2 || text[d - 1] !== ":" || (text[d - 2] !== "o" && text[d - 2] !== "c")) continue;
    const length = Number(text.slice(d, at));
    const nameEnd = at + 2 + length;
    if (length === 0 || text[nameEnd] !== '"' || text[nameEnd + 1] !== ":") continue;
    const name = text.slice(at + 2, nameEnd);
    if (!/^[a-z_\\\x80-\uffff][\w\\\x80-\uffff]*$/.test(name)) continue;
    const tail = /^:\d{1,6}:\{/.exec(text.slice(nameEnd + 1, nameEnd + 12));
    if (tail) return text.slice(d - 2, nameEnd + 1 + tail[0].length);
  }
  return null;
}

/** A serialized array whose first element is well formed: a:<n>:{i:<k>;… or a:<n>:{s:<len>:"…";… with the right length. */
export function phpArray(text: string): string | null {
  for (const m of text.matchAll(/\ba:(\d{1,6}):\{(?:i:\d{1,9};|s:(\d{1,5}):")/g)) {
    if (m[2] === undefined) return m[0];
    const start = m.index + m[0].length;
    const len = Number(m[2]);
    if (text[start + len] === '"' && text[start + len + 1] === ";") return m[0];
  }
  return null;
}

export const pharWrapper = (text: string) =>
  text.includes("phar:") ? (/\bphar:\/\/[^\s"'<>]{1,200}/.exec(text)?.[0] ?? null) : null;
