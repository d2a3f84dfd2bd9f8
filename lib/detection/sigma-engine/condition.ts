// Sigma conditions: and/or/not, parentheses, "1 of x*", "all of x*", "1 of them", "all of them".
// Aggregations ("| count() by …") and "near" are not supported and make the rule fail to load.
import { SigmaError } from "./values.ts";

export type Condition =
  | { kind: "ref"; name: string }
  | { kind: "not"; inner: Condition }
  | { kind: "and" | "or"; items: Condition[] }
  | { kind: "of"; quantifier: "one" | "all"; names: string[] };

function tokenize(text: string): string[] {
  if (/\|/.test(text)) throw new SigmaError("unsupported aggregation in the condition (| count() and the like)");
  if (/\bnear\b/i.test(text)) throw new SigmaError('unsupported "near" in the condition');
  return text.match(/\(|\)|[^\s()]+/g) ?? [];
}

function expand(pattern: string, selections: string[]): string[] {
  if (pattern === "them") return selections.filter((s) => !s.startsWith("_"));
  const re = new RegExp(
    `^${pattern
      .replace(/[.+^${}()|[\]\\]/g, "\\$&")
      .replace(/\*/g, ".*")
      .replace(/\?/g, ".")}$`,
  );
  const names = selections.filter((s) => re.test(s));
  if (names.length === 0) throw new SigmaError(`the condition names "${pattern}", which matches no selection`);
  return names;
}

export function parseCondition(text: string, selections: string[]): Condition {
  const tokens = tokenize(text.trim());
  let at = 0;
  const peek = () => tokens[at]?.toLowerCase();

  const primary = (): Condition => {
    const token = tokens[at];
    if (token === undefined) throw new SigmaError("the condition ends too early");
    const lower = token.toLowerCase();
    if (lower === "(") {
      at++;
      const inner = or();
      if (tokens[at] !== ")") throw new SigmaError("unbalanced parentheses in the condition");
      at++;
      return inner;
    }
    if (lower === "not") {
      at++;
      return { kind: "not", inner: primary() };
    }
    if (lower === "1" || lower === "all" || lower === "any") {
      if (tokens[at + 1]?.toLowerCase() !== "of") throw new SigmaError(`unexpected "${token}" in the condition`);
      const target = tokens[at + 2];
      if (!target) throw new SigmaError('"of" needs a selection pattern or them');
      at += 3;
      return { kind: "of", quantifier: lower === "all" ? "all" : "one", names: expand(target, selections) };
    }
    if (lower === ")" || lower === "and" || lower === "or")
      throw new SigmaError(`unexpected "${token}" in the condition`);
    at++;
    if (!selections.includes(token)) throw new SigmaError(`the condition names "${token}", which is not a selection`);
    return { kind: "ref", name: token };
  };
  const and = (): Condition => {
    const items = [primary()];
    while (peek() === "and") {
      at++;
      items.push(primary());
    }
    return items.length === 1 ? items[0]! : { kind: "and", items };
  };
  const or = (): Condition => {
    const items = [and()];
    while (peek() === "or") {
      at++;
      items.push(and());
    }
    return items.length === 1 ? items[0]! : { kind: "or", items };
  };
  const result = or();
  if (at < tokens.length) throw new SigmaError(`unexpected "${tokens[at]}" in the condition`);
  return result;
}

/** Evaluates; `hit` returns the evidence of a matching selection, or null. */
export function evaluate<T>(condition: Condition, hit: (name: string) => T | null): T | true | null {
  switch (condition.kind) {
    case "ref":
      return hit(condition.name);
    case "not":
      return evaluate(condition.inner, hit) === null ? true : null;
    case "and": {
      let evidence: T | true | null = true;
      for (const item of condition.items) {
        const r = evaluate(item, hit);
        if (r === null) return null;
        if (evidence === true) evidence = r;
      }
      return evidence;
    }
    case "or":
      for (const item of condition.items) {
        const r = evaluate(item, hit);
        if (r !== null) return r;
      }
      return null;
    case "of": {
      if (condition.quantifier === "one") {
        for (const name of condition.names) {
          const r = hit(name);
          if (r !== null) return r;
        }
        return null;
      }
      let evidence: T | true = true;
      for (const name of condition.names) {
        const r = hit(name);
        if (r === null) return null;
        if (evidence === true) evidence = r;
      }
      return evidence;
    }
  }
}
