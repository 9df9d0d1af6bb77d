import Cursor from "pg-cursor";
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { GET as exportTenants } from "@/app/api/v1/tenants/export/route";
import { GET as exportUsers } from "@/app/api/v1/users/export/route";
import { CSV_BATCH_ROWS } from "@/lib/csv-export/stream-csv";
import { ownerQuery } from "../support/db";
import { makeApiKey, makeTenant, uniq } from "../support/fixtures";

type Handler = (req: Request, ctx: { params: Promise<Record<string, string>> }) => Promise<Response>;

let readerKey: string;
beforeAll(async () => {
  readerKey = await makeApiKey(["tenants:read"]);
});
afterEach(() => {
  vi.restoreAllMocks();
});

const today = () => new Date().toISOString().slice(0, 10);
const call = (handler: Handler, path: string, headers: Record<string, string> = { authorization: `Bearer ${readerKey}` }) =>
  handler(new Request(`http://localhost:3000${path}`, { headers: { host: "localhost:3000", ...headers } }), { params: Promise.resolve({}) });

/** The body as sent: Response.text() would drop the byte order mark the file starts with. */
const csvText = async (res: Response) => new TextDecoder("utf-8", { ignoreBOM: true }).decode(await res.arrayBuffer());

/** RFC 4180 records (quoted cells may hold commas, quotes and line breaks), BOM dropped. */
function parseCsv(text: string): string[][] {
  expect(text.charCodeAt(0)).toBe(0xfeff);
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = "";
  let quoted = false;
  for (let i = 1; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (c === '"') quoted = false;
      else cell += c;
    } else if (c === '"') quoted = true;
    else if (c === ",") {
      row.push(cell);
      cell = "";
    } else if (c === "\r" && text[i + 1] === "\n") {
      rows.push([...row, cell]);
      row = [];
      cell = "";
      i++;
    } else cell += c;
  }
  if (cell || row.length) rows.push([...row, cell]);
  return rows;
}

const asObjects = (rows: string[][]) => rows.slice(1).map((r) => Object.fromEntries(rows[0].map((h, i) => [h, r[i]])));

/** The export's connection while its cursor is open (inside its read-only transaction). */
async function openExportCursors(): Promise<number> {
  const rows = await ownerQuery<{ n: number }>("SELECT count(*)::int AS n FROM pg_stat_activity WHERE xact_start IS NOT NULL AND query LIKE 'SELECT u.id, u.email, u.name%'");
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

describe("tenant list CSV", () => {
  const word = uniq("csvword");
  let tenants: Awaited<ReturnType<typeof makeTenant>>[];
  beforeAll(async () => {
    tenants = [
      await makeTenant({ name: `Bravo ${word}`, plan: "basic" }),
      await makeTenant({ name: `Alpha ${word}`, plan: "enterprise" }),
      await makeTenant({ name: `=HYPERLINK("http://evil.example","x") ${word}`, plan: "enterprise" }),
    ];
    await ownerQuery("UPDATE tenants SET status = 'suspended' WHERE id = $1", [tenants[0].id]);
  }, 120_000);

  it("answers the list's matching tenants in the list's order, as a dated attachment with a header row and ISO dates", async () => {
    const res = await call(exportTenants, `/api/v1/tenants/export?search=${word}&sort=name&order=asc`);
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("text/csv; charset=utf-8");
    expect(res.headers.get("content-disposition")).toBe(`attachment; filename="tenants-${today()}.csv"`);
    expect(res.headers.get("x-total-count")).toBe("3");
    const rows = parseCsv(await csvText(res));
    expect(rows[0]).toEqual(["id", "name", "slug", "domain", "status", "plan", "is_trial", "trial_ends_at", "health_score", "health_status", "members", "created_at", "updated_at"]);
    const items = asObjects(rows);
    // "=" sorts before letters; the neutralised cell keeps the value after its quote.
    expect(items.map((t) => t.name)).toEqual([`'=HYPERLINK("http://evil.example","x") ${word}`, `Alpha ${word}`, `Bravo ${word}`]);
    expect(items[1]).toMatchObject({ id: tenants[1].id, slug: tenants[1].slug, status: "active", plan: "enterprise", is_trial: "false", members: "1" });
    expect(items[1].created_at).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
    expect(new Date(items[1].created_at).getTime()).toBe(tenants[1].createdAt.getTime());
  });

  it("honours status, plan and descending order, and an empty result is the header alone", async () => {
    const enterprise = asObjects(parseCsv(await csvText(await call(exportTenants, `/api/v1/tenants/export?search=${word}&plan=enterprise&sort=name&order=desc`))));
    expect(enterprise.map((t) => t.id)).toEqual([tenants[1].id, tenants[2].id]);
    const suspended = asObjects(parseCsv(await csvText(await call(exportTenants, `/api/v1/tenants/export?search=${word}&status=suspended`))));
    expect(suspended.map((t) => t.id)).toEqual([tenants[0].id]);
    const none = await call(exportTenants, `/api/v1/tenants/export?search=${word}&status=archived`);
    expect(none.headers.get("x-total-count")).toBe("0");
    expect(parseCsv(await csvText(none))).toHaveLength(1);
    // A search is literal: % matches only a %.
    expect(parseCsv(await csvText(await call(exportTenants, `/api/v1/tenants/export?search=${word.slice(0, 4)}%25${word.slice(5)}`)))).toHaveLength(1);
  });

  it("is audited with the filter and the row count, as the caller", async () => {
    await csvText(await call(exportTenants, `/api/v1/tenants/export?search=${word}&plan=enterprise`));
    const [event] = await ownerQuery<{ action: string; actor_type: string; target_type: string; after: unknown; tenant_id: string | null }>(
      "SELECT action, actor_type, target_type, after, tenant_id FROM audit_events WHERE action = 'tenants.exported' AND after::text LIKE $1 ORDER BY created_at DESC LIMIT 1",
      [`%${word}%`],
    );
    expect(event).toMatchObject({ action: "tenants.exported", actor_type: "api_key", target_type: "tenant_list", tenant_id: null });
    expect(event.after).toEqual({ format: "csv", rows: 2, filter: { search: word, plan: "enterprise", sort: "created_at", order: "desc" } });
  });

  it("refuses bad input with a 400 naming the field, and callers without tenants:read with 401/403, writing nothing", async () => {
    const before = (await ownerQuery<{ n: number }>("SELECT count(*)::int AS n FROM audit_events WHERE action = 'tenants.exported'"))[0].n;
    const bad = await call(exportTenants, "/api/v1/tenants/export?status=bogus");
    expect(bad.status).toBe(400);
    expect(JSON.stringify(await bad.json())).toContain("status");
    const paged = await call(exportTenants, "/api/v1/tenants/export?page=2");
    expect(paged.status).toBe(400);
    expect(JSON.stringify(await paged.json())).toContain("page");
    const auditorOnly = await makeApiKey(["audit:read"]);
    expect((await call(exportTenants, "/api/v1/tenants/export", { authorization: `Bearer ${auditorOnly}` })).status).toBe(403);
    expect((await call(exportUsers, "/api/v1/users/export", { authorization: `Bearer ${auditorOnly}` })).status).toBe(403);
    expect((await call(exportTenants, "/api/v1/tenants/export", {})).status).toBe(401);
    const after = (await ownerQuery<{ n: number }>("SELECT count(*)::int AS n FROM audit_events WHERE action = 'tenants.exported'"))[0].n;
    expect(after).toBe(before);
  });

  it("20 parallel exports all succeed", async () => {
    const answers = await Promise.all(Array.from({ length: 20 }, () => call(exportTenants, `/api/v1/tenants/export?search=${word}`).then(async (r) => ({ status: r.status, rows: parseCsv(await csvText(r)).length }))));
    expect(answers.every((a) => a.status === 200 && a.rows === 4)).toBe(true);
  }, 60_000);
});

describe("user list CSV", () => {
  const tag = uniq("csvu");
  const ROWS = 10_000;
  beforeAll(async () => {
    // Accounts as stored, including values no form accepts (a leading tab or CR): what the file must neutralise.
    await ownerQuery(
      `INSERT INTO users (id, email, name, status, platform_role, last_login_at, created_at)
       SELECT 'usr_${tag}_' || i, '${tag}-' || lpad(i::text, 5, '0') || '@example.test',
              CASE i WHEN 1 THEN '=1+2' WHEN 2 THEN '+SUM(A1)' WHEN 3 THEN '-2+3' WHEN 4 THEN '@cmd' WHEN 5 THEN E'\\tTabbed' WHEN 6 THEN E'\\rReturn' WHEN 7 THEN 'Zoë, "quoted" 名前' ELSE 'User ' || i END,
              CASE WHEN i % 10 = 0 THEN 'suspended' ELSE 'active' END, NULL,
              CASE WHEN i % 2 = 0 THEN now() - i * interval '1 minute' END, now() - i * interval '1 second'
       FROM generate_series(1, ${ROWS}) AS i`,
    );
  }, 60_000);
  afterAll(async () => {
    await ownerQuery("DELETE FROM users WHERE email LIKE $1", [`${tag}-%`]);
  });

  it("neutralises cells a spreadsheet would run (= + - @ tab CR) and keeps commas, quotes and Unicode", async () => {
    const res = await call(exportUsers, `/api/v1/users/export?search=${tag}-0000&sort=email&order=asc`);
    expect(res.headers.get("content-disposition")).toBe(`attachment; filename="users-${today()}.csv"`);
    const items = asObjects(parseCsv(await csvText(res)));
    expect(items.slice(0, 7).map((u) => u.name)).toEqual(["'=1+2", "'+SUM(A1)", "'-2+3", "'@cmd", "'\tTabbed", "'\rReturn", 'Zoë, "quoted" 名前']);
    expect(items[0]).toMatchObject({ status: "active", platform_role: "", memberships: "0", last_login_at: "" });
  });

  it("honours status and sorts never-signed-in accounts last", async () => {
    const suspended = asObjects(parseCsv(await csvText(await call(exportUsers, `/api/v1/users/export?search=${tag}&status=suspended&platform_role=none`))));
    expect(suspended).toHaveLength(ROWS / 10);
    expect(suspended.every((u) => u.status === "suspended")).toBe(true);
    const byLogin = asObjects(parseCsv(await csvText(await call(exportUsers, `/api/v1/users/export?search=${tag}&sort=last_login_at&order=asc`))));
    expect(byLogin[0].last_login_at).not.toBe("");
    expect(byLogin.at(-1)!.last_login_at).toBe("");
    expect(byLogin.findIndex((u) => u.last_login_at === "")).toBe(ROWS / 2);
  });

  it(`streams ${ROWS.toLocaleString("en-US")} rows a batch at a time as the body is read, with a flat heap`, async () => {
    const reads = vi.spyOn(Cursor.prototype, "read");
    const res = await call(exportUsers, `/api/v1/users/export?search=${tag}`);
    expect(res.headers.get("x-total-count")).toBe(String(ROWS));
    const reader = res.body!.getReader();
    const first = await reader.read();
    // The consumer stops: the server reads at most a batch ahead and holds its cursor open.
    await new Promise((r) => setTimeout(r, 300));
    expect(reads.mock.calls.length).toBeLessThanOrEqual(2);
    expect(await openExportCursors()).toBeGreaterThanOrEqual(1);

    const baseline = process.memoryUsage().heapUsed;
    let peak = baseline;
    let bytes = first.value!.length;
    let lines = new TextDecoder().decode(first.value).split("\r\n").length - 1;
    const decoder = new TextDecoder();
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      bytes += value.length;
      lines += decoder.decode(value, { stream: true }).split("\r\n").length - 1;
      peak = Math.max(peak, process.memoryUsage().heapUsed);
    }
    expect(lines).toBe(ROWS + 1);
    expect(reads.mock.calls.length).toBeGreaterThanOrEqual(ROWS / CSV_BATCH_ROWS);
    // The file is ~1 MB; holding the rows as objects would take many times that. The heap grows by a few batches at most.
    console.log(`users export: ${ROWS} rows, ${(bytes / 1024 / 1024).toFixed(2)} MB, heap peak +${((peak - baseline) / 1024 / 1024).toFixed(1)} MB`);
    expect(peak - baseline).toBeLessThan(24 * 1024 * 1024);
    expect(await until(async () => (await openExportCursors()) === 0)).toBe(true);
  }, 60_000);

  it("stops reading and gives the connection back when the client goes away", async () => {
    const res = await call(exportUsers, `/api/v1/users/export?search=${tag}`);
    const reader = res.body!.getReader();
    await reader.read();
    expect(await openExportCursors()).toBeGreaterThanOrEqual(1);
    await reader.cancel();
    expect(await until(async () => (await openExportCursors()) === 0)).toBe(true);
  });
});
