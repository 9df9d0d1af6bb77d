// The data plane's read costs with 1,000 tenant schemas in the database
// (issue 12 §2; `npm run bench:schema`, own embedded PostgreSQL):
// - readTenantSchema (GET …/schema, every section) for one tenant: catalogue
//   queries filtered by the schema's OID, as the tenant's reader role;
// - the same tenant's columns from information_schema.columns, as the same
//   role: the unfiltered-catalogue shape the issue warns about;
// - withTenantDb's own cost: `SELECT 1` through it (BEGIN + SET LOCAL role,
//   search_path, timeouts + COMMIT on the tenant's pool) against `SELECT 1`
//   on a plain pooled connection.
import { fileURLToPath } from "node:url";

export type SchemaBench = {
  schemas: number;
  read_tenant_schema_p50_ms: number;
  information_schema_columns_p50_ms: number;
  with_tenant_db_select1_p50_ms: number;
  raw_pool_select1_p50_ms: number;
  runs_each: number;
};

const SCHEMAS = 1_000;
const RUNS = 60;

const pct = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return Math.round(s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))] * 100) / 100;
};

async function timed(runs: number, fn: () => Promise<unknown>): Promise<number[]> {
  for (let i = 0; i < 5; i++) await fn();
  const out: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t = process.hrtime.bigint();
    await fn();
    out.push(Number(process.hrtime.bigint() - t) / 1e6);
  }
  return out;
}

export async function benchTenantSchema(databaseUrl: string, log: (m: string) => void = console.log): Promise<SchemaBench> {
  process.env.DATABASE_URL = databaseUrl;
  process.env.NEXTAUTH_SECRET ??= "bench-secret-0123456789abcdef0123456789";
  const { ownerPool, closePools } = await import("@/lib/db/pools");
  const { readTenantSchema } = await import("@/lib/dataplane/read-tenant-schema");
  const { withTenantDb } = await import("@/lib/dataplane/with-tenant-db");
  try {
    log(`creating ${SCHEMAS} tenant schemas (3 tables each, keys and indexes)…`);
    await ownerPool().query(
      `INSERT INTO tenants (id, name, slug, schema_name, plan, status)
       SELECT 'tenant_sb' || lpad(i::text, 6, '0'), 'Bench ' || i, 'sb-' || i, 'sb_' || i, 'professional', 'active' FROM generate_series(1, $1) AS i`,
      [SCHEMAS],
    );
    await ownerPool().query(`DO $$ BEGIN FOR i IN 1..${SCHEMAS} LOOP
      EXECUTE format('CREATE SCHEMA %I', 'sb_' || i);
      EXECUTE format('CREATE TABLE %I.users (id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY, email text NOT NULL UNIQUE, name text)', 'sb_' || i);
      EXECUTE format('CREATE TABLE %I.documents (id bigint PRIMARY KEY, owner_id bigint REFERENCES %I.users(id), title text NOT NULL, body text, created_at timestamptz DEFAULT now())', 'sb_' || i, 'sb_' || i);
      EXECUTE format('CREATE INDEX ON %I.documents (owner_id, created_at)', 'sb_' || i);
      EXECUTE format('CREATE TABLE %I.activity (id bigint PRIMARY KEY, doc_id bigint REFERENCES %I.documents(id), action text NOT NULL CHECK (action <> ''''))', 'sb_' || i, 'sb_' || i);
    END LOOP; END $$`);
    const id = "tenant_sb000500";
    await ownerPool().query("SELECT atrium_sync_tenant_db_role($1)", [id]);
    log("measuring…");
    const opts = { includeIndexes: true, includeConstraints: true, exactCounts: false };
    const schema = await timed(RUNS, () => readTenantSchema(id, opts));
    const info = await timed(RUNS, () =>
      withTenantDb(id, { as: "reader" }, (c, ctx) => c.query("SELECT table_name, column_name, data_type, is_nullable, column_default FROM information_schema.columns WHERE table_schema = $1", [ctx.schemaName])),
    );
    const through = await timed(RUNS * 5, () => withTenantDb(id, { as: "reader" }, (c) => c.query("SELECT 1")));
    const raw = await timed(RUNS * 5, () => ownerPool().query("SELECT 1"));
    return {
      schemas: SCHEMAS,
      read_tenant_schema_p50_ms: pct(schema, 50),
      information_schema_columns_p50_ms: pct(info, 50),
      with_tenant_db_select1_p50_ms: pct(through, 50),
      raw_pool_select1_p50_ms: pct(raw, 50),
      runs_each: RUNS,
    };
  } finally {
    await closePools();
  }
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const { openDatabase } = await import("../scripts/lib/database");
  const { migrate } = await import("@/lib/db/migrate");
  const port = Number(process.env.BENCH_PG_PORT ?? 54373);
  const db = await openDatabase({ dir: `.data/pg-bench-schema-${port}`, port, database: "atrium_bench_schema", fresh: true });
  try {
    await migrate(db.url);
    const b = await benchTenantSchema(db.url);
    console.log(
      `\n${b.schemas} schemas: readTenantSchema p50 ${b.read_tenant_schema_p50_ms} ms; information_schema.columns for the same schema p50 ${b.information_schema_columns_p50_ms} ms; ` +
        `SELECT 1 through withTenantDb p50 ${b.with_tenant_db_select1_p50_ms} ms vs a plain pooled connection ${b.raw_pool_select1_p50_ms} ms`,
    );
    console.log(JSON.stringify(b));
  } finally {
    await db.stop();
  }
}
