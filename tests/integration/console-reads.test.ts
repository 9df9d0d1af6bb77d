import { describe, expect, it } from "vitest";
import { listAuditEvents } from "@/lib/audit/list-audit-events";
import { platformActor } from "@/lib/tenant-access/tenant-actor";
import { systemCaller } from "@/lib/auth/caller";
import { changeTenantStatus } from "@/lib/tenants/change-tenant-status";
import { getUsageHistory } from "@/lib/tenants/get-usage-history";
import { ingestUsageEvents } from "@/lib/usage/ingest-usage-events";
import { makeTenant, staffCaller } from "../support/fixtures";

// The two read services the console adds: usage history and a tenant's audit trail.

const day = (offset: number) => {
  const now = new Date();
  return new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate() - offset));
};

describe("getUsageHistory", () => {
  it("returns the tenant's own days in the window, oldest first, and nobody else's", async () => {
    const [mine, other] = await Promise.all([makeTenant(), makeTenant()]);
    // Through the one write path: gauges (members, storage, connections) and counters (calls, bandwidth) per day.
    const GB = 1024 ** 3;
    const dayOf = (tenantId: string, d: Date, users: number, storageGb: number, apiCalls: number, conns: number, bandwidthGb: number) =>
      (
        [
          ["members", users],
          ["storage_bytes", storageGb * GB],
          ["api_calls", apiCalls],
          ["db_connections", conns],
          ["bandwidth_bytes", bandwidthGb * GB],
        ] as const
      ).map(([meter, value]) => ({ id: `${meter}-${d.toISOString()}`, tenantId, meter, value, timestamp: new Date(d.getTime() + 3_600_000) }));
    await ingestUsageEvents([
      ...dayOf(mine.id, day(0), 3, 1.5, 300, 2, 0.3),
      ...dayOf(mine.id, day(5), 2, 1.25, 200, 1, 0.2),
      ...dayOf(mine.id, day(120), 1, 1, 100, 1, 0.1),
      ...dayOf(other.id, day(1), 9, 9, 900, 9, 9),
    ]);
    const history = await getUsageHistory(staffCaller("auditor"), mine.id);
    expect(history).toEqual([
      { day: day(5).toISOString().slice(0, 10), users: 2, storage_gb: 1.25, api_calls: 200, db_connections: 1, bandwidth_gb: 0.2 },
      { day: day(0).toISOString().slice(0, 10), users: 3, storage_gb: 1.5, api_calls: 300, db_connections: 2, bandwidth_gb: 0.3 },
    ]);
  });

  it("needs tenants:read", async () => {
    const t = await makeTenant();
    const nobody = { ...staffCaller("auditor"), permissions: new Set<never>() };
    await expect(getUsageHistory(nobody, t.id)).rejects.toMatchObject({ code: "admin_privileges_required" });
  });
});

describe("listAuditEvents for the console's tenant page", () => {
  const tenantLog = (caller: Parameters<typeof platformActor>[0], tenantId: string, limit = 50) => listAuditEvents(platformActor(caller), { kind: "tenant", tenantId }, { limit });

  it("lists one tenant's events newest first, limited, for callers with audit:read", async () => {
    const [t, other] = await Promise.all([makeTenant(), makeTenant()]);
    await changeTenantStatus(systemCaller("test"), t.id, "suspend", { reason: "audit test" });
    const { items: events } = await tenantLog(staffCaller("auditor"), t.id, 2);
    expect(events).toHaveLength(2);
    expect(events[0]).toMatchObject({ event_type: "tenant.suspended", actor: { type: "system" }, target: { id: t.id }, changes: { status: { after: "suspended" }, reason: { before: null, after: "audit test" } } });
    expect(new Date(events[0].timestamp).getTime()).toBeGreaterThanOrEqual(new Date(events[1].timestamp).getTime());
    const { items: all } = await tenantLog(staffCaller("auditor"), t.id);
    expect(all.map((e) => e.event_type)).toEqual(expect.arrayContaining(["tenant.created", "tenant.provisioned", "tenant.suspended"]));
    expect(all.every((e) => e.target.id !== other.id && e.tenant_id === t.id)).toBe(true);
  });

  it("needs audit:read", async () => {
    const t = await makeTenant();
    const noAudit = { ...staffCaller("operator"), permissions: new Set(["tenants:read"] as const) };
    await expect(tenantLog(noAudit, t.id)).rejects.toMatchObject({ code: "admin_privileges_required" });
  });
});
