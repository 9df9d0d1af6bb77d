import { describe, expect, it } from "vitest";
import { systemCaller } from "@/lib/auth/caller";
import { withTenantScope } from "@/lib/db/scope";
import { withTenantSql } from "@/lib/db/sql-scope";
import { changeTenantStatus } from "@/lib/tenants/change-tenant-status";
import { SELECT_TENANT, tenantFromRow } from "@/lib/tenants/tenant-row";
import { makeTenant } from "../support/fixtures";

describe("the tenant read without Prisma", () => {
  it("gives exactly the object the Prisma model gives, every column included", async () => {
    const t = await makeTenant();
    // Fill the nullable columns too (suspension sets its time and reason).
    await changeTenantStatus(systemCaller("test"), t.id, "suspend", { reason: "Checking every column" });
    const viaPrisma = await withTenantScope(t.id, (tx) => tx.tenant.findUniqueOrThrow({ where: { id: t.id } }));
    const viaSql = await withTenantSql(t.id, async (q) => tenantFromRow((await q(`${SELECT_TENANT} WHERE id = $1`, [t.id]))[0]));
    expect(viaSql).toEqual(viaPrisma);
    expect(Object.keys(viaSql).sort()).toEqual(Object.keys(viaPrisma).sort());
  });

  it("runs under the tenant's row-level security: another tenant's row is not there", async () => {
    const [a, b] = await Promise.all([makeTenant(), makeTenant()]);
    expect(await withTenantSql(a.id, (q) => q(`${SELECT_TENANT} WHERE id = $1`, [b.id]))).toEqual([]);
  });
});
