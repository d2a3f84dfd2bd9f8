// The delivery worker end to end: an alert about a crafted user name reaches an allowed receiver
// as a Slack message in which that name is text, and a destination whose host now resolves to a
// loopback address nobody allowed is not reached.
import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { SYSTEM_ACTOR } from "@/lib/audit/record.ts";
import { backends } from "@/lib/db/testing.ts";
import { env } from "@/lib/env.ts";
import { seededTestOrg } from "@/lib/testing/api-org.ts";
import { useTestEnv } from "@/lib/testing/env.ts";
import { deliverDue } from "./delivery.ts";
import { createDestination } from "./destinations.ts";

const CONSOLE = "https://soc.example.test";
const CRAFTED = "<https://evil.example|Click here> <!channel>";

function useWebhookAllowList(list?: string) {
  const current = env();
  useTestEnv({
    AUTH_SECRET: current.AUTH_SECRET,
    SECURENET_ENCRYPTION_KEY: current.SECURENET_ENCRYPTION_KEY,
    ...(list ? { SECURENET_WEBHOOK_ALLOWED_HOSTS: list } : {}),
  });
}

describe.each(backends)("notification delivery on %s", (backend) => {
  const org = seededTestOrg(backend);
  const bodies: { url: string; body: { text: string; blocks: { text: { text: string } }[] } }[] = [];
  let server: http.Server;
  let port = 0;

  beforeAll(async () => {
    useTestEnv();
    server = http.createServer((req, res) => {
      let text = "";
      req.on("data", (chunk: Buffer) => (text += chunk.toString()));
      req.on("end", () => (bodies.push({ url: req.url ?? "", body: JSON.parse(text) }), res.writeHead(200).end("ok")));
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    port = (server.address() as AddressInfo).port;
  });
  afterAll(() => new Promise((resolve) => server.close(resolve)));

  async function queue(url: string) {
    const { db, orgId } = org;
    const destination = await createDestination(
      db.prisma,
      { name: url, url, minSeverity: "low", enabled: true },
      { orgId, actor: SYSTEM_ACTOR },
    );
    const now = new Date();
    const alert = await db.prisma.alert.create({
      data: {
        orgId,
        groupKey: `user:${CRAFTED}:${destination.id}`,
        ruleId: "sn-brute-force",
        title: `Brute force: ${CRAFTED}`,
        category: "brute_force",
        severity: "high",
        score: 75,
        entityType: "user",
        entityValue: CRAFTED,
        techniques: [],
        count: 3,
        firstSeenAt: now,
        lastSeenAt: now,
        breakdown: {},
        eventIds: [],
      },
    });
    await db.prisma.notificationDelivery.create({
      data: { orgId, destinationId: destination.id, alertId: alert.id, nextAttemptAt: new Date(now.getTime() - 1_000) },
    });
    return destination.id;
  }

  it("delivers an alert about a crafted user name with no link or mention in it", async () => {
    useWebhookAllowList("127.0.0.0/8");
    const destinationId = await queue(`http://127.0.0.1:${port}/slack`);
    await deliverDue(org.db.prisma, CONSOLE);
    expect(await org.db.prisma.notificationDelivery.findFirst({ where: { destinationId } })).toMatchObject({
      status: "delivered",
      responseStatus: 200,
    });
    const message = bodies.find((b) => b.url === "/slack")!.body;
    for (const text of [message.text, message.blocks[0]!.text.text]) {
      // The one link is the alert's own, in the console.
      expect(text.replaceAll(`<${CONSOLE}/alerts/`, "")).not.toMatch(/<https?:|<!|https?:\/\/evil|evil\.example/);
      expect(text).toContain("&lt;https[://]evil[.]example|Click here&gt; &lt;!channel&gt;");
    }
  });

  it("does not reach a host that resolves to a loopback address once it is no longer allowed", async () => {
    useWebhookAllowList("localhost");
    const destinationId = await queue(`http://localhost:${port}/rebound`);
    useWebhookAllowList();
    await deliverDue(org.db.prisma, CONSOLE);
    const delivery = await org.db.prisma.notificationDelivery.findFirstOrThrow({ where: { destinationId } });
    expect(delivery).toMatchObject({
      status: "pending",
      attempts: 1,
      responseStatus: null,
      lastError: expect.stringMatching(/internal address \(loopback\)/),
    });
    expect(bodies.map((b) => b.url)).not.toContain("/rebound");
  });
});
