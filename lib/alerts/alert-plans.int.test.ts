// Every shape of the alerts list is answered from an index on "Alert": no Seq Scan, and no Sort
// except over the few rows a filter's own index found. The overview's alert queries read the alert
// rollups, and "Alert" (if at all) only through the index of the part of a window finer than the
// rollups' half hour. The statements are the ones the app runs (alertListSql and the alert-overview
// builders), explained.
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Prisma } from "@/lib/generated/prisma/client.ts";
import { backends, createTestDatabase, type TestDatabase } from "@/lib/db/testing.ts";
import { loadAlerts } from "@/lib/testing/alert-fixtures.ts";
import {
  createdBucketsSql,
  openAlertsBySeveritySql,
  ROLLUP_BUCKET_MS,
  topRulesSql,
} from "@/lib/stats/alert-overview.ts";
import { WINDOWS } from "@/lib/stats/overview.ts";
import { alertListSql, type AlertCursor, type AlertListFilters } from "./list-sql.ts";

interface PlanNode {
  "Node Type": string;
  "Relation Name"?: string;
  "Index Name"?: string;
  "Index Cond"?: string;
  Plans?: PlanNode[];
}

const nodes = (n: PlanNode): PlanNode[] => [n, ...(n.Plans ?? []).flatMap(nodes)];
const idx = (short: string) => (short === "updatedAt" ? "Alert_orgId_updatedAt_idx" : `Alert_${short}_idx`);

const now = new Date();
const hoursAgo = (h: number) => new Date(now.getTime() - h * 3_600_000);

interface Shape {
  name: string;
  filters: AlertListFilters;
  cursor?: AlertCursor;
  /** Indexes the planner may read (short names). */
  indexes: string[];
  /** A Sort is allowed only above these (filter) indexes: it then sorts that filter's matches. */
  sortOver?: string[];
}

const id = "ffffffff-ffff-4fff-bfff-ffffffffffff";
const LIST_SHAPES: Shape[] = [
  { name: "default (newest activity)", filters: {}, indexes: ["list_lastSeen"] },
  { name: "sort=created", filters: { sort: "created" }, indexes: ["list_created"] },
  { name: "sort=score", filters: { sort: "score" }, indexes: ["list_score"] },
  { name: "a deep page, lastSeen", filters: {}, cursor: { value: hoursAgo(100), id }, indexes: ["list_lastSeen"] },
  {
    name: "a deep page, created",
    filters: { sort: "created" },
    cursor: { value: hoursAgo(100), id },
    indexes: ["list_created"],
  },
  { name: "a deep page, score", filters: { sort: "score" }, cursor: { value: 50, id }, indexes: ["list_score"] },
  {
    name: "status open (the Open view)",
    filters: { status: ["new", "acknowledged", "in_progress"] },
    indexes: ["list_lastSeen", "list_status"],
    sortOver: ["list_status"],
  },
  {
    name: "status new, severity high (the New, high+ view)",
    filters: { status: ["new"], severity: "high" },
    indexes: ["list_status", "list_lastSeen", "list_score"],
    sortOver: ["list_status", "list_score"],
  },
  {
    name: "status open, sort=score",
    filters: { status: ["new", "acknowledged", "in_progress"], sort: "score" },
    indexes: ["list_score", "list_status"],
    sortOver: ["list_status"],
  },
  {
    name: "severity critical",
    filters: { severity: "critical" },
    indexes: ["list_lastSeen", "list_score"],
    sortOver: ["list_score"],
  },
  {
    name: "severity critical, sort=created",
    filters: { severity: "critical", sort: "created" },
    indexes: ["list_created", "list_score"],
    sortOver: ["list_score"],
  },
  { name: "since 24 h", filters: { since: hoursAgo(24) }, indexes: ["list_lastSeen"] },
  {
    name: "until 13 days ago (the alerts still active then, sorted, then a lastSeen range)",
    filters: { until: hoursAgo(13 * 24) },
    indexes: ["list_lastSeen", "orgId_firstSeenAt"],
    sortOver: ["orgId_firstSeenAt"],
  },
  {
    name: "until an hour ago",
    filters: { until: hoursAgo(1) },
    indexes: ["list_lastSeen", "orgId_firstSeenAt"],
    sortOver: ["list_lastSeen"],
  },
  {
    name: "changedSince (the live feed's catch-up)",
    filters: { changedSince: hoursAgo(0.2) },
    indexes: ["list_lastSeen", "updatedAt"],
    sortOver: ["updatedAt"],
  },
  { name: "rule", filters: { rule: "sn-rule-7" }, indexes: ["list_rule", "list_lastSeen"], sortOver: [] },
  {
    name: "rule, sort=score",
    filters: { rule: "sn-rule-7", sort: "score" },
    indexes: ["list_score", "list_rule"],
    sortOver: ["list_rule"],
  },
  { name: "entity", filters: { entity: "10.0.3.17" }, indexes: ["list_entity"] },
  {
    name: "entity, sort=created",
    filters: { entity: "10.0.3.17", sort: "created" },
    indexes: ["list_created", "list_entity"],
    sortOver: ["list_entity"],
  },
  { name: "assignee", filters: { assignee: "analyst3@example.com" }, indexes: ["list_assignee", "list_lastSeen"] },
  { name: "unassigned", filters: { assignee: "none" }, indexes: ["list_assignee", "list_lastSeen"] },
  {
    name: "free text q",
    filters: { q: "10.0.3.17" },
    indexes: ["search_trgm", "list_lastSeen"],
    sortOver: ["search_trgm"],
  },
];

/** Aggregates may sort their groups (or the window's rows, on the way to grouping them). */
function expectIndexed(plan: PlanNode, allowed: string[], sortOver: string[] | "any" = []) {
  const all = nodes(plan);
  expect(all.filter((n) => n["Node Type"] === "Seq Scan").map((n) => n["Relation Name"])).toEqual([]);
  const used = all.flatMap((n) => (n["Index Name"] ? [n["Index Name"]] : []));
  expect(used.length).toBeGreaterThan(0);
  for (const name of used) expect(allowed.map(idx)).toContain(name);
  if (sortOver === "any") return;
  for (const sort of all.filter((n) => n["Node Type"] === "Sort")) {
    const below = nodes(sort).flatMap((n) => (n["Index Name"] ? [n["Index Name"]] : []));
    // A sorted CTE's rows come from its own plan (checked above with the rest: indexes only).
    if (below.length === 0 && nodes(sort).some((n) => n["Node Type"] === "CTE Scan")) continue;
    expect(below.length).toBeGreaterThan(0);
    for (const name of below) expect(sortOver.map(idx)).toContain(name);
  }
  expect(all.some((n) => n["Node Type"] === "Incremental Sort")).toBe(false);
}

/** "Alert" read only through the `allowed` indexes (none: not read); the small rollups however the planner likes. */
function expectAlertRead(plan: PlanNode, allowed: string[]) {
  const all = nodes(plan);
  expect(all.some((n) => n["Relation Name"]?.startsWith("Alert"))).toBe(true);
  for (const n of all.filter((x) => x["Relation Name"] === "Alert"))
    expect(allowed.map(idx)).toContain(n["Index Name"]);
}

describe.each(backends)("alert query plans on %s", (backend) => {
  let db: TestDatabase;
  const orgId = randomUUID();

  beforeAll(async () => {
    db = await createTestDatabase(backend);
    // Over 14 days, so that even the 7d window is a range of the table, as it is in the field.
    await loadAlerts(db.prisma, orgId, 10_000, { now, days: 14 });
  }, 120_000);
  afterAll(() => db?.close());

  // 10,000 alerts are enough for the planner to prefer the indexes unforced on both backends
  // (with 4,000 it read the few pages of the table for q and the 7d aggregates): enable_seqscan stays on.
  async function explain(sql: Prisma.Sql): Promise<PlanNode> {
    const [row] = await db.prisma.$queryRaw<{ "QUERY PLAN": unknown }[]>(Prisma.sql`EXPLAIN (FORMAT JSON) ${sql}`);
    const json = row!["QUERY PLAN"];
    return (typeof json === "string" ? JSON.parse(json) : json)[0].Plan as PlanNode;
  }

  it.each(LIST_SHAPES)("the list: $name", async (shape) => {
    const plan = await explain(alertListSql(orgId, shape.filters, shape.cursor, 51));
    expectIndexed(plan, shape.indexes, shape.sortOver);
    if (shape.cursor) {
      // The keyset position is where the range scan starts, not a filter over the rows above it.
      const conds = nodes(plan).flatMap((n) => (n["Index Cond"] ? [n["Index Cond"]] : []));
      expect(conds.join(" ")).toMatch(/ROW\(/);
    }
  });

  it("the overview: open alerts by severity, from the rollup alone", async () => {
    expectAlertRead(await explain(openAlertsBySeveritySql(orgId)), []);
  });

  it.each(Object.entries(WINDOWS))("the overview, %s: alerts per bucket, MTTA/MTTR and top rules", async (_, w) => {
    const since = new Date(now.getTime() - w.ms);
    const finer = w.bucketMs % ROLLUP_BUCKET_MS !== 0;
    expectAlertRead(await explain(createdBucketsSql(orgId, since, w.bucketMs)), finer ? ["list_created"] : []);
    expectAlertRead(await explain(topRulesSql(orgId, since, w.bucketMs, 8)), ["list_lastSeen"]);
  });
});
