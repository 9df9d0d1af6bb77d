// The benchmark's floor: a plain node:http + pg server answering
// GET /api/v1/tenants/{id} and GET /api/v1/tenants with the SQL the app
// sends (the same statements: the single read's, the list's page and count
// (lib/tenants/tenant-list-sql.ts), the usage, health and sparkline queries),
// in the same kind of read transaction (BEGIN READ ONLY; set_config(...) or
// SET LOCAL ROLE; queries; COMMIT) on a pipelined pool whose connections run
// as atrium_app, sending together what the app sends together
// (lib/db/read-scope.ts), after the same API-key lookup, returning the same
// JSON envelope. No framework, no ORM, no validation library: a fair lower
// bound for what those requests can cost on this machine.
//
// Env: DATABASE_URL, PORT, APP_ROOT_DOMAIN (for portal_url), DB_POOL_SIZE, NEXTAUTH_SECRET (list cursors).
import { createHash, randomBytes } from "node:crypto";
import http from "node:http";
import pg from "pg";
import { tenantDetail } from "@/lib/tenants/get-tenant";
import { latestExportUrl } from "@/lib/exports/get-export";
import type { Caller } from "@/lib/auth/caller";
import { tenantListPage } from "@/lib/tenants/list-tenants";
import { SELECT_TENANT, tenantFromRow } from "@/lib/tenants/tenant-row";
import { loadUsage as loadAppUsage } from "@/lib/tenants/tenant-usage";
import type { ListTenantsQuery } from "@/lib/schemas/tenant";
import { pipelinedRead, type ReadFn } from "@/lib/db/read-scope";

const port = Number(process.env.PORT ?? 3201);
// As lib/db/pools.ts readPool(): every connection runs as atrium_app (RLS applies), in pipeline mode.
const pool = new pg.Pool({ connectionString: process.env.DATABASE_URL, max: Number(process.env.DB_POOL_SIZE ?? 10), options: "-c role=atrium_app", pipeline: true });
pool.on("error", () => undefined);

// The bench's key holds every permission, so the app looks for the latest export too.
const EXPORT_READER = { kind: "system", id: null, label: "floor", permissions: new Set(["backups:download"]), meta: { ip: null, userAgent: null, requestId: "floor" } } as unknown as Caller;
const SORTS = new Set(["created_at", "updated_at", "name", "slug", "status", "plan"]);

// The app's own read transaction (lib/db/read-scope.ts) on this pool: the scope, the statements and COMMIT as it sends them.
const read = <T,>(scope: { tenantId: string } | "platform", fn: ReadFn<T>): Promise<T> =>
  pipelinedRead(pool, scope === "platform" ? { text: "SET LOCAL ROLE atrium_platform" } : { text: "SELECT set_config('app.tenant_id', $1, true)", values: [scope.tenantId] }, fn);

async function getTenant(id: string) {
  return read({ tenantId: id }, async (q, finish) => {
    const reads = Promise.all([q(`${SELECT_TENANT} WHERE id = $1`, [id]), loadAppUsage(q, [id], new Date(), { pipelined: true }), latestExportUrl(q, EXPORT_READER, id)]);
    finish();
    const [rows, usage, exportUrl] = await reads;
    if (!rows[0]) return null;
    const detail = tenantDetail(tenantFromRow(rows[0]), usage.get(id)!);
    detail.body.data_export_url = exportUrl;
    return detail;
  });
}

async function listTenants(query: URLSearchParams) {
  const pageSize = Math.min(100, Math.max(1, Number(query.get("page_size") ?? 50) | 0));
  const sort = (SORTS.has(query.get("sort") ?? "") ? query.get("sort") : "created_at") as ListTenantsQuery["sort"];
  const o = { sort, order: query.get("order") === "asc" ? ("asc" as const) : ("desc" as const), page_size: pageSize };
  // The app's own list read (lib/tenants/list-tenants.ts), without its query schema: the floor parses by hand.
  return read("platform", tenantListPage({}, o, Math.max(1, Number(query.get("page") ?? 1) | 0), query.get("cursor") ?? undefined));
}

const SQL = { apiKey: `SELECT * FROM atrium_authenticate_api_key($1)` };

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
