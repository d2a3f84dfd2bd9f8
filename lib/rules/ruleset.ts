// The ruleset an org's events are scored with: shipped Sigma rules and reputation lists (read
// once per process), the org's uploaded rules, settings and overrides (read from the database
// and cached briefly, so every instance follows an admin's change within CACHE_MS).
import path from "node:path";
import type { PrismaClient } from "@/lib/generated/prisma/client.ts";
import { env } from "@/lib/env.ts";
import { logger } from "@/lib/log.ts";
import { processShared } from "@/lib/runtime/process-runtime.ts";
import { loadReputationDirectory, type ReputationList } from "@/lib/detection/reputation.ts";
import { loadSigmaDirectory, type SigmaLoadError, type SigmaRule } from "@/lib/detection/sigma-engine/index.ts";
import { THRESHOLD_RULES, type ThresholdRule } from "@/lib/detection/threshold-rules.ts";
import type { ParanoiaLevel, Ruleset } from "@/lib/detection/verdict.ts";
import { activeSuppressions } from "@/lib/alerts/suppressions.ts";
import { customSigmaRules } from "./custom-rules.ts";
import { detectionSettings, type Settings } from "./detection-settings.ts";
import { ruleOverrides, type RuleOverride } from "./rule-settings.ts";

export const CACHE_MS = 5_000;

export interface OrgRuleset {
  settings: Settings;
  ruleset: Ruleset;
  thresholdRules: ThresholdRule[];
  overrides: Map<string, RuleOverride>;
  custom: SigmaRule[];
}

interface Shipped {
  sigma: SigmaRule[];
  sigmaErrors: SigmaLoadError[];
  reputation: ReputationList[];
}

// Process-wide, so route handlers (a second copy of this module under Next) and the server's own
// detection read one cache and one invalidation reaches both.
const cache = processShared("rules.cache", () => ({
  shipped: undefined as Shipped | undefined,
  rulesets: new Map<string, { at: number; value: Promise<OrgRuleset> }>(),
}));

export function shippedRules(): Shipped {
  if (!cache.shipped) {
    const { rules: sigma, errors: sigmaErrors } = loadSigmaDirectory(path.resolve(env().SECURENET_RULES_DIR));
    const { lists: reputation, errors } = loadReputationDirectory(path.resolve(env().SECURENET_REPUTATION_DIR));
    for (const error of sigmaErrors)
      logger().warn({ rule: error.ruleId, source: error.source }, `shipped Sigma rule not loaded: ${error.reason}`);
    for (const error of errors) logger().warn(error, "reputation list entry skipped");
    cache.shipped = { sigma, sigmaErrors, reputation };
  }
  return cache.shipped;
}

export function applyOverrides(rules: ThresholdRule[], overrides: Map<string, RuleOverride>): ThresholdRule[] {
  return rules.flatMap((rule) => {
    const override = overrides.get(rule.id);
    if (override && !override.enabled) return [];
    return [
      {
        ...rule,
        threshold: override?.threshold ?? rule.threshold,
        windowMs: override?.windowSeconds ? override.windowSeconds * 1000 : rule.windowMs,
      },
    ];
  });
}

async function build(db: PrismaClient, orgId: string): Promise<OrgRuleset> {
  const shipped = shippedRules();
  const [settings, overrides, custom, suppressions] = await Promise.all([
    detectionSettings(db, orgId),
    ruleOverrides(db, orgId),
    customSigmaRules(db, orgId),
    activeSuppressions(db, orgId),
  ]);
  const disabled = new Set([...overrides].filter(([, o]) => !o.enabled).map(([id]) => id));
  return {
    settings,
    overrides,
    custom,
    thresholdRules: applyOverrides(THRESHOLD_RULES, overrides),
    ruleset: {
      paranoia: settings.paranoiaLevel as ParanoiaLevel,
      sigma: [...shipped.sigma, ...custom],
      reputation: shipped.reputation,
      disabled,
      suppressions,
    },
  };
}

export function orgRuleset(db: PrismaClient, orgId: string, now = Date.now()): Promise<OrgRuleset> {
  const { rulesets } = cache;
  const cached = rulesets.get(orgId);
  if (cached && now - cached.at < CACHE_MS) return cached.value;
  const value = build(db, orgId);
  rulesets.set(orgId, { at: now, value });
  value.catch(() => rulesets.delete(orgId));
  return value;
}

/** After a change on this instance; other instances follow within CACHE_MS. */
export function invalidateRuleset(orgId: string) {
  cache.rulesets.delete(orgId);
}
