import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as bulkRoute from "@/app/api/v1/tenants/bulk/route";
import * as operationRoute from "@/app/api/v1/tenants/bulk/[operation_id]/route";
import * as retryRoute from "@/app/api/v1/tenants/bulk/[operation_id]/retry/route";
import { systemCaller } from "@/lib/auth/caller";
import { processBulkOperation } from "@/lib/bulk/process-bulk-operation";
import { listTenants } from "@/lib/tenants/list-tenants";
import { listTenantsQuerySchema } from "@/lib/schemas/tenant";
import { callRoute } from "../support/call-route";
import { makeApiKey, makeTenant, uniq } from "../support/fixtures";
import { ownerQuery } from "../support/db";

type T = Awaited<ReturnType<typeof makeTenant>>;
let key: string;
let operatorKey: string;

const post = (body: unknown, headers: Record<string, string> = {}, k = key) => callRoute(bulkRoute.POST, { method: "POST", path: "/api/v1/tenants/bulk", key: k, body, headers });
const get = (id: string, query = "") =>
  callRoute(operationRoute.GET, { path: `/api/v1/tenants/bulk/${id}${query}`, params: { operation_id: id }, key });
const retry = (id: string) => callRoute(retryRoute.POST, { method: "POST", path: `/api/v1/tenants/bulk/${id}/retry`, params: { operation_id: id }, key });

/** Everything a change could touch, as stored: the tenant rows, their audit trail and webhook outbox, and the platform's audit rows. */
const snapshot = async (ts: T[]) => {
  const ids = ts.map((t) => t.id);
  return {
    tenants: await ownerQuery("SELECT * FROM tenants WHERE id = ANY($1) ORDER BY id", [ids]),
    audit: (await ownerQuery<{ n: number }>("SELECT count(*)::int AS n FROM audit_events WHERE tenant_id = ANY($1) OR (tenant_id IS NULL AND action LIKE 'tenant.bulk%')", [ids]))[0].n,
    sessions: await ownerQuery("SELECT * FROM auth_sessions WHERE tenant_id = ANY($1) ORDER BY id", [ids]),
    mail: (await ownerQuery<{ n: number }>("SELECT count(*)::int AS n FROM mail_outbox WHERE tenant_id = ANY($1)", [ids]))[0].n,
    items: await ownerQuery("SELECT tenant_id, status FROM bulk_operation_items WHERE tenant_id = ANY($1) AND status NOT IN ('succeeded', 'skipped', 'failed')", [ids]),
  };
};

beforeAll(async () => {
  [key, operatorKey] = await Promise.all([makeApiKey(), makeApiKey(["tenants:read", "tenants:update", "tenants:suspend"])]);
});

describe("POST /tenants/bulk: a dry run", () => {
  let ts: T[];
  beforeAll(async () => {
    ts = await Promise.all([makeTenant({ plan: "basic" }), makeTenant({ plan: "basic" }), makeTenant({ plan: "enterprise" })]);
  });

  it("answers the preview (counts and each tenant's changes) and changes nothing: tenant rows, audit and sessions are as before", async () => {
    for (const body of [
      { operation: "change_plan", data: { plan: "enterprise" } },
      { operation: "deactivate", reason: "maintenance" },
      { operation: "delete", data: { grace_period_days: 3 } },
      { operation: "update_features", data: { features: ["sso_integration"] } },
      { operation: "update_settings", data: { settings: { timezone: "Europe/Paris" } } },
    ]) {
      const before = await snapshot(ts);
      const r = await post({ ...body, tenant_ids: ts.map((t) => t.id), dry_run: true });
      expect(r.status, JSON.stringify(r.json)).toBe(202);
      expect(r.json.data).toMatchObject({ dry_run: true, status: "completed", total: 3 });
      expect(r.json.data.preview.items.map((i: { tenant_id: string }) => i.tenant_id)).toEqual(ts.map((t) => t.id));
      expect(await snapshot(ts), body.operation).toEqual(before);
    }
  });

  it("tells the tenants it would change from those it would skip, with before → after", async () => {
    const r = await post({ operation: "change_plan", tenant_ids: ts.map((t) => t.id), data: { plan: "enterprise" }, dry_run: true });
    const { preview } = r.json.data;
    expect(preview).toMatchObject({ would_change: 2, would_skip: 1, would_fail: 0 });
    expect(preview.items[0]).toMatchObject({ tenant_id: ts[0].id, tenant_name: ts[0].name, status: "succeeded", changes: [{ field: "plan", before: "basic", after: "enterprise" }] });
    expect(preview.items[2]).toMatchObject({ status: "skipped", reason: "Already on the enterprise plan", changes: [] });
  });
});

describe("a real run", () => {
  let ts: T[];
  beforeAll(async () => {
    ts = await Promise.all([makeTenant({ plan: "basic" }), makeTenant({ plan: "basic" }), makeTenant({ plan: "basic" })]);
    // The middle tenant cannot take the change: a trigger refuses any update to its row.
    await ownerQuery(`CREATE FUNCTION bulk_test_refuse() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RAISE EXCEPTION 'tenant % refuses changes', OLD.id; END $$`);
    await ownerQuery(`CREATE TRIGGER bulk_test_refuse BEFORE UPDATE ON tenants FOR EACH ROW WHEN (OLD.id = '${ts[1].id}') EXECUTE FUNCTION bulk_test_refuse()`);
  });
  afterAll(async () => {
    await ownerQuery("DROP TRIGGER IF EXISTS bulk_test_refuse ON tenants; DROP FUNCTION IF EXISTS bulk_test_refuse()");
  });

  it("with one failing tenant leaves the others done, reports the failure, audits each change with the operation's id, and retries the failed one", async () => {
    const r = await post({ operation: "change_plan", tenant_ids: ts.map((t) => t.id), data: { plan: "professional" } });
    expect(r.status, JSON.stringify(r.json)).toBe(202);
    const id = r.json.data.operation_id as string;
    expect(r.json.data).toMatchObject({ status: "queued", total: 3, dry_run: false, links: { self: `/api/v1/tenants/bulk/${id}` } });
    await processBulkOperation(id);

    const done = await get(id);
    expect(done.status).toBe(200);
    expect(done.json.data).toMatchObject({ status: "completed", progress_percent: 100, counts: { total: 3, pending: 0, succeeded: 2, skipped: 0, failed: 1 } });
    const failed = await get(id, "?status=failed");
    expect(failed.json.data.items).toEqual([expect.objectContaining({ tenant_id: ts[1].id, status: "failed", error: expect.stringContaining(`tenant ${ts[1].id} refuses changes`) })]);

    const plans = await ownerQuery<{ id: string; plan: string }>("SELECT id, plan FROM tenants WHERE id = ANY($1)", [ts.map((t) => t.id)]);
    expect(Object.fromEntries(plans.map((p) => [p.id, p.plan]))).toEqual({ [ts[0].id]: "professional", [ts[1].id]: "basic", [ts[2].id]: "professional" });
    const events = await ownerQuery<{ tenant_id: string | null; action: string; after: Record<string, unknown> }>(
      "SELECT tenant_id, action, after FROM audit_events WHERE after->>'bulk_operation_id' = $1 OR target_id = $1 ORDER BY created_at, id",
      [id],
    );
    expect(events.filter((e) => e.action === "tenant.updated").map((e) => e.tenant_id).sort()).toEqual([ts[0].id, ts[2].id].sort());
    expect(events.find((e) => e.action === "tenant.bulk_operation_completed")).toMatchObject({ tenant_id: null, after: { operation: "change_plan", total: 3, succeeded: 2, failed: 1, skipped: 0 } });

    // Running it again does nothing more: the operation is finished.
    await processBulkOperation(id);
    expect((await get(id)).json.data.counts).toMatchObject({ succeeded: 2, failed: 1 });

    await ownerQuery("DROP TRIGGER bulk_test_refuse ON tenants");
    const again = await retry(id);
    expect(again.status, JSON.stringify(again.json)).toBe(202);
    expect(again.json.data).toMatchObject({ total: 1, retry_of: id, status: "queued" });
    await processBulkOperation(again.json.data.operation_id);
    expect((await get(again.json.data.operation_id)).json.data).toMatchObject({ status: "completed", retry_of: id, counts: { succeeded: 1, failed: 0 } });
    expect((await ownerQuery<{ plan: string }>("SELECT plan FROM tenants WHERE id = $1", [ts[1].id]))[0].plan).toBe("professional");
    // Nothing failed in the retry: a second retry has nothing to do.
    expect((await retry(again.json.data.operation_id)).status).toBe(409);
  });

  it("suspends with the reason, skips what is already so, and reactivates", async () => {
    const ids = [ts[0].id, ts[2].id];
    const r = await post({ operation: "deactivate", tenant_ids: ids, reason: "Payment overdue" });
    await processBulkOperation(r.json.data.operation_id);
    expect((await ownerQuery<{ status: string; suspended_reason: string }>("SELECT status, suspended_reason FROM tenants WHERE id = ANY($1)", [ids])).every((t) => t.status === "suspended" && t.suspended_reason === "Payment overdue")).toBe(true);
    const back = await post({ operation: "activate", tenant_ids: [...ids, ts[1].id] });
    await processBulkOperation(back.json.data.operation_id);
    const detail = (await get(back.json.data.operation_id)).json.data;
    expect(detail.counts).toMatchObject({ succeeded: 2, skipped: 1, failed: 0 });
    expect(detail.items.find((i: { tenant_id: string }) => i.tenant_id === ts[1].id)).toMatchObject({ status: "skipped", reason: "Already active" });
  });
});

describe("selection", () => {
  it("by filter takes exactly the tenants the tenant list shows for the same filters", async () => {
    const token = uniq("bulkfilter");
    const ts = await Promise.all([makeTenant({ name: `A ${token}`, plan: "basic" }), makeTenant({ name: `B ${token}`, plan: "basic" }), makeTenant({ name: `C ${token}`, plan: "enterprise" })]);
    const filter = { search: token, plan: "basic" as const };
    const r = await post({ operation: "update_settings", filter, data: { settings: { currency: "EUR" } }, dry_run: true });
    expect(r.status, JSON.stringify(r.json)).toBe(202);
    const listed = await listTenants(systemCaller("test"), listTenantsQuerySchema.parse(filter));
    const ids = r.json.data.preview.items.map((i: { tenant_id: string }) => i.tenant_id);
    expect(ids).toEqual(listed.tenants.map((t) => t.id));
    expect(ids.sort()).toEqual([ts[0].id, ts[1].id].sort());
  });

  it("refuses bad input with a 400 naming the field, and records nothing", async () => {
    const t = await makeTenant();
    const count = async () => (await ownerQuery<{ n: number }>("SELECT count(*)::int AS n FROM bulk_operations"))[0].n;
    const before = await count();
    const cases: [unknown, string][] = [
      [{ operation: "deactivate", tenant_ids: [t.id] }, "reason"],
      [{ operation: "activate", tenant_ids: [t.id], filter: { plan: "basic" } }, "tenant_ids"],
      [{ operation: "activate" }, "tenant_ids"],
      [{ operation: "activate", tenant_ids: [t.id, "tenant_0000000000000000"] }, "tenant_ids.1"],
      [{ operation: "activate", tenant_ids: [t.id, t.id] }, "tenant_ids"],
      [{ operation: "change_plan", tenant_ids: [t.id], data: { plan: "platinum" } }, "data.plan"],
      [{ operation: "update_settings", tenant_ids: [t.id], data: { settings: { timezone: "Mars/Olympus" } } }, "data.settings.timezone"],
      [{ operation: "explode", tenant_ids: [t.id] }, "operation"],
      [{ operation: "activate", filter: { search: uniq("nothing-matches-") } }, "filter"],
    ];
    for (const [body, field] of cases) {
      const r = await post(body);
      expect(r.status, JSON.stringify(body)).toBe(400);
      expect(r.json.error.details.map((d: { path: string }) => d.path), JSON.stringify(r.json)).toContain(field);
    }
    expect(await count()).toBe(before);
  });

  it("needs the operation's own permission before anything else in the body is read", async () => {
    const r = await post({ operation: "delete", tenant_ids: "not even a list" }, {}, operatorKey);
    expect(r.status).toBe(403);
    expect(r.json.error.details).toMatchObject({ permission: "tenants:delete" });
  });
});

describe("Idempotency-Key and concurrency", () => {
  it("replays the same operation for the same key and body, and refuses the key with another body", async () => {
    const t = await makeTenant();
    const k = uniq("idem-");
    const body = { operation: "update_features", tenant_ids: [t.id], data: { features: { ai_insights: true } } };
    const first = await post(body, { "idempotency-key": k });
    const second = await post(body, { "idempotency-key": k });
    expect(first.status).toBe(202);
    expect(second.status).toBe(202);
    expect(second.headers.get("idempotent-replayed")).toBe("true");
    expect(second.json.data.operation_id).toBe(first.json.data.operation_id);
    expect((await ownerQuery("SELECT 1 FROM bulk_operations WHERE idempotency_key = $1", [k])).length).toBe(1);
    const other = await post({ ...body, data: { features: { ai_insights: false } } }, { "idempotency-key": k });
    expect(other.status).toBe(422);
    expect(other.json.error.code).toBe("idempotency_key_reused");
  });

  it("answers 20 parallel requests on the same tenants without a 500, and each tenant ends changed once", async () => {
    const ts = await Promise.all([makeTenant({ plan: "basic" }), makeTenant({ plan: "basic" })]);
    const ids = ts.map((t) => t.id);
    const rs = await Promise.all(Array.from({ length: 20 }, (_, i) => post({ operation: "change_plan", tenant_ids: ids, data: { plan: "enterprise" }, dry_run: i % 2 === 0 })));
    expect(rs.map((r) => r.status).filter((s) => s !== 202 && s !== 429)).toEqual([]);
    const real = rs.filter((r, i) => r.status === 202 && i % 2 === 1).map((r) => r.json.data.operation_id as string);
    await Promise.all(real.map((id) => processBulkOperation(id)));
    const counts = await Promise.all(real.map(async (id) => (await get(id)).json.data.counts));
    // Exactly one operation changed each tenant; every other one found it done already.
    expect(counts.reduce((n, c) => n + c.succeeded, 0)).toBe(2);
    expect(counts.reduce((n, c) => n + c.failed, 0)).toBe(0);
    const updates = await ownerQuery<{ n: number }>("SELECT count(*)::int AS n FROM audit_events WHERE tenant_id = ANY($1) AND action = 'tenant.updated'", [ids]);
    expect(updates[0].n).toBe(2);
  });
});
