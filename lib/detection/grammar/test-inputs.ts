// Test helpers shared by the grammar detectors' tests: inputs built as inputs.ts builds them, and
// hard benign text (prose with quotes and braces, code snippets, JSON, addresses, non-Latin text)
// that no detector here may fire on at paranoia level 1.
import { decode } from "../payloads/decode.ts";
import type { Input } from "../payloads/inputs.ts";
import type { PayloadDetector } from "../payloads/types.ts";

export const value = (raw: string, part = "q", field = "url.original"): Input => ({
  field,
  part,
  raw,
  decoded: decode(raw),
});
export const name = (raw: string, field = "url.original"): Input => ({
  field,
  part: `${raw}#name`,
  raw,
  decoded: decode(raw),
});

/** The ids of the detectors (at most `level`) that fire on the input. */
export const firing = (detectors: readonly PayloadDetector[], input: Input, level = 1) =>
  detectors
    .filter(
      (d) =>
        d.paranoia <= level && (!d.fields || d.fields.includes(input.field)) && d.match(input, input.decoded) !== null,
    )
    .map((d) => d.id);

export const HARD_BENIGN = [
  "It's {really} a \"great\" day, isn't it?",
  "Use {{name}} in the template to print the user's name.",
  "In Jinja you write {{ user.name }} and Twig is similar",
  "Set HOME with ${HOME} or ${HOME:-/root} in the shell",
  'const a = "x"; let b = 2; if (a) { b++; }',
  "function f(x) { return x * 2; }",
  '{"name": "Ann", "tags": ["a", "b"], "nested": {"k": 1}}',
  '{"$schema": "https://json-schema.org/draft/2020-12/schema"}',
  "ann.smith+news@example.co.uk",
  "Ann Smith <ann@example.com>",
  "see (a) and (b) for details (or not)",
  "price: 7*7 = 49, and 2+2 is 4",
  "Привет, как дела? 你好世界 مرحبا",
  "Hello,\nTo whom it may concern: thanks.\nRegards",
  "Dear team,\nSubject: the meeting\nsee you",
  "<!DOCTYPE html><html><body>hi</body></html>",
  "C:\\Users\\ann\\Documents\\report (final).docx",
  "https://example.com/search?q=a+b&page=2#top",
  "if (x == 1 && y != 'a') { z = 'b'; }",
  "<% if you see this %> it's a comment",
  "The constructor of the class sets the prototype field.",
  "a:link { color: red } b:hover{color:blue}",
  "user[name]=ann&user[email]=a@b.c",
  "O:K, I will come at 8:30",
  "Rated 5/5!! !!great product",
  "yaml: !!str hello and !!int 3",
];
