import { describe, expect, it } from "vitest";
import { checkAllTenants } from "@/lib/limits/check-all-tenants";
import { auditEvents, ownerQuery } from "../support/db";
import { makeTenant } from "../support/fixtures";
import { isolateDatabase } from "../support/isolated-database";
import { setUserLimit } from "../support/tenant-members";

// The hourly limits check runs over every active tenant: on a database of its
// own, so it raises nothing in other files' tenants while they count rows.
isolateDatabase();

const counts = async (tenantId: string) =>
  (
    await ownerQuery<{ notices: number; mail: number; exceeded: number }>(
      `SELECT (SELECT count(*)::int FROM tenant_notices WHERE tenant_id = $1) AS notices,
              (SELECT count(*)::int FROM mail_outbox WHERE tenant_id = $1 AND kind = 'usage_alert') AS mail,
              (SELECT count(*)::int FROM audit_events WHERE tenant_id = $1 AND action = 'usage.quota_exceeded') AS exceeded`,
      [tenantId],
    )
  )[0];

describe("the hourly limits check", () => {
  it("checks every active tenant, each in its own transaction, with the API's service, and raises nothing new twice", async () => {
    const [over, fine, suspended] = await Promise.all([makeTenant(), makeTenant(), makeTenant()]);
    await setUserLimit(over.id, 1); // the owner alone: 100 %
    await setUserLimit(suspended.id, 1);
    await ownerQuery("UPDATE tenants SET status = 'suspended' WHERE id = $1", [suspended.id]);
    const first = await checkAllTenants();
    expect(first).toEqual({ checked: 2, failed: 0, notifications: 2 }); // a notice and the owner's mail
    expect(await counts(over.id)).toEqual({ notices: 1, mail: 1, exceeded: 1 });
    expect(await counts(fine.id)).toEqual({ notices: 0, mail: 0, exceeded: 0 });
    expect(await counts(suspended.id)).toEqual({ notices: 0, mail: 0, exceeded: 0 });
    expect(await checkAllTenants()).toEqual({ checked: 2, failed: 0, notifications: 0 });
    expect(await counts(over.id)).toEqual({ notices: 1, mail: 1, exceeded: 1 });
    const [row] = await auditEvents(over.id, "usage.quota_exceeded");
    expect(row.actor_label).toBe("hourly limits check");
  });
});
