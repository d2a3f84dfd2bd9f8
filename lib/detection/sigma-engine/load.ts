// Loads every .yml/.yaml rule under a folder (recursively). Never throws: a rule that cannot be
// loaded is listed with its reason.
import fs from "node:fs";
import path from "node:path";
import { parseSigmaRule, type SigmaLoadError, type SigmaRule } from "./parse.ts";

function ruleFiles(dir: string): string[] {
  let entries: fs.Dirent[];
  try {
    entries = fs.readdirSync(dir, { withFileTypes: true });
  } catch {
    return [];
  }
  return entries.flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return ruleFiles(full);
    return /\.ya?ml$/i.test(entry.name) ? [full] : [];
  });
}

export function loadSigmaDirectory(dir: string): { rules: SigmaRule[]; errors: SigmaLoadError[] } {
  const rules: SigmaRule[] = [];
  const errors: SigmaLoadError[] = [];
  const seen = new Set<string>();
  for (const file of ruleFiles(dir).sort()) {
    const parsed = parseSigmaRule(fs.readFileSync(file, "utf8"), file);
    if ("error" in parsed) errors.push(parsed.error);
    else if (seen.has(parsed.rule.id))
      errors.push({
        source: file,
        ruleId: parsed.rule.id,
        title: parsed.rule.title,
        reason: "another rule has the same id",
      });
    else {
      seen.add(parsed.rule.id);
      rules.push(parsed.rule);
    }
  }
  return { rules, errors };
}
