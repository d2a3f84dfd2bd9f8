// Insecure deserialization (OWASP WSTG-INPV-11 / A08:2021, CAPEC-586): a request that carries
// a serialized object, or names a type for a polymorphic deserializer to build, hands the
// server's deserializer a program: gadget chains run code while the object is rebuilt. Each
// format is recognised by its own grammar (binary.ts, php.ts, tags.ts), not by payload strings.
import type { Input } from "../../payloads/inputs.ts";
import { BODYLESS, WEB, type PayloadDetector } from "../../payloads/types.ts";
import { pickleText, serializedBase64, serializedHex } from "./binary.ts";
import { pharWrapper, phpArray, phpObject } from "./php.ts";
import { assemblyQualified, dotnetGadgetType, typeKeyInText, yamlTypeTag } from "./tags.ts";

const isTypeKey = (i: Input) => /(?:^|\.)\$type$/.test(i.part);

function dotnetType(i: Input, strong: boolean): string | null {
  const type = isTypeKey(i) ? i.decoded : typeKeyInText(i.decoded);
  if (type === null || !assemblyQualified(type)) return null;
  return dotnetGadgetType(type) === strong ? type : null;
}

export const DESERIALIZATION: PayloadDetector[] = [
  {
    // The id of the regex detector this replaces (java.ts); now also .NET and pickle headers.
    id: "sn-java-serialized",
    title: "Deserialization: serialized Java, .NET or pickle object (base64 or hex)",
    category: "deserialization",
    points: 5,
    technique: WEB,
    paranoia: 1,
    match: (i) => {
      const found = serializedBase64(i.raw);
      if (found && found.format !== "gzip") return `${found.format}: ${found.evidence}`;
      return serializedHex(i.decoded);
    },
  },
  {
    id: "sn-deserialization-gzip",
    title: "Deserialization: long gzip-compressed base64 value (compressed serialized object)",
    category: "deserialization",
    points: 3,
    technique: WEB,
    paranoia: 2,
    match: (i) => (serializedBase64(i.raw)?.format === "gzip" ? serializedBase64(i.raw)!.evidence : null),
  },
  {
    // The id of the regex detector this replaces (php.ts).
    id: "sn-php-serialized",
    title: "Deserialization: serialized PHP object (length-checked) or phar:// wrapper",
    category: "deserialization",
    points: 5,
    technique: WEB,
    paranoia: 1,
    fields: BODYLESS,
    match: (i) => (i.decoded.includes(':"') ? phpObject(i.decoded) : null) ?? pharWrapper(i.decoded),
  },
  {
    id: "sn-php-serialized-array",
    title: "Deserialization: serialized PHP array",
    category: "deserialization",
    points: 3,
    technique: WEB,
    paranoia: 2,
    fields: BODYLESS,
    match: (i) => (i.decoded.includes("a:") ? phpArray(i.decoded) : null),
  },
  {
    id: "sn-pickle-text",
    title: "Deserialization: Python pickle that imports and calls a function",
    category: "deserialization",
    points: 5,
    technique: WEB,
    paranoia: 1,
    fields: BODYLESS,
    match: (i) => pickleText(i.decoded),
  },
  {
    id: "sn-yaml-type-tag",
    title: "Deserialization: YAML tag constructing a language type (!!python/object, !!java.class)",
    category: "deserialization",
    points: 5,
    technique: WEB,
    paranoia: 1,
    fields: BODYLESS,
    match: (i) => yamlTypeTag(i.decoded),
  },
  {
    id: "sn-dotnet-type-gadget",
    title: "Deserialization: Json.NET $type naming a .NET gadget class",
    category: "deserialization",
    points: 5,
    technique: WEB,
    paranoia: 1,
    fields: BODYLESS,
    match: (i) => dotnetType(i, true),
  },
  {
    id: "sn-dotnet-type-name",
    title: "Deserialization: Json.NET $type with an assembly-qualified type",
    category: "deserialization",
    points: 3,
    technique: WEB,
    paranoia: 2,
    fields: BODYLESS,
    match: (i) => dotnetType(i, false),
  },
];
