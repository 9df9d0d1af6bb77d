import { describe, expect, it } from "vitest";
import * as schemaRoute from "@/app/api/v1/tenants/[id]/schema/route";
import { withTenantDb } from "@/lib/dataplane/with-tenant-db";
import { readTenantSchema } from "@/lib/dataplane/read-tenant-schema";
import { ownerPool } from "@/lib/db/pools";
import { callRoute } from "../support/call-route";
import { makeApiKey, makeTenant, uniq } from "../support/fixtures";
import { ownerQuery } from "../support/db";
import type { TenantSchemaInfo } from "@/lib/schemas/tenant-db-schema";

const all = { includeIndexes: true, includeConstraints: true, exactCounts: false };

async function withShopTables(tenantId: string) {
  await withTenantDb(tenantId, { as: "owner" }, (c) =>
    c.query(`
      CREATE TABLE customers (id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY, email varchar(255) NOT NULL UNIQUE, "Odd ""Name""" text DEFAULT 'x');
      CREATE TABLE orders (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        customer_id bigint NOT NULL REFERENCES customers(id) ON DELETE CASCADE,
        total numeric(12,2) NOT NULL CHECK (total >= 0),
        placed_at timestamptz NOT NULL DEFAULT now());
      CREATE INDEX orders_customer_placed_idx ON orders (customer_id, placed_at DESC);
      CREATE INDEX orders_lower_idx ON orders USING hash ((total::text));
      INSERT INTO customers (email) SELECT 'c' || g || '@x.test' FROM generate_series(1, 30) g;
      INSERT INTO orders (customer_id, total) SELECT 1 + g % 30, g FROM generate_series(1, 200) g;`),
  );
}

describe("readTenantSchema", () => {
  it("describes tables, columns, indexes, constraints and foreign keys from pg_catalog", async () => {
    const t = await makeTenant();
    await withShopTables(t.id);
    const s = await readTenantSchema(t.id, { ...all, exactCounts: true });
    expect(s.schema).toBe(t.schemaName);
    expect(s.tables.map((x) => x.name)).toEqual(expect.arrayContaining(["customers", "orders", "schema_migrations", "users", "documents"]));
    const orders = s.tables.find((x) => x.name === "orders")!;
    expect(orders.columns).toEqual([
      { name: "id", type: "uuid", nullable: false, default: "gen_random_uuid()", constraints: ["NOT NULL", "PRIMARY KEY"] },
      { name: "customer_id", type: "bigint", nullable: false, default: null, constraints: ["NOT NULL", "FOREIGN KEY"] },
      { name: "total", type: "numeric(12,2)", nullable: false, default: null, constraints: ["NOT NULL", "CHECK"] },
      { name: "placed_at", type: "timestamp with time zone", nullable: false, default: "now()", constraints: ["NOT NULL"] },
    ]);
    expect(orders.indexes).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ name: "orders_pkey", columns: ["id"], type: "primary_key", method: "btree", unique: true, primary: true }),
        expect.objectContaining({ name: "orders_customer_placed_idx", columns: ["customer_id", "placed_at"], type: "btree", unique: false, primary: false }),
        expect.objectContaining({ name: "orders_lower_idx", columns: ["(total::text)"], type: "hash" }),
      ]),
    );
    expect(orders.constraints?.map((c) => c.type).sort()).toEqual(["check", "foreign_key", "primary_key"]);
    expect(orders.row_count).toBe(200);
    expect(orders.row_count_exact).toBe(true);
    expect(orders.size_mb).toBeGreaterThan(0);
    const customers = s.tables.find((x) => x.name === "customers")!;
    expect(customers.columns[0]).toMatchObject({ name: "id", default: "generated always as identity" });
    expect(customers.columns[1]).toMatchObject({ name: "email", type: "character varying(255)", constraints: ["NOT NULL", "UNIQUE"] });
    expect(customers.columns[2]).toMatchObject({ name: 'Odd "Name"', default: "'x'::text", nullable: true });
    expect(s.foreign_keys).toContainEqual({
      name: "orders_customer_id_fkey",
      table: "orders",
      columns: ["customer_id"],
      references_table: "customers",
      references_columns: ["id"],
      on_delete: "cascade",
      on_update: "no action",
    });
    expect(s.total_foreign_keys).toBe(s.foreign_keys.length);
    expect(s.total_indexes).toBeGreaterThanOrEqual(5);
    expect(s.schema_size_mb).toBeGreaterThan(orders.size_mb);
  });

  it("estimates from statistics unless exact counts are asked for, and reports last_analyzed", async () => {
    const t = await makeTenant();
    await withShopTables(t.id);
    const before = (await readTenantSchema(t.id, { ...all, table: "orders" })).tables[0];
    expect(before.row_count_exact).toBe(false);
    expect(before.last_analyzed).toBeNull();
    await ownerQuery(`ANALYZE "${t.schemaName}".orders`);
    const after = (await readTenantSchema(t.id, { ...all, table: "orders" })).tables[0];
    expect(after.row_count).toBe(200);
    expect(after.last_analyzed).not.toBeNull();
  });

  it("never shows another tenant's tables, and 404s for a table that is only there", async () => {
    const [a, b] = await Promise.all([makeTenant(), makeTenant()]);
    const secret = uniq("only_in_b_");
    await withTenantDb(b.id, { as: "owner" }, (c) => c.query(`CREATE TABLE ${secret} (id int)`));
    const s = await readTenantSchema(a.id, all);
    expect(s.tables.map((x) => x.name)).not.toContain(secret);
    await expect(readTenantSchema(a.id, { ...all, table: secret })).rejects.toMatchObject({ code: "not_found", status: 404 });
    expect((await readTenantSchema(b.id, { ...all, table: secret })).tables).toHaveLength(1);
  });

  it("stays OID-filtered with many other schemas: the plan reads pg_class by namespace, and the time does not grow with them", async () => {
    const t = await makeTenant();
    await withShopTables(t.id);
    const time = async () => {
      const runs: number[] = [];
      for (let i = 0; i < 5; i++) {
        const started = performance.now();
        await readTenantSchema(t.id, all);
        runs.push(performance.now() - started);
      }
      return runs.sort((x, y) => x - y)[2];
    };
    const before = await time();
    const prefix = uniq("bulk_");
    const client = await ownerPool().connect();
    try {
      await client.query(`DO $$ BEGIN FOR i IN 1..200 LOOP
        EXECUTE format('CREATE SCHEMA %I', '${prefix}' || i);
        EXECUTE format('CREATE TABLE %I.a (id int PRIMARY KEY, v text UNIQUE, w int CHECK (w > 0))', '${prefix}' || i);
        EXECUTE format('CREATE TABLE %I.b (id int PRIMARY KEY REFERENCES %I.a(id), x jsonb)', '${prefix}' || i, '${prefix}' || i);
      END LOOP; END $$`);
      const after = await time();
      // A scan of every schema's objects would read ~200 × 8 more catalogue rows per query; an OID-filtered one reads the same.
      // Reported, not asserted as a time (the machine is shared): the plan below is the assertion.
      console.info(`readTenantSchema median: ${before.toFixed(1)} ms before, ${after.toFixed(1)} ms with 200 extra schemas (ratio ${(after / before).toFixed(2)})`);
      const plan = await withTenantDb(t.id, { as: "reader" }, async (c, ctx) => {
        const oid = (await c.query<{ oid: number }>("SELECT oid FROM pg_namespace WHERE nspname = $1", [ctx.schemaName])).rows[0].oid;
        const r = await c.query<{ "QUERY PLAN": string }>(
          "EXPLAIN SELECT c.relname FROM pg_catalog.pg_class c JOIN pg_catalog.pg_attribute a ON a.attrelid = c.oid WHERE c.relnamespace = $1 AND c.relkind IN ('r','p')",
          [oid],
        );
        return r.rows.map((x) => x["QUERY PLAN"]).join("\n");
      });
      expect(plan).toMatch(/relnamespace = /);
      expect(plan).toMatch(/Index (Only )?Scan using pg_attribute_relid_attnum_index/);
    } finally {
      await client.query(`DO $$ BEGIN FOR i IN 1..200 LOOP EXECUTE format('DROP SCHEMA %I CASCADE', '${prefix}' || i); END LOOP; END $$`);
      client.release();
    }
  });
});

describe("GET /api/v1/tenants/{id}/schema", () => {
  const get = (tenantId: string, key: string, query = "") =>
    callRoute<{ id: string }>(schemaRoute.GET, { method: "GET", key, path: `/api/v1/tenants/${tenantId}/schema${query}`, params: { id: tenantId } });

  it("answers seed 000's shape, with the parameters", async () => {
    const t = await makeTenant();
    await withShopTables(t.id);
    const key = await makeApiKey();
    const res = await get(t.id, key);
    expect(res.status).toBe(200);
    const data = (res.json as { data: TenantSchemaInfo }).data;
    expect(data.tables.find((x) => x.name === "orders")?.indexes?.length).toBe(3);
    const bare = (await get(t.id, key, "?table=orders&include_indexes=false&include_constraints=false&exact_counts=true")).json as { data: TenantSchemaInfo };
    expect(bare.data.tables).toHaveLength(1);
    expect(bare.data.tables[0]).not.toHaveProperty("indexes");
    expect(bare.data.tables[0]).not.toHaveProperty("constraints");
    expect(bare.data.tables[0]).toMatchObject({ row_count: 200, row_count_exact: true });
    expect(bare.data.foreign_keys).toEqual([]);
  });

  it("400 naming the bad parameter, 404 for an unknown table or tenant", async () => {
    const t = await makeTenant();
    const key = await makeApiKey();
    const bad = await get(t.id, key, "?include_indexes=maybe&bogus=1");
    expect(bad.status).toBe(400);
    const paths = ((bad.json as { error: { details: { path: string }[] } }).error.details ?? []).map((d) => d.path);
    expect(paths).toEqual(expect.arrayContaining(["include_indexes", "bogus"]));
    const missing = await get(t.id, key, "?table=nope");
    expect(missing.status).toBe(404);
    expect((missing.json as { error: { code: string } }).error.code).toBe("not_found");
    expect((await get("tnt_nope", key)).status).toBe(404);
  });

  it("needs data:read: a platform key without it gets 403", async () => {
    const t = await makeTenant();
    const key = await makeApiKey(["tenants:read"]);
    const res = await get(t.id, key);
    expect(res.status).toBe(403);
  });

  it("20 parallel requests: no 500", async () => {
    const t = await makeTenant();
    const key = await makeApiKey();
    const statuses = await Promise.all(Array.from({ length: 20 }, () => get(t.id, key, "?exact_counts=true").then((r) => r.status)));
    expect(statuses.filter((s) => s >= 500)).toEqual([]);
    expect(statuses.filter((s) => s === 200).length).toBeGreaterThan(0);
  });
});
