import { afterEach, describe, expect, it } from "vitest";
import * as bulkRoute from "@/app/api/v1/tenants/bulk/route";
import { processBulkOperation } from "@/lib/bulk/process-bulk-operation";
import { clearDraining, markDraining } from "@/lib/server/draining";
import { callRoute } from "../support/call-route";
import { makeApiKey, makeTenant } from "../support/fixtures";
import { ownerQuery } from "../support/db";

afterEach(() => clearDraining());

describe("lease workers in a draining process", () => {
  it("a bulk operation's worker claims no tenant while draining: the items stay pending for another instance, which finishes them", async () => {
    const key = await makeApiKey();
    const ts = await Promise.all([makeTenant({ plan: "basic" }), makeTenant({ plan: "basic" })]);
    const r = await callRoute(bulkRoute.POST, { method: "POST", path: "/api/v1/tenants/bulk", key, body: { operation: "change_plan", tenant_ids: ts.map((t) => t.id), data: { plan: "professional" } } });
    expect(r.status, JSON.stringify(r.json)).toBe(202);
    const id: string = r.json.data.operation_id;
    const items = () => ownerQuery<{ status: string; lease_until: Date | null }>("SELECT status, lease_until FROM bulk_operation_items WHERE operation_id = $1", [id]);

    markDraining();
    await processBulkOperation(id);
    expect((await items()).map((i) => i.status)).toEqual(["pending", "pending"]);
    expect((await ownerQuery<{ status: string }>("SELECT status FROM bulk_operations WHERE id = $1", [id]))[0].status).toBe("queued");

    // Another process (not draining) resumes it.
    clearDraining();
    await processBulkOperation(id);
    expect((await items()).map((i) => i.status)).toEqual(["succeeded", "succeeded"]);
    const plans = await ownerQuery<{ plan: string }>("SELECT plan FROM tenants WHERE id = ANY($1)", [ts.map((t) => t.id)]);
    expect(plans.map((p) => p.plan)).toEqual(["professional", "professional"]);
  });
});
