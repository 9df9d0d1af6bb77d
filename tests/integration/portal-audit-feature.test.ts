import { describe, expect, it } from "vitest";
import { systemCaller } from "@/lib/auth/caller";
import { AppError } from "@/lib/http/errors";
import { requireTenantFeature, tenantPlanFeature } from "@/lib/portal/tenant-plan-feature";
import { updateTenant } from "@/lib/tenants/update-tenant";
import { makeTenant } from "../support/fixtures";

// The portal's Audit log page, its server actions and its export route ask
// this before reading anything for a member: the plan's audit_logs feature
// (enterprise), or what staff switched on for the tenant.

describe("the audit log's plan feature, for a tenant's own members", () => {
  it("is off on basic and professional, naming the plan that has it, and refused with a 403", async () => {
    for (const plan of ["basic", "professional"] as const) {
      const t = await makeTenant({ plan });
      expect(await tenantPlanFeature(t.id, "audit_logs")).toEqual({ enabled: false, plan: plan === "basic" ? "Basic" : "Professional", includedIn: ["Enterprise"] });
      const err = await requireTenantFeature(t.id, "audit_logs", "The audit log").then(
        () => null,
        (e: unknown) => e,
      );
      expect(err).toBeInstanceOf(AppError);
      expect((err as AppError).status).toBe(403);
      expect((err as AppError).message).toContain("part of the Enterprise plan");
    }
  });

  it("is on for enterprise, and for a tenant whose features staff changed, and off again when they take it back", async () => {
    const enterprise = await makeTenant({ plan: "enterprise" });
    expect((await tenantPlanFeature(enterprise.id, "audit_logs")).enabled).toBe(true);
    await expect(requireTenantFeature(enterprise.id, "audit_logs", "The audit log")).resolves.toBeUndefined();

    const t = await makeTenant({ plan: "professional" });
    await updateTenant(systemCaller("test"), t.id, { features: { audit_logs: true } });
    expect((await tenantPlanFeature(t.id, "audit_logs")).enabled).toBe(true);
    await updateTenant(systemCaller("test"), t.id, { features: { audit_logs: false } });
    await expect(requireTenantFeature(t.id, "audit_logs", "The audit log")).rejects.toBeInstanceOf(AppError);
  });

  it("says nothing exists for an unknown tenant (off)", async () => {
    expect((await tenantPlanFeature("tenant_does_not_exist", "audit_logs")).enabled).toBe(false);
  });
});
