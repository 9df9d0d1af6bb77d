import { cp, mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as migrateRoute from "@/app/api/v1/tenants/[id]/migrate/route";
import { systemCaller } from "@/lib/auth/caller";
import { AppError } from "@/lib/http/errors";
import { TENANT_MIGRATIONS_DIR, sha256 } from "@/lib/tenant-migrations/migration-files";
import { listAppliedTenantMigrations } from "@/lib/tenant-migrations/list-applied-tenant-migrations";
import { migrateTenant } from "@/lib/tenant-migrations/migrate-tenant";
import { tenantDbRoleName } from "@/lib/tenants/tenant-db-role";
import { tenantMigrateSchema, type TenantMigrateInput } from "@/lib/schemas/tenant-migrations";
import { callRoute } from "../support/call-route";
import { makeApiKey, makeTenant, staffCaller } from "../support/fixtures";
import { ownerQuery } from "../support/db";

const admin = systemCaller("test");
const STARTERS = ["20261123000100", "20261123000200", "20261123000300"];
const WIDGETS = "29990101000100";
const COLOR = "29990101000200";

let tmp: string;
/** The real migrations, then two of the test's own, both with down.sql. */
let dir: string;

const WIDGETS_UP = "CREATE TABLE widgets (id int PRIMARY KEY, label text NOT NULL);";
async function addMigration(into: string, name: string, up: string, down: string | null) {
  await mkdir(path.join(into, name), { recursive: true });
  await writeFile(path.join(into, name, "migration.sql"), up);
  if (down !== null) await writeFile(path.join(into, name, "down.sql"), down);
}
async function copyDir(name: string) {
  const d = path.join(tmp, name);
  await cp(dir, d, { recursive: true });
  return d;
}

beforeAll(async () => {
  tmp = await mkdtemp(path.join(os.tmpdir(), "atrium-migrate-"));
  dir = path.join(tmp, "base");
  await cp(TENANT_MIGRATIONS_DIR, dir, { recursive: true });
  await addMigration(dir, `${WIDGETS}_add_widgets`, WIDGETS_UP, "DROP TABLE widgets;");
  await addMigration(dir, `${COLOR}_widget_color`, "ALTER TABLE widgets ADD COLUMN color text;\nCREATE INDEX widgets_color ON widgets (color);", "DROP INDEX widgets_color;\nALTER TABLE widgets DROP COLUMN color;");
});
afterAll(() => rm(tmp, { recursive: true, force: true }));

const input = (v: Partial<TenantMigrateInput> & Record<string, unknown> = {}) => tenantMigrateSchema.parse(v);
const applied = async (schema: string) => (await ownerQuery<{ version: string; checksum: string }>(`SELECT version, checksum FROM "${schema}".schema_migrations ORDER BY version`)).map((r) => r.version);
const columnsOf = async (schema: string, table: string) =>
  (await ownerQuery<{ attname: string }>("SELECT attname FROM pg_attribute WHERE attrelid = to_regclass($1) AND attnum > 0 AND NOT attisdropped ORDER BY attnum", [`"${schema}".${table}`])).map((r) => r.attname);
const actions = async (tenantId: string) => (await ownerQuery<{ action: string }>("SELECT action FROM audit_events WHERE tenant_id = $1 AND action LIKE 'schema.migration.%' ORDER BY seq", [tenantId])).map((r) => r.action);
const refusal = (p: Promise<unknown>) => p.then(() => null, (e: unknown) => e as AppError);

describe("migrateTenant (POST /tenants/{id}/migrate)", () => {
  it("dry run: answers the statements of each pending migration in order and runs nothing, publishes nothing", async () => {
    const t = await makeTenant();
    const r = await migrateTenant(admin, t.id, input({ dry_run: true }), { dir });
    expect(r.statements!.map((s) => [s.version, s.direction])).toEqual([
      [WIDGETS, "up"],
      [COLOR, "up"],
    ]);
    expect(r.statements![0].sql).toBe(WIDGETS_UP);
    expect(r.statements![0].checksum).toBe(sha256(WIDGETS_UP));
    expect(r.executed_migrations.map((m) => m.status)).toEqual(["planned", "planned"]);
    expect(r.schema_version).toBe(STARTERS[2]);
    expect(await applied(t.schemaName)).toEqual(STARTERS);
    expect(await columnsOf(t.schemaName, "widgets")).toEqual([]);
    expect(await actions(t.id)).toEqual([]);
  });

  it("up to a version applies only up to it; then the rest; each recorded with its checksum; started/completed published; the tenant's role can use the new table", async () => {
    const t = await makeTenant();
    const first = await migrateTenant(admin, t.id, input({ version: WIDGETS }), { dir });
    expect(first.executed_migrations.map((m) => `${m.version}:${m.status}`)).toEqual([`${WIDGETS}:success`]);
    expect(first.schema_version).toBe(WIDGETS);
    expect(first.migration_id).toMatch(/^mig_[0-9a-f]{16}$/);
    const rest = await migrateTenant(admin, t.id, input(), { dir });
    expect(rest.executed_migrations.map((m) => m.version)).toEqual([COLOR]);
    expect(rest.schema_version).toBe(COLOR);
    expect(await columnsOf(t.schemaName, "widgets")).toEqual(["id", "label", "color"]);
    const rows = await ownerQuery<{ version: string; checksum: string }>(`SELECT version, checksum FROM "${t.schemaName}".schema_migrations WHERE version = $1`, [WIDGETS]);
    expect(rows[0].checksum).toBe(sha256(WIDGETS_UP));
    // Nothing left: a third call runs nothing and says so.
    const none = await migrateTenant(admin, t.id, input(), { dir });
    expect(none.executed_migrations).toEqual([]);
    expect(await actions(t.id)).toEqual(["schema.migration.started", "schema.migration.completed", "schema.migration.started", "schema.migration.completed", "schema.migration.started", "schema.migration.completed"]);
    const [completed] = await ownerQuery<{ after: Record<string, unknown> }>("SELECT after FROM audit_events WHERE tenant_id = $1 AND action = 'schema.migration.completed' ORDER BY seq LIMIT 1", [t.id]);
    expect(completed.after).toMatchObject({ direction: "up", migrations: [WIDGETS], schema_version: WIDGETS });
    const [priv] = await ownerQuery<{ sel: boolean; ins: boolean }>("SELECT has_table_privilege($1, $2, 'SELECT') AS sel, has_table_privilege($1, $2, 'INSERT') AS ins", [tenantDbRoleName(t.id), `"${t.schemaName}".widgets`]);
    expect(priv).toEqual({ sel: true, ins: true });
    expect((await listAppliedTenantMigrations(t.id)).map((m) => m.version)).toEqual([...STARTERS, WIDGETS, COLOR]);
  });

  it("down to a version runs down.sql newest first; a migration without down.sql is refused (409) before anything is reverted", async () => {
    const t = await makeTenant();
    await migrateTenant(admin, t.id, input(), { dir });
    const down = await migrateTenant(admin, t.id, input({ direction: "down", version: WIDGETS }), { dir });
    expect(down.executed_migrations.map((m) => `${m.version}:${m.direction}:${m.status}`)).toEqual([`${COLOR}:down:success`]);
    expect(down.schema_version).toBe(WIDGETS);
    expect(await columnsOf(t.schemaName, "widgets")).toEqual(["id", "label"]);
    // Back past the starter migrations, which have no down.sql: refused, and widgets is still there.
    const err = await refusal(migrateTenant(admin, t.id, input({ direction: "down", version: "00000000000000" }), { dir }));
    expect(err).toBeInstanceOf(AppError);
    expect(err!.code).toBe("migration_failed");
    expect(err!.status).toBe(409);
    expect(err!.message).toMatch(/20261123000300.*no down\.sql/);
    expect(await applied(t.schemaName)).toEqual([...STARTERS, WIDGETS]);
    expect(await columnsOf(t.schemaName, "widgets")).toEqual(["id", "label"]);
    // To the last starter: widgets goes.
    await migrateTenant(admin, t.id, input({ direction: "down", version: STARTERS[2] }), { dir });
    expect(await columnsOf(t.schemaName, "widgets")).toEqual([]);
    expect(await applied(t.schemaName)).toEqual(STARTERS);
    // An unknown target is refused too.
    expect((await refusal(migrateTenant(admin, t.id, input({ version: "29990101999999" }), { dir })))!.message).toMatch(/no tenant migration 29990101999999/);
  });

  it("an applied migration edited afterwards is refused (409 migration_failed naming it) unless force, which accepts the new checksum", async () => {
    const t = await makeTenant();
    const edited = await copyDir("edited");
    await migrateTenant(admin, t.id, input({ version: WIDGETS }), { dir: edited });
    await writeFile(path.join(edited, `${WIDGETS}_add_widgets`, "migration.sql"), `${WIDGETS_UP}\n-- edited`);
    const err = await refusal(migrateTenant(admin, t.id, input(), { dir: edited }));
    expect(err!.code).toBe("migration_failed");
    expect(err!.status).toBe(409);
    expect(err!.message).toMatch(new RegExp(`${WIDGETS}.*edited after it was applied`));
    expect(err!.details).toMatchObject({ version: WIDGETS, executed_migrations: [] });
    expect(await applied(t.schemaName)).toEqual([...STARTERS, WIDGETS]);
    expect(await actions(t.id)).toContain("schema.migration.failed");
    const forced = await migrateTenant(admin, t.id, input({ force: true }), { dir: edited });
    expect(forced.executed_migrations.map((m) => m.version)).toEqual([COLOR]);
    const [row] = await ownerQuery<{ checksum: string }>(`SELECT checksum FROM "${t.schemaName}".schema_migrations WHERE version = $1`, [WIDGETS]);
    expect(row.checksum).toBe(sha256(`${WIDGETS_UP}\n-- edited`));
    // Accepted: the next call without force is not refused.
    expect((await migrateTenant(admin, t.id, input(), { dir: edited })).executed_migrations).toEqual([]);
  });

  it("a failing migration rolls back (500 migration_failed with PostgreSQL's reason); it is recorded, and re-running it needs force", async () => {
    const t = await makeTenant();
    const broken = await copyDir("broken");
    await writeFile(path.join(broken, `${COLOR}_widget_color`, "migration.sql"), "ALTER TABLE widgets ADD COLUMN color text;\nINSERT INTO widgets VALUES ('not a number', 'x');");
    const err = await refusal(migrateTenant(admin, t.id, input(), { dir: broken }));
    expect(err!.status).toBe(500);
    expect(err!.code).toBe("migration_failed");
    expect(err!.message).toMatch(/invalid input syntax for type integer/);
    const details = err!.details as { version: string; executed_migrations: { version: string; status: string }[] };
    expect(details.version).toBe(COLOR);
    expect(details.executed_migrations.map((m) => `${m.version}:${m.status}`)).toEqual([`${WIDGETS}:success`, `${COLOR}:failed`]);
    // The one before it stays applied; the failed one left nothing behind.
    expect(await applied(t.schemaName)).toEqual([...STARTERS, WIDGETS]);
    expect(await columnsOf(t.schemaName, "widgets")).toEqual(["id", "label"]);
    const [item] = await ownerQuery<{ state: string; failed_version: string; error: string }>("SELECT state, failed_version, error FROM tenant_migration_run_items WHERE tenant_id = $1 ORDER BY finished_at DESC LIMIT 1", [t.id]);
    expect(item).toMatchObject({ state: "failed", failed_version: COLOR });
    // Without force: refused before running.
    const again = await refusal(migrateTenant(admin, t.id, input(), { dir: broken }));
    expect(again!.status).toBe(409);
    expect(again!.message).toMatch(/failed on its last attempt/);
    // Fixed, with force: it runs.
    const fixed = await migrateTenant(admin, t.id, input({ force: true }), { dir });
    expect(fixed.executed_migrations.map((m) => m.version)).toEqual([COLOR]);
    expect(await columnsOf(t.schemaName, "widgets")).toEqual(["id", "label", "color"]);
  });

  it("backup_before: a full backup is taken to completion first and reported; a dry run takes none", async () => {
    const t = await makeTenant();
    const dry = await migrateTenant(admin, t.id, input({ dry_run: true, backup_before: true }), { dir });
    expect(dry).toMatchObject({ backup_created: false, backup_id: null });
    const r = await migrateTenant(admin, t.id, input({ version: WIDGETS, backup_before: true }), { dir });
    expect(r.backup_created).toBe(true);
    expect(r.backup_id).toMatch(/^backup_/);
    const [backup] = await ownerQuery<{ status: string; tenant_id: string }>("SELECT status, tenant_id FROM tenant_backups WHERE id = $1", [r.backup_id]);
    expect(backup).toEqual({ status: "completed", tenant_id: t.id });
    expect(r.executed_migrations.map((m) => m.version)).toEqual([WIDGETS]);
  });

  it("20 parallel calls on one tenant: no error, each migration applied exactly once (the advisory lock serialises them)", async () => {
    const t = await makeTenant();
    const results = await Promise.all(Array.from({ length: 20 }, () => migrateTenant(admin, t.id, input(), { dir })));
    expect(results.flatMap((r) => r.executed_migrations.map((m) => m.version)).sort()).toEqual([WIDGETS, COLOR]);
    expect(await applied(t.schemaName)).toEqual([...STARTERS, WIDGETS, COLOR]);
  });

  it("needs data:migrate (an operator is refused), an existing tenant, and a tenant that is not being provisioned or deleted", async () => {
    const t = await makeTenant();
    expect((await refusal(migrateTenant(staffCaller("operator"), t.id, input({ dry_run: true }), { dir })))!.code).toBe("admin_privileges_required");
    expect((await refusal(migrateTenant(admin, "tenant_0000000000000000", input(), { dir })))!.code).toBe("tenant_not_found");
    await ownerQuery("UPDATE tenants SET status = 'pending_deletion' WHERE id = $1", [t.id]);
    expect((await refusal(migrateTenant(admin, t.id, input(), { dir })))!.code).toBe("invalid_state");
  });
});

describe("POST /api/v1/tenants/{id}/migrate", () => {
  const post = async (id: string, body: unknown, key?: string) => callRoute(migrateRoute.POST, { method: "POST", key: key ?? (await makeApiKey()), path: `/api/v1/tenants/${id}/migrate`, params: { id }, body });

  it("answers seed 000's shape; with the project's migrations a provisioned tenant has nothing pending", async () => {
    const t = await makeTenant();
    const r = await post(t.id, { dry_run: true });
    expect(r.status).toBe(200);
    expect(r.json.data).toMatchObject({ tenant_id: t.id, direction: "up", dry_run: true, executed_migrations: [], statements: [], schema_version: STARTERS[2], backup_created: false, total_execution_time_ms: 0 });
    const up = await post(t.id, {});
    expect(up.status).toBe(200);
    expect(up.json.data.executed_migrations).toEqual([]);
  });

  it("bad input is a 400 naming the field, and writes nothing", async () => {
    const t = await makeTenant();
    const before = await ownerQuery("SELECT count(*)::int AS n FROM tenant_migration_runs WHERE tenant_id = $1", [t.id]);
    for (const [body, field] of [
      [{ direction: "sideways" }, "direction"],
      [{ direction: "down" }, "version"],
      [{ version: "2026" }, "version"],
      [{ dry_run: "yes" }, "dry_run"],
      [{ surprise: true }, "surprise"],
    ] as const) {
      const r = await post(t.id, body);
      expect(r.status, JSON.stringify(body)).toBe(400);
      expect(r.json.error.details.map((d: { path: string }) => d.path)).toContain(field);
    }
    expect(await ownerQuery("SELECT count(*)::int AS n FROM tenant_migration_runs WHERE tenant_id = $1", [t.id])).toEqual(before);
  });

  it("a platform key without data:migrate is refused with 403 before the body is read", async () => {
    const t = await makeTenant();
    const r = await post(t.id, { direction: "sideways" }, await makeApiKey(["tenants:read", "tenants:update", "data:read"]));
    expect(r.status).toBe(403);
  });
});
