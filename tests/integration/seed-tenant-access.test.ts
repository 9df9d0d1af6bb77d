import { describe, expect, it } from "vitest";
import { seedTenantAccessDemo } from "@/lib/seed/seed-tenant-access";
import { makeTenant } from "../support/fixtures";
import { ownerQuery } from "../support/db";

describe("seedTenantAccessDemo", () => {
  it("adds a custom role, a pending and an expired invitation, and is idempotent", async () => {
    const t = await makeTenant();
    await seedTenantAccessDemo(t.id, "demo.test");
    await seedTenantAccessDemo(t.id, "demo.test");
    const roles = await ownerQuery<{ id: string; name: string }>("SELECT id, name FROM tenant_roles WHERE tenant_id = $1", [t.id]);
    expect(roles.map((r) => r.name)).toEqual(["Support"]);
    const invs = await ownerQuery<{ email: string; role: string; expired: boolean }>(
      "SELECT email, role, expires_at < now() AS expired FROM tenant_invitations WHERE tenant_id = $1 ORDER BY email",
      [t.id],
    );
    expect(invs).toEqual([
      { email: "late.reply@demo.test", role: "viewer", expired: true },
      { email: "new.hire@demo.test", role: roles[0].id, expired: false },
    ]);
  });
});
