// SecureNet's one process: Next.js and Socket.IO on one port, with graceful shutdown.
// First: the intrinsics frozen before anything else is evaluated (lib/security/freeze-intrinsics.ts).
import "@/lib/security/frozen-intrinsics.ts";
import { parse, pathToFileURL } from "node:url";
import next from "next";
import { DataDirInUseError } from "@/lib/db/data-dir-lock.ts";
import { openDatabase } from "@/lib/db/connect.ts";
import { prepareDatabase } from "@/lib/db/prepare.ts";
import { ConfigError, env } from "@/lib/env.ts";
import { createLogger, logger, setLogger } from "@/lib/log.ts";
import { attachRealtime } from "@/lib/realtime/server.ts";
import { startIdentityHousekeeping } from "@/lib/auth/housekeeping-job.ts";
import { startInternalDetection } from "@/lib/pipeline/internal-events.ts";
import { startDemoSimulator } from "@/lib/simulator/demo-job.ts";
import { startAckExpiryJob } from "@/lib/alerts/ack-expiry-job.ts";
import { startNotifications } from "@/lib/notifications/job.ts";
import { createGracefulServer } from "@/lib/server/http-server.ts";
import { answerStaticMethod } from "@/lib/server/static-methods.ts";
import { refuseOversizedBody } from "@/lib/server/body-limit.ts";
import { MAX_BODY_BYTES } from "@/lib/pipeline/read-body.ts";
import { HSTS } from "@/lib/http/security-headers.ts";
import { onSignals } from "@/lib/server/shutdown.ts";
import { printAdminBanner } from "@/lib/server/banner.ts";
import { CLIENT_IP_HEADER, clientIp, requestIdFrom } from "@/lib/http/request-context.ts";
import { startAuditRetentionJob } from "@/lib/audit/retention-job.ts";
import { startEventStorageJob } from "@/lib/pipeline/event-storage-job.ts";
import { deriveKey } from "@/lib/crypto/keys.ts";
import { startEmbeddedMaintenance } from "@/lib/db/maintenance.ts";
import { defaultPoolSize } from "@/lib/pipeline/start-scoring-pool.ts";
import { createRuntime } from "@/lib/runtime/runtime.ts";
import { installRuntime } from "@/lib/runtime/process-runtime.ts";
import { pipelineDeps } from "@/lib/pipeline/pipeline-deps.ts";

export async function main({ dev = false } = {}) {
  let config;
  try {
    config = env();
  } catch (error) {
    if (error instanceof ConfigError) {
      console.error(`SecureNet cannot start. ${error.message}`);
      process.exit(1);
    }
    throw error;
  }
  const log = createLogger(config.LOG_LEVEL);
  setLogger(log);
  // next-auth reads these from the environment itself.
  process.env.NEXTAUTH_URL ??= config.publicUrl;
  process.env.NEXTAUTH_SECRET = config.AUTH_SECRET;
  process.env.NEXT_TELEMETRY_DISABLED = "1";

  const db = await openDatabase(
    config.databaseMode === "postgres"
      ? { mode: "postgres", url: config.DATABASE_URL! }
      : { mode: "embedded", dataDir: config.dataDir },
  ).catch((error: unknown) => {
    if (!(error instanceof DataDirInUseError)) throw error;
    console.error(`SecureNet cannot start. ${error.message}`);
    process.exit(1);
  });
  try {
    const prepared = await prepareDatabase(db, {
      seed: { adminEmail: config.SECURENET_ADMIN_EMAIL, adminPassword: config.SECURENET_ADMIN_PASSWORD },
    });
    if (prepared.applied.length) logger().info({ migrations: prepared.applied }, "migrations applied");
    if (prepared.seed?.createdAdmin) printAdminBanner(prepared.seed.createdAdmin, config.publicUrl);
  } catch (error) {
    await db.close().catch(() => {});
    console.error(`SecureNet cannot start. ${(error as Error).message}`);
    process.exit(1);
  }
  // The process's state, built once: route handlers bundled by Next find it (process-runtime.ts).
  const runtime = createRuntime({
    config,
    db,
    logger: log,
    scoringWorkers: config.SECURENET_DETECTION_WORKERS ?? defaultPoolSize(),
  });
  installRuntime(runtime);

  const app = next({ dev, dir: process.cwd(), hostname: "localhost", port: config.PORT });
  const handle = app.getRequestHandler();
  await app.prepare();

  const https = config.publicUrl.startsWith("https://");
  const http = createGracefulServer((req, res) => {
    // Behind https every answer, static files and early refusals included, tells the browser to stay on it.
    if (https) res.setHeader("Strict-Transport-Security", HSTS);
    // The largest body any route takes is an ingest batch.
    if (refuseOversizedBody(req, res, MAX_BODY_BYTES) || answerStaticMethod(req, res)) return;
    req.headers[CLIENT_IP_HEADER] =
      clientIp(req.socket.remoteAddress, req.headers["x-forwarded-for"], config.SECURENET_TRUST_PROXY) ?? undefined;
    req.headers["x-request-id"] = requestIdFrom(req.headers["x-request-id"]);
    void handle(req, res, parse(req.url ?? "/", true));
  });
  const realtime = attachRealtime(http.server, {
    db,
    authSecret: config.AUTH_SECRET,
    secureCookie: config.publicUrl.startsWith("https://"),
    buses: runtime.buses,
    redis: runtime.redis,
  });

  const retention = startAuditRetentionJob(db.prisma, {
    retentionDays: config.AUDIT_RETENTION_DAYS,
    checkpointKey: deriveKey(config.SECURENET_ENCRYPTION_KEY, "audit-checkpoint"),
  });

  const eventStorage = startEventStorageJob(db.prisma);
  const maintenance = startEmbeddedMaintenance(db);
  const housekeeping = startIdentityHousekeeping(db.prisma);
  const stopInternalDetection = startInternalDetection(pipelineDeps(runtime));
  const ackExpiry = startAckExpiryJob(db.prisma);
  const notifications = startNotifications(db.prisma, config.publicUrl);
  const demo = config.SECURENET_DEMO ? startDemoSimulator(pipelineDeps(runtime)) : null;

  onSignals([
    { name: "stop accepting and drain HTTP", run: () => http.drain(config.SHUTDOWN_TIMEOUT_MS) },
    { name: "close sockets", run: () => realtime.close() },
    { name: "stop scoring internal events", run: () => stopInternalDetection() },
    { name: "close Next", run: () => app.close?.() },
    {
      name: "stop background jobs",
      run: () =>
        Promise.all([
          retention.stop(),
          eventStorage.stop(),
          maintenance.stop(),
          housekeeping.stop(),
          ackExpiry.stop(),
          notifications.stop(),
          demo?.stop(),
        ]),
    },
    { name: "stop scoring workers, quit Redis, close database", run: () => runtime.close() },
  ]);

  await new Promise<void>((resolve) => http.server.listen(config.PORT, config.HOST, resolve));
  logger().info(
    { url: config.publicUrl, database: config.databaseMode, dev },
    `SecureNet listening on ${config.publicUrl}`,
  );
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  await main({ dev: process.argv.includes("--dev") });
}
