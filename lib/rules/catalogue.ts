// Every rule the engine knows, as the rules page and GET /api/v1/rules show it: payload
// detectors, threshold rules, shipped and uploaded Sigma rules, reputation lists and the entity
// risk rule, each with the org's override and its hit count.
import type { PrismaClient } from "@/lib/generated/prisma/client.ts";
import { PAYLOAD_DETECTORS } from "@/lib/detection/payloads/index.ts";
import { POINTS } from "@/lib/detection/types.ts";
import { THRESHOLD_RULES } from "@/lib/detection/threshold-rules.ts";
import { customSigmaRules } from "./custom-rules.ts";
import { ruleOverrides } from "./rule-settings.ts";
import { orgRuleset, shippedRules } from "./ruleset.ts";
import { ruleHits } from "./stats.ts";

export type RuleKind = "payload" | "threshold" | "sigma" | "custom" | "reputation" | "risk";

export interface RuleEntry {
  id: string;
  kind: RuleKind;
  title: string;
  category: string;
  points: number;
  technique: string | null;
  level: string | null;
  paranoia: number | null;
  description: string | null;
  enabled: boolean;
  threshold: number | null;
  windowSeconds: number | null;
  defaultThreshold: number | null;
  defaultWindowSeconds: number | null;
  hits: number;
  lastHitAt: string | null;
  source: string | null;
  yaml: string | null;
}

type Base = Omit<RuleEntry, "enabled" | "hits" | "lastHitAt">;

const blank = {
  technique: null,
  level: null,
  paranoia: null,
  description: null,
  threshold: null,
  windowSeconds: null,
  defaultThreshold: null,
  defaultWindowSeconds: null,
  source: null,
  yaml: null,
};

function baseEntries(custom: Awaited<ReturnType<typeof customSigmaRules>>): Base[] {
  const shipped = shippedRules();
  return [
    ...PAYLOAD_DETECTORS.map(
      (d: { id: string; title: string; category: string; points: number; technique?: string; paranoia: number }) => ({
        ...blank,
        id: d.id,
        kind: "payload" as const,
        title: d.title,
        category: d.category,
        points: d.points,
        technique: d.technique ?? null,
        paranoia: d.paranoia,
      }),
    ),
    ...THRESHOLD_RULES.map((r) => ({
      ...blank,
      id: r.id,
      kind: "threshold" as const,
      title: r.title,
      category: r.category,
      points: r.points,
      technique: r.technique,
      threshold: r.threshold,
      windowSeconds: r.windowMs / 1000,
      defaultThreshold: r.threshold,
      defaultWindowSeconds: r.windowMs / 1000,
    })),
    ...[
      ...shipped.sigma.map((r) => ({ r, kind: "sigma" as const })),
      ...custom.map((r) => ({ r, kind: "custom" as const })),
    ].map(({ r, kind }) => ({
      ...blank,
      id: r.id,
      kind,
      title: r.title,
      category: r.category,
      points: r.points,
      technique: r.techniques[0] ?? null,
      level: r.level,
      description: r.description ?? null,
      source: kind === "sigma" ? r.source.replace(/^.*?(rules\/)/, "$1") : "uploaded",
      yaml: r.text,
    })),
    ...shipped.reputation.map((l) => ({
      ...blank,
      id: `sn-reputation-${l.name}`,
      kind: "reputation" as const,
      title: `Address on the "${l.name}" reputation list (${l.size} entries)`,
      category: "reputation",
      points: POINTS.warning,
    })),
    {
      ...blank,
      id: "sn-entity-risk",
      kind: "risk" as const,
      title: "Entity risk above the threshold",
      category: "anomaly",
      points: 0,
      description:
        "Raised when an entity's decayed risk reaches the org's risk alert threshold with harm of two or more kinds.",
    },
  ];
}

export function shippedRuleIds(): Set<string> {
  return new Set(baseEntries([]).map((r) => r.id));
}

export async function listRules(db: PrismaClient, orgId: string): Promise<RuleEntry[]> {
  const [custom, overrides, hits] = await Promise.all([
    customSigmaRules(db, orgId),
    ruleOverrides(db, orgId),
    ruleHits(db, orgId),
  ]);
  return baseEntries(custom).map((rule) => {
    const override = overrides.get(rule.id);
    const stat = hits.get(rule.id);
    return {
      ...rule,
      enabled: override?.enabled ?? true,
      threshold: override?.threshold ?? rule.threshold,
      windowSeconds: override?.windowSeconds ?? rule.windowSeconds,
      hits: stat?.hits ?? 0,
      lastHitAt: stat?.lastHitAt.toISOString() ?? null,
    };
  });
}

/** Rule id → title for everything the org's alerts can name (uploaded rules included). */
export async function ruleTitles(db: PrismaClient, orgId: string): Promise<Map<string, string>> {
  const { custom } = await orgRuleset(db, orgId);
  return new Map(baseEntries(custom).map((rule) => [rule.id, rule.title]));
}

export async function findRule(db: PrismaClient, orgId: string, id: string): Promise<RuleEntry | null> {
  return (await listRules(db, orgId)).find((r) => r.id === id) ?? null;
}
