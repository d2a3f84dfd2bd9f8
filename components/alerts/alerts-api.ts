// Browser calls for alerts, triage and incidents.
import { requestJson } from "@/components/ui/api-client";
import type { alertDetail, AlertView } from "@/lib/alerts/query.ts";
import type { AlertDisposition, AlertStatus } from "@/lib/vocabulary.ts";

export type AlertItem = AlertView;
export type AlertDetail = Awaited<ReturnType<typeof alertDetail>>;

export const DISPOSITIONS = [
  { value: "true_positive", label: "True positive" },
  { value: "benign_positive", label: "Benign positive (real, but expected)" },
  { value: "duplicate", label: "Duplicate" },
  { value: "false_positive", label: "False positive" },
] as const satisfies readonly { value: AlertDisposition; label: string }[];

export interface TriageBody {
  status?: AlertStatus;
  assignee?: string | null;
  comment?: string;
  reason?: string;
  ackExpiresAt?: string | null;
  disposition?: string;
  suppress?: { minutes: number; scope: "entity" | "everywhere" };
}

export const fetchAlertPage = (qs: string, cursor: string | null) =>
  requestJson<{ items: AlertItem[]; nextCursor: string | null }>(
    "GET",
    `/api/v1/alerts?${qs}${cursor ? `${qs ? "&" : ""}cursor=${encodeURIComponent(cursor)}` : ""}`,
  );
export const fetchAlert = (id: string) => requestJson<AlertDetail>("GET", `/api/v1/alerts/${id}`);
export const triage = (id: string, body: TriageBody) => requestJson<AlertItem>("PATCH", `/api/v1/alerts/${id}`, body);
export const bulkTriage = (ids: string[], patch: TriageBody) =>
  requestJson<{ updated: number; failed: { id: string; detail: string }[] }>("POST", "/api/v1/alerts/bulk", {
    ids,
    patch,
  });
export const fetchAssignable = () =>
  requestJson<{ items: { email: string; name: string | null }[] }>("GET", "/api/v1/users/assignable").then(
    (r) => r.items,
  );
export const createIncident = (body: { title: string; alertIds: string[]; summary?: string }) =>
  requestJson<{ id: string }>("POST", "/api/v1/incidents", body);

export const statusLabel = (status: string) => status.replace("_", " ");
