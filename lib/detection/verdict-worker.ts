// A verdict worker thread (see verdict-pool.ts): the shipped Sigma rules and reputation lists are
// loaded once from the folders the pool names; an org's own rules arrive as their YAML text and
// are compiled once each. Each request is a JSON array of normalized event documents; the answer is
// what fired on each.
import { parentPort, workerData } from "node:worker_threads";
import { wrapNormalizedDoc, type NormalizedDoc } from "@/lib/ingest/normalize.ts";
import { loadReputationDirectory } from "./reputation.ts";
import { loadSigmaDirectory, parseSigmaRule, type SigmaRule } from "./sigma-engine/index.ts";
import { firedDetections, type ParanoiaLevel } from "./verdict.ts";
import type { Detection } from "./types.ts";

export interface VerdictRequest {
  id: number;
  docs: string;
  paranoia: ParanoiaLevel;
  /** The org's uploaded rules, by source and text. */
  custom: { source: string; text: string }[];
}

export type VerdictReply = { id: number; fired: Detection[][] } | { id: number; error: string };

const { rulesDir, reputationDir } = workerData as { rulesDir: string; reputationDir: string };
const shippedSigma = loadSigmaDirectory(rulesDir).rules;
const reputation = loadReputationDirectory(reputationDir).lists;
const compiled = new Map<string, SigmaRule | null>();

function customRule({ source, text }: VerdictRequest["custom"][number]): SigmaRule | null {
  const key = `${source}\u0000${text}`;
  if (!compiled.has(key)) {
    const parsed = parseSigmaRule(text, source);
    compiled.set(key, "rule" in parsed ? parsed.rule : null);
  }
  return compiled.get(key)!;
}

parentPort!.on("message", (request: VerdictRequest) => {
  let reply: VerdictReply;
  try {
    const sigma = [...shippedSigma, ...request.custom.map(customRule).filter((r): r is SigmaRule => r !== null)];
    const docs = JSON.parse(request.docs) as NormalizedDoc[];
    reply = { id: request.id, fired: docs.map((doc) => firedDetections(wrapNormalizedDoc(doc), { paranoia: request.paranoia, sigma, reputation })) };
  } catch (error) {
    reply = { id: request.id, error: (error as Error).message };
  }
  parentPort!.postMessage(reply);
});
