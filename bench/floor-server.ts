// The benchmark's floor: a plain node:http + pg server answering
// GET /api/v1/tenants/{id} and GET /api/v1/tenants with the SQL the app
// sends (same statements, same order: the list's are Prisma's, the single
// read and the usage queries are the app's own plain SQL), in the same kind of
// transaction (BEGIN; set_config(...) or SET LOCAL ROLE; queries; COMMIT) on a pool whose
// connections run as atrium_app, after the same API-key lookup, returning the
// same JSON envelope. No framework, no ORM, no validation library: a fair lower
// bound for what those requests can cost on this machine.
//
// Env: DATABASE_URL, PORT, APP_ROOT_DOMAIN (for portal_url), DB_POOL_SIZE.
import { createHash, randomBytes } from "node:crypto";
import http from "node:http";
import pg from "pg";
import { serializeTenant, tenantLimits } from "@/lib/tenants/serialize-tenant";
import { tenantDetail } from "@/lib/tenants/get-tenant";
import { SELECT_TENANT as SELECT_APP_TENANT, tenantFromRow } from "@/lib/tenants/tenant-row";
import { loadUsage as loadAppUsage, usageBlock } from "@/lib/tenants/tenant-usage";

const port = Number(process.env.PORT ?? 3201);
// As lib/db/pools.ts appPool(): every connection runs as atrium_app (RLS applies), set at startup.
const pool = new pg.Pool({ connectionString: process.env.DATABASE_URL, max: Number(process.env.DB_POOL_SIZE ?? 10), options: "-c role=atrium_app" });
pool.on("error", () => undefined);

const T = `"public"."tenants"`;
const COLUMNS = ["id", "name", "slug", "schema_name", "domain", "plan", "status", "is_trial", "trial_ends_at", "settings", "features", "limits", "branding", "provisioning", "version",
  "suspended_at", "suspended_reason", "archived_at", "status_before_deletion", "deletion_scheduled_at", "final_deletion_date", "created_at", "updated_at"];
const SELECT_TENANT = `SELECT ${COLUMNS.map((c) => `${T}."${c}"`).join(", ")} FROM ${T}`;
const SQL = {
  apiKey: `SELECT * FROM atrium_authenticate_api_key($1)`,
  count: `SELECT COUNT(*) AS "_count$_all" FROM (SELECT ${T}."id" FROM ${T} WHERE 1=1 OFFSET $1) AS "sub"`,
};
const SORTS: Record<string, string> = { created_at: "created_at", updated_at: "updated_at", name: "name", slug: "slug", status: "status", plan: "plan" };


type Q = (text: string, values?: unknown[]) => Promise<pg.QueryResult>;

// As lib/db/scope.ts: a tenant's id in a transaction-local setting, or the platform role for the transaction.
async function inTransaction<T>(scope: { tenantId: string } | "platform", fn: (q: Q) => Promise<T>): Promise<T> {
  const client = await pool.connect();
  try {
    await client.query("BEGIN");
    if (scope === "platform") await client.query("SET LOCAL ROLE atrium_platform");
    else await client.query("SELECT set_config('app.tenant_id', $1, true)", [scope.tenantId]);
    const result = await fn((text, values) => client.query(text, values));
    await client.query("COMMIT");
    return result;
  } catch (err) {
    await client.query("ROLLBACK").catch(() => undefined);
    throw err;
  } finally {
    client.release();
  }
}

// The usage queries are the app's own function: the same statements, sent here with plain pg.
const loadUsage = (q: Q, ids: string[]) => loadAppUsage(async (text, values) => (await q(text, values)).rows, ids);

async function getTenant(id: string) {
  return inTransaction({ tenantId: id }, async (q) => {
    // The app reads one tenant with plain SQL too (lib/tenants/get-tenant.ts): the same statement.
    const row = (await q(`${SELECT_APP_TENANT} WHERE id = $1`, [id])).rows[0];
    if (!row) return null;
    const tenant = tenantFromRow(row);
    return tenantDetail(tenant, (await loadUsage(q, [id])).get(id)!);
  });
}

async function listTenants(query: URLSearchParams) {
  const page = Math.max(1, Number(query.get("page") ?? 1) | 0);
  const pageSize = Math.min(100, Math.max(1, Number(query.get("page_size") ?? 50) | 0));
  const sort = SORTS[query.get("sort") ?? "created_at"] ?? "created_at";
  const order = query.get("order") === "asc" ? "ASC" : "DESC";
  return inTransaction("platform", async (q) => {
    const rows = (await q(`${SELECT_TENANT} WHERE 1=1 ORDER BY ${T}."${sort}" ${order}, ${T}."id" ${order} LIMIT $1 OFFSET $2`, [pageSize, (page - 1) * pageSize])).rows;
    const total = Number((await q(SQL.count, [0])).rows[0]["_count$_all"]);
    const tenants = rows.map(tenantFromRow);
    const usage = await loadUsage(q, tenants.map((t) => t.id));
    const totalPages = Math.max(1, Math.ceil(total / pageSize));
    return {
      tenants: tenants.map((t) => {
        const u = usageBlock(usage.get(t.id)!, tenantLimits(t));
        return { ...serializeTenant(t), usage: { users: u.users, storage: u.storage } };
      }),
      pagination: { page, page_size: pageSize, total_count: total, total_pages: totalPages, has_next: page < totalPages, has_prev: page > 1 },
    };
  });
}

function send(res: http.ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  res.writeHead(status, { "Cache-Control": "private, no-store", "Content-Type": "application/json; charset=utf-8", "X-Request-Id": `req_${randomBytes(8).toString("hex")}`, ...headers });
  res.end(JSON.stringify(body));
}
const fail = (res: http.ServerResponse, status: number, code: string, message: string) => send(res, status, { status: "error", error: { code, message } });

async function handle(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
  const url = new URL(req.url ?? "/", "http://floor");
  if (url.pathname === "/health") return send(res, 200, { status: "ok" });
  if (req.method !== "GET") return fail(res, 405, "method_not_allowed", "GET only");
  const m = (req.headers.authorization ?? "").match(/^Bearer\s+(\S+)$/i);
  const key = m && m[1].startsWith("atr_") ? (await pool.query(SQL.apiKey, [createHash("sha256").update(m[1]).digest("hex")])).rows[0] : undefined;
  if (!key || !(key.permissions as string[]).includes("tenants:read")) return fail(res, 401, "authentication_required", "The API key is missing, malformed, unknown or revoked");
  if (url.pathname === "/api/v1/tenants") return send(res, 200, { status: "success", data: await listTenants(url.searchParams) });
  const id = url.pathname.match(/^\/api\/v1\/tenants\/([^/]+)$/)?.[1];
  if (!id) return fail(res, 404, "not_found", "No such route");
  const found = await getTenant(decodeURIComponent(id));
  if (!found) return fail(res, 404, "tenant_not_found", `No tenant with id ${id}`);
  send(res, 200, { status: "success", data: found.body }, { ETag: found.etag });
}

const server = http.createServer((req, res) => {
  handle(req, res).catch((err) => {
    console.error("[floor]", err);
    if (!res.headersSent) fail(res, 500, "internal_error", "Something went wrong");
    else res.destroy();
  });
});
server.keepAliveTimeout = 65_000;
server.listen(port, "127.0.0.1", () => console.log(`floor listening on http://127.0.0.1:${port}`));

const stop = () => {
  setTimeout(() => process.exit(0), 2000).unref();
  server.close(() => void pool.end().finally(() => process.exit(0)));
};
process.on("SIGTERM", stop);
process.on("SIGINT", stop);
