// Webhook destinations through their route handlers: internal addresses are refused when saved and
// when delivered (after resolution), "Send test" says nothing about ports beyond "no answer", and a
// URL's credentials never come back out.
import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as destinations from "@/app/api/v1/notifications/destinations/route.ts";
import * as destination from "@/app/api/v1/notifications/destinations/[id]/route.ts";
import * as sendTest from "@/app/api/v1/notifications/destinations/[id]/test/route.ts";
import * as deliveries from "@/app/api/v1/notifications/deliveries/route.ts";
import { backends } from "@/lib/db/testing.ts";
import { env } from "@/lib/env.ts";
import { apiTestOrg } from "@/lib/testing/api-org.ts";
import { useTestEnv } from "@/lib/testing/env.ts";

/** The test configuration with the same secrets (sealed URLs stay readable) and the given allow-list. */
function useWebhookAllowList(list?: string) {
  const current = env();
  useTestEnv({
    API_KEY_RATE_LIMIT_PER_MINUTE: "10000",
    AUTH_SECRET: current.AUTH_SECRET,
    SECURENET_ENCRYPTION_KEY: current.SECURENET_ENCRYPTION_KEY,
    ...(list ? { SECURENET_WEBHOOK_ALLOWED_HOSTS: list } : {}),
  });
}

function listen(handler: http.RequestListener): Promise<{ server: http.Server; port: number }> {
  const server = http.createServer(handler);
  return new Promise((resolve) =>
    server.listen(0, "127.0.0.1", () => resolve({ server, port: (server.address() as AddressInfo).port })),
  );
}

describe.each(backends)("webhook destinations on %s", (backend) => {
  const org = apiTestOrg(backend);
  const received: string[] = [];
  let receiver: { server: http.Server; port: number };
  let silent: { server: http.Server; port: number };
  let closedPort = 0;

  beforeAll(async () => {
    receiver = await listen((req, res) => {
      received.push(req.url ?? "");
      req.resume();
      req.on("end", () => res.writeHead(204).end());
    });
    // Accepts the connection and never answers.
    silent = await listen(() => undefined);
    const closed = await listen(() => undefined);
    closedPort = closed.port;
    await new Promise((resolve) => closed.server.close(resolve));
  });
  afterAll(async () => {
    receiver.server.closeAllConnections();
    silent.server.closeAllConnections();
    await Promise.all([receiver.server, silent.server].map((s) => new Promise((resolve) => s.close(resolve))));
  });

  const create = (url: string, name = "hook") =>
    org.call(destinations.POST, "POST", "/api/v1/notifications/destinations", { name, url, minSeverity: "low" });
  const test = (id: string) =>
    org.call(sendTest.POST, "POST", `/api/v1/notifications/destinations/${id}/test`, undefined, { id });

  it.each([
    "http://2130706433/",
    "http://0177.0.0.1/",
    "http://0x7f.1/",
    "http://127.1/",
    "http://localhost/hook",
    "http://api.localhost/hook",
    "http://[::1]/",
    "http://0.0.0.0/",
    "http://[::]/",
    "http://[::ffff:127.0.0.1]/",
    "http://[::ffff:7f00:1]/",
    "http://[64:ff9b::a9fe:a9fe]/",
    "http://[2002:7f00:1::]/",
    "http://169.254.169.254/latest/meta-data/",
    "http://10.1.2.3/",
    "http://172.16.0.1/",
    "http://192.168.1.1/",
    "http://100.64.0.1/",
    "http://[fd00::1]/",
    "http://[fe80::1]/",
    "http://224.0.0.1/",
    "http://255.255.255.255/",
  ])("refuses a webhook at %s with 422 naming url", async (url) => {
    useWebhookAllowList();
    const response = await create(url);
    expect(response.status).toBe(422);
    expect(response.body.errors).toEqual([expect.objectContaining({ path: "url" })]);
  });

  it("refuses an internal address given in an edit as well", async () => {
    useWebhookAllowList();
    const saved = await create("https://hooks.example.invalid/services/x");
    expect(saved.status).toBe(201);
    const edited = await org.call(
      destination.PATCH,
      "PATCH",
      `/api/v1/notifications/destinations/${saved.body.id}`,
      { url: "http://[::ffff:169.254.169.254]/" },
      { id: saved.body.id },
    );
    expect(edited).toMatchObject({
      status: 422,
      body: { errors: [{ path: "url", message: expect.stringMatching(/linkLocal/) }] },
    });
  });

  it("refuses at delivery a host name that resolves to a loopback address", async () => {
    // Saved while an admin allowed it; the allow-list is gone by the time it is sent.
    useWebhookAllowList("localhost");
    const saved = await create(`http://localhost:${receiver.port}/rebound`);
    expect(saved.status).toBe(201);
    useWebhookAllowList();
    const before = received.length;
    const result = await test(saved.body.id);
    expect(result.body).toMatchObject({
      ok: false,
      status: null,
      error: expect.stringMatching(/internal address \(loopback\)/),
    });
    expect(received.length).toBe(before);
  });

  it("delivers to an internal receiver an admin allowed", async () => {
    useWebhookAllowList("127.0.0.1/32");
    const saved = await create(`http://127.0.0.1:${receiver.port}/allowed`);
    expect(saved.status).toBe(201);
    expect(await test(saved.body.id)).toMatchObject({ status: 200, body: { ok: true, status: 204 } });
    expect(received).toContain("/allowed");
  });

  it("answers a test to a closed port and to a port that never answers alike", async () => {
    useWebhookAllowList("127.0.0.1");
    const closed = await create(`http://127.0.0.1:${closedPort}/`, "closed");
    const hanging = await create(`http://127.0.0.1:${silent.port}/`, "silent");
    expect([closed.status, hanging.status]).toEqual([201, 201]);
    const [a, b] = await Promise.all([test(closed.body.id), test(hanging.body.id)]);
    expect(a.body.ok).toBe(false);
    expect(a.body).toEqual(b.body);
  });

  it("never gives back the credentials in a webhook URL", async () => {
    useWebhookAllowList();
    const secret = "s3cr3t-token-8f2a";
    const saved = await create(
      `https://hook-user:${secret}@hooks.example.invalid/services/T0/B0?token=${secret}`,
      "with credentials",
    );
    expect(saved.status).toBe(201);
    const answers = [
      saved.body,
      (await org.call(destinations.GET, "GET", "/api/v1/notifications/destinations")).body,
      (await test(saved.body.id)).body,
      (await org.call(deliveries.GET, "GET", "/api/v1/notifications/deliveries")).body,
      await org.db.prisma.auditEntry.findMany({ where: { orgId: org.orgId, targetId: saved.body.id } }),
    ];
    for (const answer of answers)
      expect(
        JSON.stringify(answer, (_key, value: unknown) => (typeof value === "bigint" ? String(value) : value)),
      ).not.toContain(secret);
  });
});
