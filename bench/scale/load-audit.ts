// Loading audit entries that extend the org's real hash chain: each entry is hashed with the
// audit library's own entryHash over the previous one, written in chunks, and the chain head is
// moved to the last, so `GET /api/v1/audit/verify` still answers ok and the server's own appends
// (the bench's API key, triage) continue the same chain. Times spread over the past 7 days.
import type { SqlSession } from "@/lib/db/sql.ts";
import { entryHash, GENESIS_HASH, type ChainedFields } from "@/lib/audit/canonical.ts";
import type { AuditAction } from "@/lib/audit/actions.ts";
import { DAYS } from "./load-events.ts";
import { IP_POOL, USER_AGENTS, ipOf } from "./pools.ts";

const CHUNK = 5_000;

/** Mostly sign-ins and triage, as a console's log reads; a few admin changes. */
const ACTIONS: [AuditAction, number][] = [
  ["auth.login.succeeded", 30],
  ["auth.login.failed", 12],
  ["auth.logout", 8],
  ["alert.status_changed", 25],
  ["alert.assigned", 8],
  ["alert.commented", 6],
  ["incident.created", 2],
  ["ip.blocked", 3],
  ["suppression.created", 2],
  ["settings.updated", 1],
  ["apikey.created", 1],
  ["user.updated", 1],
  ["rule.updated", 1],
];

export const ANALYSTS = Array.from({ length: 30 }, (_, i) => `analyst${i + 1}@example.test`);

/** A small deterministic generator, so reruns write the same log. */
function mulberry32(seed: number) {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

function target(
  action: AuditAction,
  random: () => number,
): { type: string | null; id: string | null; label: string | null } {
  if (action.startsWith("alert.") || action === "incident.created") {
    const id = `00000000-0000-4000-8000-${String(Math.floor(random() * 1e12)).padStart(12, "0")}`;
    return { type: action.startsWith("alert.") ? "alert" : "incident", id, label: `alert ${id.slice(-6)}` };
  }
  if (action === "ip.blocked") {
    const ip = ipOf(Math.floor(random() ** 3 * IP_POOL));
    return { type: "ip", id: ip, label: ip };
  }
  if (action.startsWith("auth.")) return { type: "user", id: null, label: null };
  return { type: action.split(".")[0]!, id: String(Math.floor(random() * 1000)), label: null };
}

const INSERT = `
  INSERT INTO "AuditEntry" ("id", "orgId", "seq", "at", "actorType", "actorId", "actorLabel", "action", "targetType",
    "targetId", "targetLabel", "outcome", "sourceIp", "userAgent", "requestId", "detail", "prevHash", "hash")
  SELECT gen_random_uuid(), $1::uuid, r.seq, r.at, r."actorType", r."actorId", r."actorLabel", r.action, r."targetType",
    r."targetId", r."targetLabel", r.outcome, r."sourceIp", r."userAgent", r."requestId", r.detail, r."prevHash", r.hash
  FROM jsonb_to_recordset($2::jsonb) AS r(seq bigint, at timestamptz, "actorType" text, "actorId" text, "actorLabel" text,
    action text, "targetType" text, "targetId" text, "targetLabel" text, outcome text, "sourceIp" text, "userAgent" text,
    "requestId" text, detail jsonb, "prevHash" text, hash text)`;

/** Appends `total` entries to the org's chain; answers the seconds it took. */
export async function loadAudit(
  sql: SqlSession,
  orgId: string,
  options: { total: number; now: Date },
): Promise<number> {
  const started = performance.now();
  const random = mulberry32(21);
  const weights = ACTIONS.reduce((s, [, w]) => s + w, 0);
  const pickAction = () => {
    let x = random() * weights;
    for (const [action, w] of ACTIONS) if ((x -= w) < 0) return action;
    return ACTIONS[0]![0];
  };
  const [head] = await sql.query<{ lastSeq: string; lastHash: string }>(
    `SELECT "lastSeq"::text AS "lastSeq", "lastHash" FROM "AuditChainHead" WHERE "orgId" = $1::uuid`,
    [orgId],
  );
  let seq = BigInt(head?.lastSeq ?? 0);
  let prevHash = head?.lastHash ?? GENESIS_HASH;
  const span = DAYS * 86_400_000;
  for (let first = 0; first < options.total; first += CHUNK) {
    const rows: (ChainedFields & { hash: string })[] = [];
    for (let i = first; i < Math.min(options.total, first + CHUNK); i++) {
      const action = pickAction();
      const analyst = ANALYSTS[Math.floor(random() ** 2 * ANALYSTS.length)]!;
      const t = target(action, random);
      seq += 1n;
      const fields: ChainedFields = {
        orgId,
        seq,
        at: new Date(options.now.getTime() - span + Math.floor(((i + 1) / (options.total + 1)) * span)),
        actorType: action === "ip.blocked" && random() < 0.5 ? "system" : "user",
        actorId: analyst,
        actorLabel: analyst,
        action,
        targetType: t.type,
        targetId: t.id ?? (t.type === "user" ? analyst : null),
        targetLabel: t.label ?? (t.type === "user" ? analyst : null),
        outcome: action === "auth.login.failed" ? "failure" : "success",
        sourceIp: ipOf(Math.floor(random() ** 3 * IP_POOL)),
        userAgent: USER_AGENTS[Math.floor(random() ** 2 * 6)]!,
        requestId: `req-${seq}`,
        detail: action === "alert.status_changed" ? { status: { old: "new", new: "acknowledged" } } : {},
        prevHash,
      };
      const hash = entryHash(fields);
      rows.push({ ...fields, hash });
      prevHash = hash;
    }
    const json = JSON.stringify(rows, (_k, v: unknown) => (typeof v === "bigint" ? v.toString() : v));
    await sql.query(INSERT, [orgId, json]);
  }
  await sql.query(
    `INSERT INTO "AuditChainHead" ("orgId", "lastSeq", "lastHash") VALUES ($1::uuid, $2::bigint, $3)
     ON CONFLICT ("orgId") DO UPDATE SET "lastSeq" = excluded."lastSeq", "lastHash" = excluded."lastHash"`,
    [orgId, seq.toString(), prevHash],
  );
  return (performance.now() - started) / 1000;
}
