// A Sigma rule (YAML) compiled into a matcher over our events. Everything the rule says is either
// understood or refused with the reason: unknown modifiers, aggregations, broken conditions and
// multi-document rules fail to load, naming the rule.
import { parseAllDocuments } from "yaml";
import type { NormalizedEvent } from "@/lib/detection/event.ts";
import { CATEGORIES, POINTS, type Category } from "../types.ts";
import { evaluate, parseCondition } from "./condition.ts";
import { ECS_NAME, fieldGetter, keywordTexts } from "./field-map.ts";
import { logsourceFilter, type Logsource } from "./logsource.ts";
import { compileValues, SigmaError, type ValuePredicate } from "./values.ts";

export interface SigmaLoadError {
  source: string;
  ruleId?: string;
  title?: string;
  reason: string;
}

export interface Evidence {
  field: string;
  value: string;
}

export interface SigmaRule {
  id: string;
  title: string;
  description?: string;
  level: string;
  status?: string;
  tags: string[];
  techniques: string[];
  logsource: Logsource;
  category: Category;
  points: number;
  source: string;
  text: string;
  match(event: NormalizedEvent): Evidence | null;
}

type Selection = (event: NormalizedEvent) => Evidence | null;

const LEVEL_POINTS: Record<string, number> = {
  critical: POINTS.critical,
  high: POINTS.error,
  medium: POINTS.warning,
  low: POINTS.notice,
  informational: 1,
};

const CATEGORY_HINTS: [RegExp, Category][] = [
  [/sql.?injection|sqli\b/i, "sqli"],
  [/\bxss\b|cross.?site.?script/i, "xss"],
  [/traversal|\blfi\b|local file inclusion/i, "path_traversal"],
  [/\brfi\b|remote file inclusion/i, "rfi"],
  [/command injection|\brce\b|remote code|webshell|web shell/i, "command_injection"],
  [/jndi|log4|java|spring|struts/i, "java_injection"],
  [/\bphp\b/i, "php_injection"],
  [/ssrf|metadata/i, "ssrf"],
  [/scanner|scan\b|user.?agent|recon|enumerat/i, "scanner"],
  [/brute|failed (login|password|logon)|invalid user/i, "brute_force"],
];

function categoryOf(doc: Record<string, unknown>, title: string, tags: string[]): Category {
  const declared = (doc.securenet as { category?: string } | undefined)?.category;
  if (declared && (CATEGORIES as readonly string[]).includes(declared)) return declared as Category;
  for (const [re, category] of CATEGORY_HINTS) if (re.test(title)) return category;
  if (tags.includes("attack.t1190")) return "other";
  if (tags.some((t) => t.startsWith("attack.t1110"))) return "brute_force";
  return "other";
}

function textOf(value: unknown): string {
  return typeof value === "string"
    ? value
    : value === undefined || value === null
      ? ""
      : typeof value === "object"
        ? JSON.stringify(value)
        : String(value);
}

function compileMap(map: Record<string, unknown>): Selection {
  const parts = Object.entries(map).map(([key, values]) => {
    const [field, ...modifiers] = key.split("|");
    if (!field) throw new SigmaError(`a selection has an empty field name ("${key}")`);
    const predicate: ValuePredicate = compileValues(field, modifiers, values);
    const get = fieldGetter(field);
    const ecs = (Object.hasOwn(ECS_NAME, field) ? ECS_NAME[field] : undefined) ?? field;
    const nullCheck = values === null || (Array.isArray(values) && values.includes(null));
    return (event: NormalizedEvent): Evidence | null => {
      const value = get(event);
      if ((value === undefined || value === null) && !nullCheck && !modifiers.includes("exists")) return null;
      if (Array.isArray(value)) {
        const matched = value.find((v) => predicate(v));
        return matched === undefined ? null : { field: ecs, value: textOf(matched) };
      }
      return predicate(value) ? { field: ecs, value: textOf(value) } : null;
    };
  });
  return (event) => {
    let first: Evidence | null = null;
    for (const part of parts) {
      const evidence = part(event);
      if (!evidence) return null;
      first ??= evidence;
    }
    return first;
  };
}

function compileKeywords(values: unknown[], modifiers: string[] = ["contains"]): Selection {
  const predicate = compileValues(
    "keywords",
    modifiers,
    values.map((v) => (typeof v === "string" && !v.startsWith("*") ? v : v)),
  );
  return (event) => {
    for (const [field, text] of keywordTexts(event)) if (predicate(text)) return { field, value: text };
    return null;
  };
}

function compileSelection(name: string, body: unknown): Selection {
  if (body && typeof body === "object" && !Array.isArray(body)) {
    const entries = Object.entries(body as Record<string, unknown>);
    // A map whose only key is "|all" style keyword modifiers (rare): treat as keywords.
    if (entries.length === 1 && entries[0]![0].startsWith("|"))
      return compileKeywords([entries[0]![1]].flat(), ["contains", ...entries[0]![0].split("|").filter(Boolean)]);
    return compileMap(body as Record<string, unknown>);
  }
  if (Array.isArray(body)) {
    if (body.length === 0) throw new SigmaError(`selection "${name}" is empty`);
    if (body.every((item) => item && typeof item === "object" && !Array.isArray(item))) {
      const alternatives = body.map((item) => compileMap(item as Record<string, unknown>));
      return (event) => {
        for (const alternative of alternatives) {
          const evidence = alternative(event);
          if (evidence) return evidence;
        }
        return null;
      };
    }
    if (body.every((item) => typeof item === "string" || typeof item === "number")) return compileKeywords(body);
    throw new SigmaError(`selection "${name}" mixes maps and plain values`);
  }
  if (typeof body === "string" || typeof body === "number") return compileKeywords([body]);
  throw new SigmaError(`selection "${name}" is not a map, a list or a keyword`);
}

export function parseSigmaRule(yamlText: string, source: string): { rule: SigmaRule } | { error: SigmaLoadError } {
  let doc: Record<string, unknown> = {};
  try {
    const documents = parseAllDocuments(yamlText);
    if (!Array.isArray(documents) || documents.length === 0) throw new SigmaError("the file holds no YAML document");
    const first = documents[0]!;
    if (first.errors.length) throw new SigmaError(`YAML error: ${first.errors[0]!.message.split("\n")[0]}`);
    doc = (first.toJS() ?? {}) as Record<string, unknown>;
    if (documents.length > 1) throw new SigmaError("multi-document rules (action: global/repeat) are not supported");
    if (typeof doc !== "object" || Array.isArray(doc)) throw new SigmaError("a rule must be a YAML map");
    const title = doc.title;
    if (typeof title !== "string" || !title.trim()) throw new SigmaError("the rule has no title");
    const id = typeof doc.id === "string" && doc.id.trim() ? doc.id.trim() : null;
    if (!id) throw new SigmaError("the rule has no id");
    if (doc.correlation) throw new SigmaError("correlation rules are not supported (use threshold rules)");
    const detection = doc.detection as Record<string, unknown> | undefined;
    if (!detection || typeof detection !== "object") throw new SigmaError("the rule has no detection");
    if (detection.timeframe !== undefined)
      throw new SigmaError("unsupported timeframe (aggregations are not supported)");
    const conditionText = detection.condition;
    const conditions = Array.isArray(conditionText) ? conditionText : [conditionText];
    if (conditions.some((c) => typeof c !== "string" || !c.trim()))
      throw new SigmaError("the detection has no condition");
    const names = Object.keys(detection).filter((k) => k !== "condition");
    const selections = new Map(names.map((name) => [name, compileSelection(name, detection[name])]));
    const parsed = conditions.map((c) => parseCondition(c as string, names));
    const logsource = (doc.logsource ?? {}) as Logsource;
    const applies = logsourceFilter(logsource);
    const tags = Array.isArray(doc.tags) ? doc.tags.map(String) : [];
    const techniques = tags
      .filter((t) => /^attack\.t\d{4}(\.\d{3})?$/i.test(t))
      .map((t) => t.slice("attack.".length).toUpperCase());
    const level = typeof doc.level === "string" ? doc.level.toLowerCase() : "medium";
    // Selections are evaluated lazily and at most once per event (matching is synchronous).
    const selectionList = names.map((name) => selections.get(name)!);
    const position = new Map(names.map((name, i) => [name, i]));
    const cache: (Evidence | null | undefined)[] = new Array(names.length).fill(undefined);
    let current: NormalizedEvent;
    const hit = (name: string) => {
      const i = position.get(name)!;
      let result = cache[i];
      if (result === undefined) cache[i] = result = selectionList[i]!(current);
      return result;
    };
    const rule: SigmaRule = {
      id,
      title: title.trim(),
      description: typeof doc.description === "string" ? doc.description.trim() : undefined,
      level,
      status: typeof doc.status === "string" ? doc.status : undefined,
      tags,
      techniques,
      logsource,
      category: categoryOf(doc, title, tags),
      points: LEVEL_POINTS[level] ?? POINTS.warning,
      source,
      text: yamlText,
      match(event) {
        if (!applies(event)) return null;
        current = event;
        cache.fill(undefined);
        for (const condition of parsed) {
          const result = evaluate(condition, hit);
          if (result === true) return { field: "event", value: "" };
          if (result) return result;
        }
        return null;
      },
    };
    return { rule };
  } catch (error) {
    const reason = error instanceof SigmaError ? error.message : `cannot be read: ${(error as Error).message}`;
    return {
      error: {
        source,
        ruleId: typeof doc.id === "string" ? doc.id : undefined,
        title: typeof doc.title === "string" ? doc.title : undefined,
        reason,
      },
    };
  }
}
