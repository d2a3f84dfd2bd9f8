// Java injection: JNDI lookups (Log4Shell), class loader and runtime access, gadget class names in
// input (the polymorphic JSON and XML deserialisers of Jackson, XStream or Fastjson instantiate
// whatever class a request names), and uploads of JSP pages or web archives. Serialized objects
// and template expressions are read by their grammars in lib/detection/grammar/.
import { BODYLESS, WEB, type PayloadDetector } from "./types.ts";
import { uploadedFileNames } from "./uploads.ts";

/** Packages whose classes serve as deserialisation gadgets or reach the runtime, files, network or naming. */
const GADGET_PACKAGES = [
  "java\\.(?:io|lang|net|nio|rmi|util|beans|security|sql)",
  "javax\\.(?:naming|management|script|xml|sql|swing)",
  "sun\\.(?:misc|reflect|rmi|print)",
  "com\\.sun\\.(?:rowset|jndi|org\\.apache|corba)",
  "org\\.apache\\.(?:commons|xalan|xbean|tomcat|catalina|naming|log4j|bcel|wicket|myfaces|shiro|openjpa|velocity|struts2?)",
  "org\\.springframework",
  "org\\.codehaus\\.groovy",
  "org\\.hibernate",
  "org\\.jboss",
  "org\\.omg\\.corba",
  "org\\.python\\.core",
  "org\\.mozilla\\.javascript",
  "com\\.opensymphony\\.xwork2",
  "com\\.mchange",
  "com\\.alibaba\\.fastjson",
  "ognl",
  "bsh",
  "clojure",
].join("|");
const gadgetClass = new RegExp(String.raw`(?<![\w.])(?:${GADGET_PACKAGES})(?:\.[\w$]+)*(?![\w$])`, "g");
/** A package named on its own counts when it is specific (org.apache.commons); "java.io" or "ognl" alone is too common a word. */
const specific = (name: string) => name.split(".").length >= 3 || /^(?:ognl|bsh|clojure)\./.test(name);

/** A class named as a gadget, not in a pasted stack trace ("at java.util…") or as an exception type. */
function gadgetClassNamed(text: string): string | null {
  if (!/(?:java|javax|sun|com|org|ognl|bsh|clojure)\./.test(text)) return null;
  for (const m of text.matchAll(gadgetClass)) {
    if (
      !specific(m[0]) ||
      /(?:exception|error|throwable)$/.test(m[0]) ||
      /\bat\s+$/.test(text.slice(Math.max(0, m.index - 4), m.index))
    )
      continue;
    return m[0];
  }
  return null;
}

export const JAVA: PayloadDetector[] = [
  {
    id: "sn-java-jndi",
    title: "Java injection: JNDI lookup (Log4Shell)",
    category: "java_injection",
    points: 5,
    technique: WEB,
    paranoia: 1,
    match: (i) =>
      /\$\{(?:[^}]{0,40}:)?(?:j|\$\{[^}]{0,20}\})(?:n|\$\{[^}]{0,20}\})[^}]{0,60}:|\$\{jndi\s*:|\$\{\s*(?:lower|upper|env|sys|java|date|base64|main|ctx|marker|bundle|spring|k8s|docker)\s*:/.exec(
        i.decoded,
      )?.[0] ?? null,
  },
  {
    id: "sn-java-class-loader",
    title: "Java injection: class loader or runtime access",
    category: "java_injection",
    points: 5,
    technique: WEB,
    paranoia: 1,
    match: (i) =>
      /\bclass\s*\.\s*(?:module\s*\.\s*)?classloader\b|\bjava\.(?:lang\.)?(?:runtime|processbuilder|system|reflect)\b|\.getruntime\s*\(\s*\)\s*\.\s*exec|#_memberaccess|@java\.lang|%\{\s*#|\bnew\s+java\.|\bt\(java\.lang|\bjavax?\.script\.scriptenginemanager/.exec(
        i.decoded,
      )?.[0] ?? null,
  },
  {
    id: "sn-java-gadget-class",
    title: "Java injection: gadget or runtime class named in input",
    category: "java_injection",
    points: 5,
    technique: WEB,
    paranoia: 1,
    fields: BODYLESS,
    match: (i) => gadgetClassNamed(i.decoded),
  },
  {
    id: "sn-java-upload",
    title: "Java injection: upload of a JSP page or web archive",
    category: "java_injection",
    points: 5,
    technique: "T1505.003",
    paranoia: 1,
    fields: ["http.request.body.content", "http.request.headers"],
    match: (i) => uploadedFileNames(i).find((name) => /\.(?:jspx?|jspf|jsw|jsv|jtml|war)$/.test(name)) ?? null,
  },
];
