// Prometheus metrics of this instance (metrics:read; scrape with an API key as a Bearer token).
import { route } from "@/lib/http/route.ts";
import { metrics } from "@/lib/metrics/registry.ts";

export const GET = route({ permission: "metrics:read" }, async () => {
  const { registry } = metrics();
  return new Response(await registry.metrics(), { headers: { "content-type": registry.contentType } });
});
