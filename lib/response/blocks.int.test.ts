// Blocking an address from two places at once (two instances' alerts, or an admin and the
// automatic block) leaves one active block and one audit entry.
import { describe, expect, it } from "vitest";
import { backends } from "@/lib/db/testing.ts";
import { seededTestOrg } from "@/lib/testing/api-org.ts";
import { blockIp } from "./blocks.ts";

describe.each(backends)("blocking an address on %s", (backend) => {
  const org = seededTestOrg(backend);

  it("blocks once when asked several times at the same moment", async () => {
    const { db, orgId } = org;
    const ip = "203.0.113.150";
    const results = await Promise.all(
      Array.from({ length: 4 }, (_, i) => blockIp(db.prisma, { orgId, ip, reason: `alert ${i}`, minutes: 60 })),
    );
    expect(results.filter((r) => r.created)).toHaveLength(1);
    expect(new Set(results.map((r) => r.block.id)).size).toBe(1);
    expect(await db.prisma.ipBlock.count({ where: { orgId, ip } })).toBe(1);
    expect(await db.prisma.auditEntry.count({ where: { orgId, action: "ip.blocked", targetId: ip } })).toBe(1);
  });
});
