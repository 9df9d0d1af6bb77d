import { describe, expect, it } from "vitest";
import { systemCaller } from "@/lib/auth/caller";
import { listBrandingVersions } from "@/lib/branding/list-branding-versions";
import { revertBranding } from "@/lib/branding/revert-branding";
import { platformActor } from "@/lib/tenant-access/tenant-actor";
import { updateTenant } from "@/lib/tenants/update-tenant";
import { makeTenant } from "../support/fixtures";
import { tenantRow } from "../support/db";

describe("branding changed through PUT /tenants/{id}", () => {
  it("joins the branding history and can be reverted like an editor save", async () => {
    const t = await makeTenant();
    const before = (await tenantRow(t.id))!.branding as Record<string, unknown>;
    await updateTenant(systemCaller("test"), t.id, { branding: { primary_color: "#112233" } });
    const { versions } = (await listBrandingVersions(platformActor(systemCaller("test")), t.id)) as { versions: { version: number; branding: Record<string, unknown> }[] };
    expect(versions.map((v) => v.version).sort()).toEqual([1, 2]);
    expect(versions.find((v) => v.version === 2)!.branding.primary_color).toBe("#112233");
    await revertBranding(platformActor(systemCaller("test")), t.id, 1);
    expect(((await tenantRow(t.id))!.branding as Record<string, unknown>).primary_color).toBe(before.primary_color);
    // A PUT that leaves branding alone adds no version.
    await updateTenant(systemCaller("test"), t.id, { name: "Renamed tenant" });
    expect(((await listBrandingVersions(platformActor(systemCaller("test")), t.id)) as { versions: unknown[] }).versions).toHaveLength(3);
  });
});
