// The audit entries matching the current filters as a streamed CSV or NDJSON download; the export is itself audited.
import { actorOf } from "@/lib/audit/actor.ts";
import { EXPORT_CONTENT_TYPES, exportAuditEntries, linesToStream } from "@/lib/audit/export.ts";
import { audit } from "@/lib/audit/record.ts";
import { route } from "@/lib/http/route.ts";
import { logger } from "@/lib/log.ts";
import { auditExportQuery, describeAuditFilters } from "@/lib/validation/audit.ts";

export const GET = route(
  { permission: "audit:read", query: auditExportQuery },
  async ({ principal, query, context, requestId, db }) => {
    const { format, ...filters } = query;
    const orgId = principal.orgId;
    await audit(db, {
      orgId,
      action: "audit.exported",
      actor: actorOf(principal),
      target: { type: "audit_log", id: orgId },
      detail: { format, filters: describeAuditFilters(filters) },
      context,
    });
    const stamp = new Date()
      .toISOString()
      .replace(/[-:]/g, "")
      .replace(/\.\d+Z$/, "Z");
    const body = linesToStream(exportAuditEntries(db, orgId, filters, format), {
      onError: (err) => logger().error({ err, requestId }, "audit export failed mid-stream"),
    });
    return new Response(body, {
      headers: {
        "content-type": EXPORT_CONTENT_TYPES[format],
        "content-disposition": `attachment; filename="securenet-audit-${stamp}.${format}"`,
        "cache-control": "no-store",
        "x-content-type-options": "nosniff",
      },
    });
  },
);
