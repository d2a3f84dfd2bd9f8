// Type names a request asks a deserializer to instantiate.
//   YAML (1.1 and 1.2): a tag is "!" or "!!" then a tag name. The core schema's names (!!str,
//     !!map, !!binary …) are data; a language-specific tag names a type to construct: PyYAML's
//     !!python/object, /object/apply, /name, /module; Ruby's !ruby/object, !ruby/hash; SnakeYAML's
//     global tags, which are Java class names (!!javax.script.ScriptEngineManager).
//   Json.NET TypeNameHandling: "$type": "Namespace.Type, Assembly" picks the class to create.
//     Any assembly-qualified type in a request is a weak signal; one from the namespaces the
//     public gadget chains use (ObjectDataProvider, Process, AssemblyInstaller …) is an attack.

const CORE_TAGS = new Set([
  "str",
  "int",
  "float",
  "bool",
  "null",
  "map",
  "seq",
  "omap",
  "pairs",
  "set",
  "binary",
  "timestamp",
  "merge",
  "value",
  "yaml",
]);

/** The first YAML tag that names a language type: !!python/…, !ruby/…, !!java.class.Name … */
export function yamlTypeTag(text: string): string | null {
  if (!text.includes("!")) return null;
  for (const m of text.matchAll(/(?:^|[\s\[{:,-])(!!?)([a-z][\w.\/:-]{1,120})/g)) {
    const tag = m[2]!;
    if (CORE_TAGS.has(tag)) continue;
    const lang = /^(?:python|ruby|perl|php|java|js)\/[a-z]/.exec(tag);
    if (lang) return m[1]! + tag;
    // A Java class name: a package of at least two parts, then a class.
    if (m[1] === "!!" && /^[a-z_]\w*(?:\.[a-z_$][\w$]*){2,}/.test(tag)) return m[1] + tag;
  }
  return null;
}

/** Namespaces of the .NET classes the public gadget chains (ysoserial.net) instantiate. */
const DOTNET_GADGET_NAMESPACES = [
  "system.windows.data",
  "system.windows.markup",
  "system.diagnostics",
  "system.configuration.install",
  "system.activities.presentation",
  "system.windows.forms",
  "system.security.principal",
  "system.security.claims",
  "system.identitymodel",
  "system.web.security",
  "system.web.ui",
  "system.data.services",
  "system.runtime.remoting",
  "system.management.automation",
  "microsoft.powershell",
  "microsoft.visualstudio.text",
  "system.xaml",
  "system.io",
  "system.reflection",
];

/** An assembly-qualified type name, "Namespace.Type, Assembly[, Version=…]": the value of a $type key. */
export const assemblyQualified = (value: string) => /^\s*[a-z_][\w.`+\[\]]{1,200},\s*[a-z_][\w.]{0,100}/.test(value);

export function dotnetGadgetType(value: string): boolean {
  const type = value.trim().split(",")[0]!;
  return DOTNET_GADGET_NAMESPACES.some((ns) => type.startsWith(`${ns}.`));
}

/** "$type": "…" inside a value (JSON text in a parameter): the type string, or null. */
export function typeKeyInText(text: string): string | null {
  if (!text.includes("$type")) return null;
  return /["']\$type["']\s*:\s*["']([^"']{1,300})["']/.exec(text)?.[1] ?? null;
}
