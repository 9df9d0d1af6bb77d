import { existsSync, mkdtempSync, readdirSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import * as exportRoute from "@/app/api/v1/tenants/[id]/export/route";
import * as exportJobRoute from "@/app/api/v1/tenants/[id]/export/[job_id]/route";
import * as downloadRoute from "@/app/api/v1/tenants/[id]/export/[job_id]/download/route";
import * as importRoute from "@/app/api/v1/tenants/import/route";
import * as tenantRoute from "@/app/api/v1/tenants/[id]/route";
import { signExportLink } from "@/lib/exports/export-link";
import { pruneExports } from "@/lib/exports/prune-exports";
import { runExport } from "@/lib/exports/run-export";
import { systemCaller } from "@/lib/auth/caller";
import { tenantDbRoleName } from "@/lib/tenants/tenant-db-role";
import { purgeDueTenants } from "@/lib/tenants/tenant-deletion";
import { callRoute } from "../support/call-route";
import { ownerQuery, pgSchemaExists } from "../support/db";
import { alterArchive, unpack } from "../support/export-archives";
import { makeApiKey, makeTenant, uniq } from "../support/fixtures";
import { addMember } from "../support/tenant-members";

process.env.RATE_LIMIT_BACKUP_OPERATIONS_PER_HOUR ??= "100000";
process.env.BACKUP_DIR ??= mkdtempSync(path.join(tmpdir(), "atrium-exports-test-"));

let key: string;
beforeAll(async () => {
  key = await makeApiKey();
});

type Tenant = Awaited<ReturnType<typeof makeTenant>>;

/** A tenant with something in every part an export carries. */
async function richTenant(): Promise<Tenant & { memberEmail: string; goneEmail: string }> {
  const t = await makeTenant();
  const s = `"${t.schemaName}"`;
  await ownerQuery(`INSERT INTO tenant_roles (tenant_id, id, name, description, permissions) VALUES ($1, $2, 'Auditor', 'Reads the log', ARRAY['audit:read'])`, [t.id, `role_${uniq("")}`]);
  const roleId = (await ownerQuery<{ id: string }>("SELECT id FROM tenant_roles WHERE tenant_id = $1", [t.id]))[0].id;
  const member = await addMember(t.id, roleId);
  const gone = await addMember(t.id, "member");
  await ownerQuery(`INSERT INTO tenant_domains (tenant_id, id, domain, verification_token, status) VALUES ($1, $2, $3, 'tok', 'pending')`, [t.id, `dom_${uniq("")}`, `${uniq("d")}.example.com`]);
  await ownerQuery(`INSERT INTO ${s}.users (email, name) SELECT 'u' || g || '@x.test', 'User, "quoted" ' || g FROM generate_series(1, 40) g`);
  await ownerQuery(`INSERT INTO ${s}.documents (owner_id, title, body) SELECT id, 'Doc ' || email, E'line one\\nline two' FROM ${s}.users`);
  await ownerQuery(`INSERT INTO ${s}.activity_log (user_id, action, details) SELECT id, 'created', jsonb_build_object('n', 1) FROM ${s}.users`);
  return { ...t, memberEmail: member.email, goneEmail: gone.email };
}

async function exportOf(tenantId: string): Promise<{ jobId: string; url: string; archive: Buffer }> {
  const started = await callRoute(exportRoute.POST, { method: "POST", key, path: `/api/v1/tenants/${tenantId}/export`, params: { id: tenantId }, body: {} });
  expect(started.status).toBe(202);
  const jobId = started.json.data.job_id as string;
  expect(started.json.data.job.download_url).toBeNull();
  await runExport(jobId);
  const job = await callRoute(exportJobRoute.GET, { key, path: `/api/v1/tenants/${tenantId}/export/${jobId}`, params: { id: tenantId, job_id: jobId } });
  expect(job.status).toBe(200);
  expect(job.json.data.job).toMatchObject({ status: "completed", progress: { percentage: 100 }, error: null });
  const url = job.json.data.job.download_url as string;
  const res = await download(url);
  expect(res.status).toBe(200);
  expect(res.headers.get("content-type")).toBe("application/gzip");
  const archive = Buffer.from(await res.arrayBuffer());
  expect(`sha256:${(await import("node:crypto")).createHash("sha256").update(archive).digest("hex")}`).toBe(job.json.data.job.result.checksum);
  return { jobId, url, archive };
}

function download(url: string): Promise<Response> {
  const u = new URL(url);
  const [, , , , id, , jobId] = u.pathname.split("/");
  // No key, no cookie: the signed link is the credential.
  return downloadRoute.GET(new Request(`http://localhost:3000${u.pathname}${u.search}`, { headers: { host: "localhost:3000" } }), { params: Promise.resolve({ id, job_id: jobId }) });
}

async function importArchive(archive: Buffer, query: string, extraHeaders: Record<string, string> = {}) {
  const req = new Request(`http://localhost:3000/api/v1/tenants/import?${query}`, {
    method: "POST",
    headers: { host: "localhost:3000", authorization: `Bearer ${key}`, "content-type": "application/gzip", ...extraHeaders },
    body: new Uint8Array(archive),
  });
  const res = await importRoute.POST(req, { params: Promise.resolve({}) });
  return { status: res.status, json: await res.json() };
}

const count = async (sql: string, params: unknown[] = []) => Number((await ownerQuery<{ n: string }>(sql, params))[0].n);
const tableCounts = async (schema: string) =>
  Object.fromEntries(await Promise.all(["users", "documents", "activity_log"].map(async (t) => [t, await count(`SELECT count(*) AS n FROM "${schema}".${t}`)])));

/** Nothing of an import under `slug` exists: no tenant row, no schema. */
async function expectNothingWritten(slug: string) {
  expect(await count("SELECT count(*) AS n FROM tenants WHERE slug = $1", [slug])).toBe(0);
  expect(await pgSchemaExists(`t_${slug.replace(/-/g, "_")}`)).toBe(false);
}

describe("tenant export and import", () => {
  it("round-trips a tenant: same counts of members, roles, domains, branding and table rows; new ids; the slug given", async () => {
    const src = await richTenant();
    const { archive } = await exportOf(src.id);
    const entries = new Map((await unpack(archive)).map((e) => [e.name, e.content.toString()]));
    expect([...entries.keys()].at(-1)).toBe("manifest.json");
    expect(entries.get("schema.sql")).toMatch(/CREATE TABLE .*documents/);
    expect(entries.get("control/invitations.ndjson") ?? "").not.toMatch(/token_hash/);
    expect(entries.get("control/domains.ndjson")).not.toMatch(/verification_token/);
    expect(entries.get("tables/users.csv")!.split("\n")[0]).toBe("id,email,name,created_at");
    // A member deleted here after the export: the import cannot link them and invites them instead.
    await ownerQuery("DELETE FROM users WHERE email = $1", [src.goneEmail]);

    const slug = uniq("copy-");
    const r = await importArchive(archive, `slug=${slug}&name=${encodeURIComponent("Copied tenant")}`);
    expect(r.status, JSON.stringify(r.json)).toBe(201);
    const data = r.json.data;
    expect(data.tenant).toMatchObject({ slug, name: "Copied tenant", status: "active", schema_name: `t_${slug.replace(/-/g, "_")}` });
    expect(data.tenant.id).not.toBe(src.id);
    expect(data.source).toMatchObject({ tenant_id: src.id, slug: src.slug });
    expect(data).toMatchObject({ members_linked: 2, members_invited: 1, roles: 1, domains: 1 });
    expect(data.skipped.map((s: { entity: string }) => s.entity)).toEqual(expect.arrayContaining(["api_keys", "webhook_endpoints"]));
    const dst = data.tenant as { id: string; schema_name: string };

    expect(await tableCounts(dst.schema_name)).toEqual(await tableCounts(src.schemaName));
    expect(await tableCounts(dst.schema_name)).toEqual({ users: 40, documents: 40, activity_log: 40 });
    // Values survive CSV: quotes, commas and newlines.
    const sample = `SELECT u.name, d.body FROM "%s".documents d JOIN "%s".users u ON u.id = d.owner_id ORDER BY u.email LIMIT 1`;
    expect(await ownerQuery(sample.replaceAll("%s", dst.schema_name))).toEqual(await ownerQuery(sample.replaceAll("%s", src.schemaName)));
    // The identity sequence continues after the loaded ids.
    await ownerQuery(`INSERT INTO "${dst.schema_name}".activity_log (action) VALUES ('after import')`);

    const roles = await ownerQuery<{ id: string; name: string }>("SELECT id, name FROM tenant_roles WHERE tenant_id = ANY($1) ORDER BY tenant_id = $2", [[src.id, dst.id], dst.id]);
    expect(roles.map((x) => x.name)).toEqual(["Auditor", "Auditor"]);
    expect(roles[0].id).not.toBe(roles[1].id);
    const newRole = roles[1].id;
    const members = await ownerQuery<{ email: string; role: string }>("SELECT u.email, m.role FROM memberships m JOIN users u ON u.id = m.user_id WHERE m.tenant_id = $1 ORDER BY u.email", [dst.id]);
    expect(members).toContainEqual({ email: src.memberEmail, role: newRole });
    expect(members).toHaveLength(2);
    expect(await ownerQuery("SELECT email, role FROM tenant_invitations WHERE tenant_id = $1", [dst.id])).toEqual([{ email: src.goneEmail, role: "member" }]);
    expect(await count("SELECT count(*) AS n FROM tenant_domains WHERE tenant_id = $1 AND status = 'pending'", [dst.id])).toBe(1);
    expect(await count("SELECT count(*) AS n FROM tenant_branding_versions WHERE tenant_id = $1", [dst.id])).toBe(await count("SELECT count(*) AS n FROM tenant_branding_versions WHERE tenant_id = $1", [src.id]));
    expect((await ownerQuery<{ action: string }>("SELECT action FROM audit_events WHERE tenant_id = $1 AND action = 'tenant.imported'", [dst.id])).length).toBe(1);
    expect((await ownerQuery("SELECT 1 FROM pg_roles WHERE rolname = $1", [tenantDbRoleName(dst.id)])).length).toBe(1);
    expect((await ownerQuery<{ action: string }>("SELECT action FROM audit_events WHERE tenant_id = $1 AND action = 'tenant.exported'", [src.id])).length).toBe(1);

    // GET /tenants/{id} hands the latest export's link to staff who may download.
    const detail = await callRoute(tenantRoute.GET, { key, path: `/api/v1/tenants/${src.id}`, params: { id: src.id } });
    expect(detail.json.data.data_export_url).toMatch(/\/export\/exp_[0-9a-f]{16}\/download\?expires=\d+&signature=/);
    expect((await download(detail.json.data.data_export_url)).status).toBe(200);
    const readOnly = await makeApiKey(["tenants:read", "backups:manage"]);
    const plain = await callRoute(tenantRoute.GET, { key: readOnly, path: `/api/v1/tenants/${src.id}`, params: { id: src.id } });
    expect(plain.json.data.data_export_url).toBeNull();
  });

  it("refuses a tampered, expired or foreign download link with 403", async () => {
    const t = await makeTenant();
    const other = await makeTenant();
    const { jobId, url } = await exportOf(t.id);
    const u = new URL(url);
    const sig = u.searchParams.get("signature")!;
    const flipped = `${sig.slice(0, -1)}${sig.endsWith("A") ? "B" : "A"}`;
    const tampered = await download(url.replace(sig, flipped));
    expect(tampered.status).toBe(403);
    expect((await tampered.json()).error.code).toBe("export_link_invalid");
    const later = Number(u.searchParams.get("expires")) + 60;
    expect((await download(url.replace(/expires=\d+/, `expires=${later}`))).status).toBe(403);
    const expired = signExportLink(t.id, jobId, Date.now() - 3_600_000).url;
    expect((await download(expired)).status).toBe(403);
    // The signature binds the tenant: the same job under another tenant's path is refused.
    expect((await download(url.replace(`/tenants/${t.id}/`, `/tenants/${other.id}/`))).status).toBe(403);
    expect((await download(url.replace("signature=", "sig="))).status).toBe(400);
  });

  it("reports every conflict at once and writes nothing", async () => {
    const src = await makeTenant();
    const claimed = `${uniq("v")}.example.com`;
    await ownerQuery(`INSERT INTO tenant_domains (tenant_id, id, domain, verification_token, status, verified_at) VALUES ($1, $2, $3, 'tok', 'verified', now())`, [src.id, `dom_${uniq("")}`, claimed]);
    const { archive } = await exportOf(src.id);
    const future = await alterArchive(archive, (m) => {
      const manifest = JSON.parse(m.get("manifest.json")!.toString());
      manifest.schema_migrations.push({ version: "29991231000000", name: "from the future", checksum: "0".repeat(64) });
      m.set("manifest.json", Buffer.from(JSON.stringify(manifest)));
    });
    const taken = await makeTenant();
    const r = await importArchive(future, `slug=${taken.slug}`);
    expect(r.status).toBe(409);
    expect(r.json.error.code).toBe("import_conflicts");
    expect(r.json.error.details.map((d: { path: string }) => d.path).sort()).toEqual([`domains.${claimed}`, "schema_migrations.29991231000000", "slug"]);
    expect(await count("SELECT count(*) AS n FROM tenants WHERE slug = $1", [taken.slug])).toBe(1);

    const bad = await importArchive(archive, "slug=Not_A_Slug");
    expect(bad.status).toBe(400);
    expect(bad.json.error.details[0].path).toBe("slug");
  });

  it("refuses a corrupt or altered archive before writing anything", async () => {
    const src = await richTenant();
    const { archive } = await exportOf(src.id);
    const slug = uniq("bad-");

    const altered = await alterArchive(archive, (m) => m.set("tables/users.csv", Buffer.from(m.get("tables/users.csv")!.toString().replace("User", "Uzer"))));
    const r1 = await importArchive(altered, `slug=${slug}`);
    expect(r1.status).toBe(400);
    expect(r1.json.error.code).toBe("invalid_archive");
    expect(r1.json.error.details).toContainEqual({ path: "tables/users.csv", message: expect.stringMatching(/SHA-256/) });

    const r2 = await importArchive(Buffer.from("definitely not a tar.gz"), `slug=${slug}`);
    expect(r2.status).toBe(400);
    expect(r2.json.error.code).toBe("invalid_archive");

    const truncated = await importArchive(archive.subarray(0, Math.floor(archive.length / 2)), `slug=${slug}`);
    expect(truncated.status).toBe(400);

    const smuggled = await alterArchive(archive, (m) => m.set("../../etc/evil", Buffer.from("x")));
    expect((await importArchive(smuggled, `slug=${slug}`)).json.error.code).toBe("invalid_archive");
    await expectNothingWritten(slug);
  });

  it("rolls the whole import back when a COPY fails on a corrupt row: no schema, no role, no rows", async () => {
    const src = await richTenant();
    const { archive } = await exportOf(src.id);
    const slug = uniq("roll-");
    // Checksums recomputed: the archive verifies, and PostgreSQL refuses the added documents row (its id is not a uuid)
    // after users were already loaded in the same transaction.
    const corrupt = await alterArchive(
      archive,
      (m) => {
        const csv = m.get("tables/documents.csv")!.toString();
        m.set("tables/documents.csv", Buffer.from(`${csv}not-a-uuid,,Bad row,body,2026-01-01 00:00:00+00,2026-01-01 00:00:00+00\n`));
      },
      true,
    );
    const r = await importArchive(corrupt, `slug=${slug}`);
    expect(r.status).toBe(400);
    expect(r.json.error.code).toBe("invalid_archive");
    expect(r.json.error.message).toMatch(/tables\/documents\.csv could not be loaded.*uuid/);
    await expectNothingWritten(slug);
    // The failure is audited with the id the tenant had; neither of its roles (owner, reader) is left.
    const [failed] = await ownerQuery<{ target_id: string }>("SELECT target_id FROM audit_events WHERE action = 'tenant.import_failed' AND target_label = $1", [slug]);
    expect(failed.target_id).toMatch(/^tenant_[0-9a-f]{16}$/);
    expect(await count("SELECT count(*) AS n FROM pg_roles WHERE rolname = ANY($1)", [[`${failed.target_id}_owner`, `${failed.target_id}_reader`]])).toBe(0);
    expect(await count("SELECT count(*) AS n FROM tenant_invitations i WHERE NOT EXISTS (SELECT 1 FROM tenants t WHERE t.id = i.tenant_id)")).toBe(0);
  });

  it("of five imports racing for one slug, one creates the tenant and the others report the conflict; none leaves anything behind", async () => {
    const src = await richTenant();
    const { archive } = await exportOf(src.id);
    const slug = uniq("race-");
    const answers = await Promise.all(Array.from({ length: 5 }, () => importArchive(archive, `slug=${slug}`)));
    expect(answers.map((a) => a.status).sort()).toEqual([201, 409, 409, 409, 409]);
    expect(answers.filter((a) => a.status === 409).every((a) => a.json.error.code === "import_conflicts")).toBe(true);
    expect(await count("SELECT count(*) AS n FROM tenants WHERE slug = $1", [slug])).toBe(1);
    expect(await count("SELECT count(*) AS n FROM tenants WHERE status = 'provisioning' AND name = $1", [src.name])).toBe(0);
  });

  it("DELETE /tenants/{id} links the latest export, and the purge removes the archives", async () => {
    const t = await makeTenant();
    const { url } = await exportOf(t.id);
    const del = await callRoute(tenantRoute.DELETE, { method: "DELETE", key, path: `/api/v1/tenants/${t.id}?confirmation=DELETE_PERMANENTLY&grace_period_days=1`, params: { id: t.id } });
    expect(del.status).toBe(200);
    expect(new URL(del.json.data.data_export_url).pathname).toBe(new URL(url).pathname);
    expect(existsSync(path.join(process.env.BACKUP_DIR!, "exports", t.id))).toBe(true);
    await purgeDueTenants(systemCaller("test"), new Date(Date.now() + 2 * 86_400_000));
    expect(existsSync(path.join(process.env.BACKUP_DIR!, "exports", t.id))).toBe(false);
    expect((await download(url)).status).toBe(404);
  });

  it("deletes an export's archive and job once EXPORT_RETENTION_DAYS (7) are over, and keeps a younger one", async () => {
    const t = await makeTenant();
    const old = await exportOf(t.id);
    const young = await exportOf(t.id);
    await ownerQuery("UPDATE tenant_exports SET completed_at = now() - interval '8 days' WHERE id = $1", [old.jobId]);
    const pruned = await pruneExports();
    expect(pruned).toContain(old.jobId);
    expect(pruned).not.toContain(young.jobId);
    expect(existsSync(path.join(process.env.BACKUP_DIR!, "exports", t.id, old.jobId))).toBe(false);
    expect(existsSync(path.join(process.env.BACKUP_DIR!, "exports", t.id, young.jobId))).toBe(true);
    const gone = await callRoute(exportJobRoute.GET, { key, path: `/api/v1/tenants/${t.id}/export/${old.jobId}`, params: { id: t.id, job_id: old.jobId } });
    expect(gone.status).toBe(404);
    // A link handed out before still verifies, but there is nothing left to send.
    expect((await download(old.url)).status).toBe(404);
    expect((await download(young.url)).status).toBe(200);
  });

  it("replays an import sent again with its Idempotency-Key, and leaves no spooled upload behind either time", async () => {
    const spooled = () => new Set(readdirSync(tmpdir()).filter((n) => n.startsWith("atrium-import-")));
    const before = spooled();
    const t = await makeTenant();
    const { archive } = await exportOf(t.id);
    const slug = uniq("replayed");
    const headers = { "idempotency-key": uniq("import-key") };
    const first = await importArchive(archive, `slug=${slug}`, headers);
    expect(first.status).toBe(201);
    const again = await importArchive(archive, `slug=${slug}`, headers);
    expect(again.status).toBe(201);
    expect(again.json.data.tenant.id).toBe(first.json.data.tenant.id);
    expect(await count("SELECT count(*) AS n FROM tenants WHERE slug = $1", [slug])).toBe(1);
    expect([...spooled()].filter((n) => !before.has(n))).toEqual([]);
  });

  it("runs one export per tenant at a time and answers 404 for an unknown job", async () => {
    const t = await makeTenant();
    const call = () => callRoute(exportRoute.POST, { method: "POST", key, path: `/api/v1/tenants/${t.id}/export`, params: { id: t.id }, body: {} });
    const answers = await Promise.all(Array.from({ length: 20 }, call));
    expect(answers.map((a) => a.status).sort()).toEqual([202, ...Array(19).fill(409)]);
    const missing = await callRoute(exportJobRoute.GET, { key, path: `/api/v1/tenants/${t.id}/export/exp_0000000000000000`, params: { id: t.id, job_id: "exp_0000000000000000" } });
    expect(missing.status).toBe(404);
  });
});
