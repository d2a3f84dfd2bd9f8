// An HTTP server that shuts down gracefully: stop accepting, let in-flight requests finish
// (and so their writes commit), then close idle keep-alive connections.
import http from "node:http";

export interface GracefulServer {
  server: http.Server;
  inFlight(): number;
  /** Stops accepting and resolves once in-flight requests are done (or the timeout passes). */
  drain(timeoutMs: number): Promise<{ timedOut: boolean }>;
}

export function createGracefulServer(handler: http.RequestListener): GracefulServer {
  let active = 0;
  let draining = false;
  const idleWaiters: Array<() => void> = [];

  const server = http.createServer((req, res) => {
    active++;
    if (draining) res.setHeader("connection", "close");
    let done = false;
    const finish = () => {
      if (done) return;
      done = true;
      active--;
      if (active === 0) idleWaiters.splice(0).forEach((resolve) => resolve());
    };
    res.on("finish", finish);
    res.on("close", finish);
    handler(req, res);
  });

  return {
    server,
    inFlight: () => active,
    async drain(timeoutMs) {
      draining = true;
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeIdleConnections();
      const idle = active === 0 ? Promise.resolve() : new Promise<void>((resolve) => idleWaiters.push(resolve));
      let timer: NodeJS.Timeout | undefined;
      const timeout = new Promise<"timeout">((resolve) => {
        timer = setTimeout(() => resolve("timeout"), timeoutMs);
      });
      const outcome = await Promise.race([idle.then(() => "idle" as const), timeout]);
      // Responses are done; keep-alive sockets may still be open, so end them.
      server.closeIdleConnections();
      if (outcome === "timeout") server.closeAllConnections();
      await Promise.race([closed, new Promise((resolve) => setTimeout(resolve, 1000).unref())]);
      server.closeAllConnections();
      clearTimeout(timer);
      return { timedOut: outcome === "timeout" };
    },
  };
}
