import type { AuditExport } from "@/lib/audit/export-audit-events";

/** The streamed export as an HTTP answer: a download, never cached, never sniffed. */
export function auditExportResponse(e: AuditExport): Response {
  return new Response(e.body, {
    status: 200,
    headers: {
      "Content-Type": e.contentType,
      "Content-Disposition": `attachment; filename="${e.filename}"`,
      "Cache-Control": "private, no-store",
      "X-Content-Type-Options": "nosniff",
    },
  });
}
