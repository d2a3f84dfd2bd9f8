// The open material split in two, once and for all: a part detectors may be tuned on, and a part
// only ever measured (npm run eval prints both). The split is by source file (a CRS rule file, a
// PayloadsAllTheThings list), never by case: sibling cases of one file share their author's habits,
// and a detector tuned on half a file would look general on the other half. A large drop from the
// tuned to the measured part is a design problem (fitting), not a list to extend.
//
// Which file is where follows from its name alone (FNV-1a with a fixed salt), so it never changes
// as files are added, and nobody picks it.

const SALT = "securenet-measured-only-v1";

function fnv1a(text: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash;
}

export type Part = "tuned" | "measured";

/** `key`: a CRS rule file's rule id ("942100"), or a PATT file's path inside the corpus folder. */
export function partOf(key: string): Part {
  return fnv1a(`${SALT}:${key}`) % 3 === 0 ? "measured" : "tuned";
}
