import Cursor from "pg-cursor";
import { afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { GET as platformExport } from "@/app/api/v1/audit-log/export/route";
import { GET as tenantList } from "@/app/api/v1/tenants/[id]/audit-log/route";
import { GET as tenantExport } from "@/app/api/v1/tenants/[id]/audit-log/export/route";
import { callRoute } from "../support/call-route";
import { ownerQuery } from "../support/db";
import { makeApiKey, makeTenant, uniq } from "../support/fixtures";

let auditorKey: string;
beforeAll(async () => {
  auditorKey = await makeApiKey(["tenants:read", "audit:read"]);
});
afterEach(() => {
  vi.restoreAllMocks();
});

const today = () => new Date().toISOString().slice(0, 10);
const exportRequest = (path: string, key = auditorKey) => new Request(`http://localhost:3000${path}`, { headers: { host: "localhost:3000", authorization: `Bearer ${key}` } });
const tenantExportOf = (tenantId: string, query: string) => tenantExport(exportRequest(`/api/v1/tenants/${tenantId}/audit-log/export?${query}`), { params: Promise.resolve({ id: tenantId }) });

/** The export's connection while its cursor is open: inside its transaction, the portal suspended between fetches. */
async function openExportCursors(): Promise<number> {
  const rows = await ownerQuery<{ n: number }>(
    "SELECT count(*)::int AS n FROM pg_stat_activity WHERE state <> 'idle' AND xact_start IS NOT NULL AND query LIKE 'SELECT e.id, e.tenant_id, t.name AS tenant_name%'",
  );
  return rows[0].n;
}

async function until(check: () => Promise<boolean>, ms = 3000): Promise<boolean> {
  const end = Date.now() + ms;
  while (Date.now() < end) {
    if (await check()) return true;
    await new Promise((r) => setTimeout(r, 50));
  }
  return check();
}

describe("export: CSV and NDJSON of the filtered log", () => {
  it("writes CSV through csv-stringify with spreadsheet formulas neutralised, as a named attachment", async () => {
    const evil = `=HYPERLINK("http://evil.example/${uniq("")}","Click")`;
    const t = await makeTenant({ name: evil });
    const res = await tenantExportOf(t.id, "event_type=tenant.*");
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("text/csv; charset=utf-8");
    expect(res.headers.get("content-disposition")).toBe(`attachment; filename="audit-${t.slug}-${today()}.csv"`);
    const text = await res.text();
    const lines = text.trimEnd().split("\n");
    expect(lines[0]).toBe("id,timestamp,event_type,tenant_id,tenant_name,actor_type,actor_id,actor_email,actor_name,target_type,target_id,target_label,changes,ip_address,user_agent,request_id");
    expect(lines.slice(1).map((l) => l.split(",")[2])).toEqual(["tenant.provisioned", "tenant.created"]);
    // The name is quoted and starts with ' in every cell that holds it: a spreadsheet shows it as text.
    const quoted = `"'${evil.replace(/"/g, '""')}"`;
    expect(text.split(quoted).length - 1).toBeGreaterThanOrEqual(4); // tenant_name and target_label of both rows
    expect(text).not.toMatch(/(^|,)"?=HYPERLINK/m);
  });

  it("writes NDJSON, one list item per line, the same items the list answers", async () => {
    const t = await makeTenant();
    const res = await tenantExportOf(t.id, "format=ndjson");
    expect(res.headers.get("content-type")).toBe("application/x-ndjson; charset=utf-8");
    expect(res.headers.get("content-disposition")).toBe(`attachment; filename="audit-${t.slug}-${today()}.ndjson"`);
    const exported = (await res.text()).trimEnd().split("\n").map((l) => JSON.parse(l));
    const listed = await callRoute(tenantList, { path: `/api/v1/tenants/${t.id}/audit-log?limit=200&event_type=tenant.*,member.*`, params: { id: t.id }, key: auditorKey });
    // The export itself is audited before its rows are read, so it lists itself first.
    expect(exported[0]).toMatchObject({ event_type: "audit.exported", tenant_id: t.id });
    expect(exported.slice(1)).toEqual(listed.json.data.items);
  });

  it("audits the export with its format and filter, as the caller", async () => {
    const t = await makeTenant();
    await (await tenantExportOf(t.id, `format=ndjson&event_type=member.*&from=2026-01-01T00:00:00%2B01:00&q=owner`)).text();
    const r = await callRoute(tenantList, { path: `/api/v1/tenants/${t.id}/audit-log?event_type=audit.exported`, params: { id: t.id }, key: auditorKey });
    expect(r.json.data.items).toHaveLength(1);
    expect(r.json.data.items[0]).toMatchObject({
      actor: { type: "api_key" },
      target: { type: "audit_log", id: t.id, label: `Audit log of ${t.name}` },
      changes: { format: { before: null, after: "ndjson" }, filter: { before: null, after: { event_type: "member.*", from: "2025-12-31T23:00:00.000Z", q: "owner" } } },
    });
  });

  it("exports the platform log to audit-platform-<date>, narrowed by tenant_id", async () => {
    const t = await makeTenant();
    const res = await platformExport(exportRequest(`/api/v1/audit-log/export?format=ndjson&tenant_id=${t.id}`), { params: Promise.resolve({}) });
    expect(res.headers.get("content-disposition")).toBe(`attachment; filename="audit-platform-${today()}.ndjson"`);
    const items = (await res.text()).trimEnd().split("\n").map((l) => JSON.parse(l));
    expect(items.length).toBeGreaterThanOrEqual(3);
    expect(items.every((e: { tenant_id: string }) => e.tenant_id === t.id)).toBe(true);
    const bad = await callRoute(platformExport, { path: "/api/v1/audit-log/export?format=xml", key: auditorKey });
    expect(bad.status).toBe(400);
    expect(bad.json.error.details[0].path).toBe("format");
  });

  it("answers an empty CSV with its header only", async () => {
    const res = await tenantExportOf(`tenant_${uniq("")}`, "event_type=nothing.matches");
    expect(await res.text()).toMatch(/^id,timestamp,event_type,[^\n]*\n$/);
  });
});

describe("export streaming", () => {
  const ROWS = 50_000;
  const tenantId = `tenant_${uniq("")}${uniq("")}`;
  beforeAll(async () => {
    await ownerQuery(
      `INSERT INTO audit_events (id, tenant_id, actor_type, actor_id, actor_label, action, target_type, target_id, target_label, after, ip, created_at)
       SELECT 'evt_s' || lpad(g::text, 12, '0'), $1, 'user', 'user_s', 'streamer@example.test', 'member.role_changed', 'user', 'user_' || g, 'member' || g || '@example.test',
              jsonb_build_object('role', 'manager', 'note', repeat('x', 200)), '203.0.113.' || (g % 250), now() - g * interval '1 second'
       FROM generate_series(1, $2::int) g`,
      [tenantId, ROWS],
    );
  }, 60_000);

  it("reads the rows a batch at a time as the body is consumed, holding the cursor open meanwhile, and delivers every row", async () => {
    const reads = vi.spyOn(Cursor.prototype, "read");
    const res = await tenantExportOf(tenantId, "format=csv&event_type=member.role_changed");
    const reader = res.body!.getReader();
    const decoder = new TextDecoder();
    const first = await reader.read();
    expect(first.done).toBe(false);
    // The consumer stops: the server reads at most a batch ahead, and its cursor stays open.
    await new Promise((r) => setTimeout(r, 500));
    expect(reads.mock.calls.length).toBeLessThanOrEqual(3);
    expect(await openExportCursors()).toBeGreaterThanOrEqual(1);

    let text = decoder.decode(first.value, { stream: true });
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      text += decoder.decode(value, { stream: true });
    }
    const lines = text.trimEnd().split("\n");
    expect(lines).toHaveLength(ROWS + 1);
    expect(new Set(lines.slice(1).map((l) => l.split(",")[0])).size).toBe(ROWS);
    expect(reads.mock.calls.length).toBeGreaterThan(ROWS / 1000);
    expect(await until(async () => (await openExportCursors()) === 0)).toBe(true);
  }, 60_000);

  it("stops reading and gives the connection back when the client goes away", async () => {
    const res = await tenantExportOf(tenantId, "format=ndjson");
    const reader = res.body!.getReader();
    await reader.read();
    expect(await openExportCursors()).toBeGreaterThanOrEqual(1);
    await reader.cancel();
    expect(await until(async () => (await openExportCursors()) === 0)).toBe(true);
  }, 30_000);
});
