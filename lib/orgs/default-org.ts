// The one org of today's single-tenant install. Seed creates it; sign-in (for unknown users'
// audit rows), the CLI, the simulator and the benchmarks look it up by its slug.
import type { PrismaClient } from "@/lib/generated/prisma/client.ts";

export const DEFAULT_ORG_SLUG = "default";

export async function defaultOrgId(db: PrismaClient): Promise<string> {
  const org = await db.org.findUnique({ where: { slug: DEFAULT_ORG_SLUG } });
  if (!org) throw new Error("The default org does not exist yet; run `npm run cli -- migrate` first.");
  return org.id;
}
