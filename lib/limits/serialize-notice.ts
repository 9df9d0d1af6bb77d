import type { TenantNotice } from "@/lib/schemas/limits";

type Row = { id: string; severity: string; resource: string; message: string; usagePercent: number | null; createdAt: Date; dismissedAt: Date | null };

export const serializeNotice = (n: Row): TenantNotice => ({
  id: n.id,
  severity: n.severity as TenantNotice["severity"],
  resource: n.resource as TenantNotice["resource"],
  message: n.message,
  usage_percent: n.usagePercent,
  created_at: n.createdAt.toISOString(),
  dismissed_at: n.dismissedAt?.toISOString() ?? null,
});
