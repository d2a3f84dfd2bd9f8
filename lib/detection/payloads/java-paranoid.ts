// Java injection signals for paranoia levels 2-4: weaker, broader patterns an admin turns on when
// false positives are cheaper than misses.
//
// Level 2: the classes Java deserialisation gadget chains are built from, named without their
// package (Commons Collections transformers, factories and closures; Groovy, Spring, JDK, Rome,
// C3P0 and BeanUtils gadgets). Level 3: those names and the runtime-access words hidden inside
// base64 values that do not decode to plain text as a whole (binary serialized objects, tokens
// with an encoded part), found by their base64 encodings at each of the three byte offsets.
import { base64Text } from "./inputs.ts";
import { BODYLESS, WEB, type PayloadDetector } from "./types.ts";

/** Gadget classes whose bare name is specific enough on its own (matched case-insensitively). */
const GADGET_NAMES = [
  // Apache Commons Collections (3 and 4) functors and decorators.
  "InvokerTransformer",
  "InstantiateTransformer",
  "ChainedTransformer",
  "ConstantTransformer",
  "CloneTransformer",
  "ClosureTransformer",
  "FactoryTransformer",
  "PredicateTransformer",
  "SwitchTransformer",
  "InstantiateFactory",
  "PrototypeCloneFactory",
  "PrototypeSerializationFactory",
  "WhileClosure",
  "ChainedClosure",
  "TransformerClosure",
  "TransformedMap",
  "TiedMapEntry",
  "TransformingComparator",
  // Groovy.
  "ConvertedClosure",
  "MethodClosure",
  // Spring.
  "ObjectFactoryDelegatingInvocationHandler",
  "MethodInvokeTypeProvider",
  "FileSystemXmlApplicationContext",
  "ClassPathXmlApplicationContext",
  // JDK internals used by gadget chains.
  "AnnotationInvocationHandler",
  "TemplatesImpl",
  "BadAttributeValueExpException",
  "JdbcRowSetImpl",
  // Rome, Commons BeanUtils, C3P0.
  "ToStringBean",
  "EqualsBean",
  "BeanComparator",
  "WrapperConnectionPoolDataSource",
  "PoolBackedDataSource",
];
/**
 * Gadget names that are also plain words or misspellings ("forclosure" for foreclosure): they count
 * in Java spelling (ForClosure) or right after a package or object (functors.forclosure, runtime.lazymap).
 */
const AMBIGUOUS_NAMES = ["ForClosure", "LazyMap", "IfClosure", "SwitchClosure"];
/** Runtime, process and class-loading words an encoded payload reaches for. */
const RUNTIME_WORDS = [
  "getRuntime",
  "ProcessBuilder",
  "ProcessImpl",
  "ScriptEngineManager",
  "URLClassLoader",
  "defineClass",
  "XMLDecoder",
];
/** Shorter words, also common in ordinary base64 JSON ("runtime": "nodejs"): not in values that are wholly readable base64 text. */
const WEAK_RUNTIME_WORDS = ["Runtime", "ClassLoader"];

const alternation = (words: readonly string[]) => words.map((w) => w.toLowerCase()).join("|");
const gadgetName = new RegExp(String.raw`(?<![a-z0-9_])(?:${alternation(GADGET_NAMES)})(?![a-z0-9_])`);
const ambiguousInContext = new RegExp(
  String.raw`(?:[a-z0-9_$]\.|\$|functors4?\/)(?:${alternation(AMBIGUOUS_NAMES)})(?![\w-]|\.[a-z])`,
);
const ambiguousJavaCase = new RegExp(String.raw`(?<![A-Za-z0-9_])(?:${AMBIGUOUS_NAMES.join("|")})(?![A-Za-z0-9_])`);

function gadgetNamed(decoded: string, raw: string): string | null {
  const named = gadgetName.exec(decoded) ?? ambiguousInContext.exec(decoded);
  if (named) return named[0];
  const camel = ambiguousJavaCase.exec(raw);
  return camel ? camel[0].toLowerCase() : null;
}

/** Fewest base64 characters an encoded word must give at every offset: 8 characters are 48 bits, never met by chance. */
const MIN_ENCODED = 8;

/**
 * The base64 characters a word always encodes to, wherever it sits in a longer value: for each of
 * the three byte offsets, the characters whose six bits all come from the word.
 */
export function base64Encodings(word: string): string[] {
  const bytes = Buffer.from(word, "utf8");
  const out: string[] = [];
  for (let offset = 0; offset < 3; offset++) {
    const text = Buffer.concat([Buffer.alloc(offset), bytes]).toString("base64");
    const first = Math.ceil((8 * offset) / 6);
    const end = Math.floor((8 * (offset + bytes.length)) / 6);
    out.push(text.slice(first, end));
  }
  return out;
}

/** The encodings of each word as written in Java and in lower case, in the standard and the URL-safe alphabet. */
function encodedWords(words: readonly string[]): Map<string, string> {
  const found = new Map<string, string>();
  for (const word of words)
    for (const spelling of new Set([word, word.toLowerCase()])) {
      for (const encoded of base64Encodings(spelling)) {
        if (encoded.length < MIN_ENCODED) throw new Error(`"${spelling}" is too short to find in base64`);
        found.set(encoded, spelling);
        found.set(encoded.replace(/\+/g, "-").replace(/\//g, "_"), spelling);
      }
    }
  return found;
}

function encodingMatcher(words: readonly string[]) {
  const encodings = encodedWords(words);
  const pattern = new RegExp(
    [...encodings.keys()]
      .sort((a, b) => b.length - a.length)
      .map((e) => e.replace(/[+/]/g, "\\$&"))
      .join("|"),
  );
  return (raw: string): string | null => {
    const m = pattern.exec(raw);
    return m ? `${encodings.get(m[0])} (base64 "${m[0]}")` : null;
  };
}

const GADGETS_ENCODED = encodingMatcher([...GADGET_NAMES, ...AMBIGUOUS_NAMES, ...RUNTIME_WORDS]);
const WEAK_ENCODED = encodingMatcher(WEAK_RUNTIME_WORDS);

const MAX_SCAN = 65_536;
/** The raw value with the percent-encoded base64 characters (+ / =) restored, or null when it has no base64 run long enough to hold an encoded word. */
function base64View(raw: string): string | null {
  const text = (raw.length > MAX_SCAN ? raw.slice(0, MAX_SCAN) : raw)
    .replace(/%2b/gi, "+")
    .replace(/%2f/gi, "/")
    .replace(/%3d/gi, "=");
  return /[A-Za-z0-9+/_-]{8}/.test(text) ? text : null;
}

export const JAVA_PARANOID: PayloadDetector[] = [
  {
    id: "sn-java-gadget-chain",
    title: "Java injection: deserialisation gadget class named in input",
    category: "java_injection",
    points: 5,
    technique: WEB,
    paranoia: 2,
    match: (i) => gadgetNamed(i.decoded, i.raw),
  },
  {
    id: "sn-java-base64-gadget",
    title: "Java injection: gadget class or process API encoded in base64",
    category: "java_injection",
    points: 4,
    technique: WEB,
    paranoia: 3,
    fields: BODYLESS,
    match: (i) => {
      const text = base64View(i.raw);
      return text === null ? null : GADGETS_ENCODED(text);
    },
  },
  {
    id: "sn-java-base64-runtime",
    title: "Java injection: runtime or class loader named in base64",
    category: "java_injection",
    points: 3,
    technique: WEB,
    paranoia: 3,
    fields: BODYLESS,
    match: (i) => {
      const text = base64View(i.raw);
      // A value that is readable base64 as a whole reaches every detector decoded (inputsOf): not here.
      return text === null || base64Text(text) !== null ? null : WEAK_ENCODED(text);
    },
  },
];
