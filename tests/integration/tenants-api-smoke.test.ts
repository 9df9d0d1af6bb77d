import { describe, expect, it } from "vitest";
import * as tenantsRoute from "@/app/api/v1/tenants/route";
import * as tenantRoute from "@/app/api/v1/tenants/[id]/route";
import { callRoute } from "../support/call-route";
import { makeApiKey, uniq } from "../support/fixtures";

describe("POST /api/v1/tenants then GET", () => {
  it("provisions a tenant and reads it back with usage", async () => {
    const key = await makeApiKey();
    const slug = uniq("smoke-");
    const created = await callRoute(tenantsRoute.POST, {
      method: "POST",
      key,
      body: { tenant: { name: "Smoke Test Co", slug, plan: "professional", admin_user: { email: `a@${slug}.test`, name: "A", password: "correct horse battery" } } },
    });
    expect(created.status).toBe(201);
    expect(created.json.data.tenant.status).toBe("active");
    expect(created.json.data.database.schema_created).toBe(true);
    expect(created.json.data.provisioning.steps_remaining).toEqual([]);
    const id = created.json.data.tenant.id;
    const got = await callRoute(tenantRoute.GET, { key, path: `/api/v1/tenants/${id}`, params: { id } });
    expect(got.status).toBe(200);
    expect(got.json.data.usage.users).toEqual({ current: 1, limit: 50, usage_percent: 2 });
  });
});
