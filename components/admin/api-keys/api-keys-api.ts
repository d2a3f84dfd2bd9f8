// Browser calls for Admin → API keys.
import { requestJson } from "@/components/ui/api-client";
import type { apiKeyView } from "@/lib/apikeys/manage.ts";

export type ApiKeyItem = ReturnType<typeof apiKeyView>;
export type NewApiKey = ApiKeyItem & { token: string };

export const fetchApiKeys = () => requestJson<{ keys: ApiKeyItem[] }>("GET", "/api/v1/apikeys").then((r) => r.keys);

export const createApiKey = (body: {
  name: string;
  scopes: string[];
  expiresAt: string | null;
  rateLimitPerMinute: number | null;
}) => requestJson<NewApiKey>("POST", "/api/v1/apikeys", body);

export const revokeApiKey = (id: string) => requestJson<ApiKeyItem>("DELETE", `/api/v1/apikeys/${id}`);

export const rotateApiKey = (id: string, graceHours: number) =>
  requestJson<NewApiKey>("POST", `/api/v1/apikeys/${id}/rotate`, { graceHours });

export type KeyStatus = { label: string; tone: "success" | "warning" | "danger" | "neutral" };

export function keyStatus(key: ApiKeyItem, now: number): KeyStatus {
  if (key.revokedAt) return { label: "Revoked", tone: "danger" };
  if (key.expiresAt && Date.parse(key.expiresAt) <= now) return { label: "Expired", tone: "neutral" };
  if (key.stoppedBy === "owner_disabled") return { label: "Owner disabled", tone: "danger" };
  if (key.stoppedBy === "parent_key") return { label: "Parent key stopped", tone: "neutral" };
  if (key.previousValidUntil && Date.parse(key.previousValidUntil) > now) return { label: "Rotating", tone: "warning" };
  return { label: "Active", tone: "success" };
}
