import { readFile } from "node:fs/promises";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { ownerQuery } from "../support/db";

// prisma/schema.prisma must describe exactly the tables and columns the SQL
// migrations create (the SQL is the source of truth; `prisma migrate` never runs).

type Field = { name: string; column: string; type: string; list: boolean; optional: boolean; nativeType: string | null; nativeArgs: string | null; isId: boolean; isUnique: boolean };
type Model = { name: string; table: string; fields: Field[]; compoundId: string[] | null };

const SCALARS = new Set(["String", "Int", "BigInt", "Float", "Decimal", "Boolean", "DateTime", "Json", "Bytes"]);

/** A small parser for the subset of the Prisma schema language this project uses. */
function parsePrismaSchema(source: string): Model[] {
  const text = source.replace(/\/\/.*$/gm, "");
  const models: Model[] = [];
  for (const m of text.matchAll(/^model\s+(\w+)\s*\{([\s\S]*?)^\}/gm)) {
    const [, name, body] = m;
    const model: Model = { name, table: name, fields: [], compoundId: null };
    for (const raw of body.split("\n")) {
      const line = raw.trim();
      if (!line) continue;
      if (line.startsWith("@@")) {
        const map = line.match(/^@@map\(\s*"([^"]+)"\s*\)/);
        if (map) model.table = map[1];
        const id = line.match(/^@@id\(\s*\[([^\]]*)\]/);
        if (id) model.compoundId = id[1].split(",").map((s) => s.trim());
        continue;
      }
      const f = line.match(/^(\w+)\s+(\w+)(\[\])?(\?)?\s*(.*)$/);
      if (!f) throw new Error(`Cannot parse line in model ${name}: ${line}`);
      const [, fieldName, type, list, optional, attrs] = f;
      if (!SCALARS.has(type)) continue; // relation fields have no column
      const native = attrs.match(/@db\.(\w+)(?:\(([^)]*)\))?/);
      model.fields.push({
        name: fieldName,
        column: attrs.match(/@map\(\s*"([^"]+)"\s*\)/)?.[1] ?? fieldName,
        type,
        list: Boolean(list),
        optional: Boolean(optional),
        nativeType: native?.[1] ?? null,
        nativeArgs: native?.[2] ?? null,
        isId: /@id\b/.test(attrs),
        isUnique: /@unique\b/.test(attrs),
      });
    }
    models.push(model);
  }
  return models;
}

/** What PostgreSQL reports in information_schema.columns for a Prisma field. */
function expectedColumnType(f: Field): { data_type: string; udt_name?: string; precision?: number } {
  if (f.list) return { data_type: "ARRAY", udt_name: `_${expectedColumnType({ ...f, list: false }).udt_name}` };
  switch (f.type) {
    case "String":
      if (f.nativeType === "VarChar") return { data_type: "character varying", udt_name: "varchar" };
      if (f.nativeType === "Uuid") return { data_type: "uuid", udt_name: "uuid" };
      return { data_type: "text", udt_name: "text" };
    case "Int":
      return { data_type: "integer", udt_name: "int4" };
    case "BigInt":
      return { data_type: "bigint", udt_name: "int8" };
    case "Float":
      return { data_type: "double precision", udt_name: "float8" };
    case "Boolean":
      return { data_type: "boolean", udt_name: "bool" };
    case "Decimal":
      return { data_type: "numeric", udt_name: "numeric" };
    case "Bytes":
      return { data_type: "bytea", udt_name: "bytea" };
    case "Json":
      return f.nativeType === "Json" ? { data_type: "json", udt_name: "json" } : { data_type: "jsonb", udt_name: "jsonb" };
    case "DateTime": {
      const precision = f.nativeArgs ? Number(f.nativeArgs) : f.nativeType === "Date" ? 0 : 3;
      if (f.nativeType === "Date") return { data_type: "date", udt_name: "date", precision };
      if (f.nativeType === "Timestamptz") return { data_type: "timestamp with time zone", udt_name: "timestamptz", precision };
      // Prisma's default for DateTime on PostgreSQL is timestamp(3) without time zone.
      return { data_type: "timestamp without time zone", udt_name: "timestamp", precision };
    }
    default:
      throw new Error(`No mapping for ${f.type}`);
  }
}

type DbColumn = { table_name: string; column_name: string; data_type: string; udt_name: string; is_nullable: "YES" | "NO"; datetime_precision: number | null };

let models: Model[];
let columns: DbColumn[];
let tables: string[];

beforeAll(async () => {
  models = parsePrismaSchema(await readFile(path.join(process.cwd(), "prisma", "schema.prisma"), "utf8"));
  columns = await ownerQuery<DbColumn>(
    `SELECT table_name, column_name, data_type, udt_name, is_nullable, datetime_precision
     FROM information_schema.columns WHERE table_schema = 'public' ORDER BY table_name, ordinal_position`,
  );
  tables = (await ownerQuery<{ table_name: string }>(// A partition (usage_events_p20261206) is part of its parent's model, not a table of its own.
    "SELECT table_name FROM information_schema.tables t WHERE table_schema = 'public' AND table_type = 'BASE TABLE' AND NOT EXISTS (SELECT 1 FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = 'public' AND c.relname = t.table_name AND c.relispartition)")).map(
    (r) => r.table_name,
  );
});

describe("schema.prisma agrees with the SQL migrations", () => {
  it("the parser reads every model of the schema", () => {
    expect(models.map((m) => m.name).sort()).toEqual(["ApiKey", "ApiKeyIp", "ApiRateLimit", "AuditChainHead", "AuditCheckpoint", "AuditEvent", "AuthSession", "AuthToken", "BillingPendingCharge", "Broadcast", "BulkOperation", "BulkOperationItem", "IdempotencyKey", "ImpersonationGrant", "Invoice", "InvoiceLineItem", "MailOutbox", "Membership", "Notification", "NotificationRecipient", "PlanCatalogue", "PlanVersion", "RateLimitBucket", "SignInLocation", "Tenant", "TenantAlertThreshold", "TenantAsset", "TenantBackup", "TenantBrandingVersion", "TenantDbRole", "TenantDomain", "TenantEmailDomain", "TenantEnforcement", "TenantExport", "TenantHealth", "TenantHealthDaily", "TenantInvitation", "TenantLimitAlert", "TenantMigrationRun", "TenantMigrationRunItem", "TenantNotice", "TenantRestore", "TenantRole", "TenantScaling", "TenantSecurityPolicy", "TenantSsoConnection", "TenantSubscription", "TenantTemplate", "TenantTemplateVersion", "TenantUsageDaily", "UsageDailyUser", "UsageEvent", "UsageEventKey", "UsageGaugeLatest", "UsageRollupHourly", "User", "UserPasskey", "UserRecoveryCode", "UserTotpFactor", "WebhookAttempt", "WebhookEndpoint", "WebhookMessage"]);
    const apiKey = models.find((m) => m.name === "ApiKey")!;
    expect(apiKey.fields.find((f) => f.name === "permissions")).toMatchObject({ type: "String", list: true, optional: false });
    expect(apiKey.fields.find((f) => f.name === "keyHash")).toMatchObject({ column: "key_hash", isUnique: true });
  });

  it("every model maps to a table", () => {
    for (const m of models) expect(tables, `model ${m.name}`).toContain(m.table);
  });

  it("every scalar field maps to a column of a compatible type and the same nullability", () => {
    const problems: string[] = [];
    for (const m of models) {
      for (const f of m.fields) {
        const col = columns.find((c) => c.table_name === m.table && c.column_name === f.column);
        if (!col) {
          problems.push(`${m.name}.${f.name}: no column ${m.table}.${f.column}`);
          continue;
        }
        const want = expectedColumnType(f);
        if (col.data_type !== want.data_type) problems.push(`${m.name}.${f.name}: ${col.data_type} in the database, ${want.data_type} expected`);
        if (want.udt_name && col.udt_name !== want.udt_name) problems.push(`${m.name}.${f.name}: element type ${col.udt_name}, ${want.udt_name} expected`);
        if (want.precision !== undefined && col.datetime_precision !== want.precision) problems.push(`${m.name}.${f.name}: precision ${col.datetime_precision}, ${want.precision} expected`);
        const nullable = col.is_nullable === "YES";
        if (nullable !== f.optional) problems.push(`${m.name}.${f.name}: ${nullable ? "nullable" : "NOT NULL"} in the database but ${f.optional ? "optional" : "required"} in the schema`);
      }
    }
    expect(problems).toEqual([]);
  });

  it("every table and column in the database is in the schema (except _prisma_migrations)", () => {
    const known = new Map(models.map((m) => [m.table, new Set(m.fields.map((f) => f.column))]));
    const extra: string[] = [];
    for (const t of tables) if (t !== "_prisma_migrations" && !known.has(t)) extra.push(`table ${t}`);
    for (const c of columns) {
      if (c.table_name === "_prisma_migrations" || !known.has(c.table_name)) continue;
      if (!known.get(c.table_name)!.has(c.column_name)) extra.push(`column ${c.table_name}.${c.column_name}`);
    }
    expect(extra).toEqual([]);
  });

  it("primary keys and single-column unique indexes agree", async () => {
    const keys = await ownerQuery<{ table_name: string; primary: boolean; unique: boolean; columns: string[] }>(
      `SELECT t.relname AS table_name, i.indisprimary AS primary, i.indisunique AS unique,
              array_agg(a.attname ORDER BY k.ord)::text[] AS columns
       FROM pg_index i
       JOIN pg_class t ON t.oid = i.indrelid
       JOIN pg_namespace n ON n.oid = t.relnamespace AND n.nspname = 'public'
       CROSS JOIN LATERAL unnest(i.indkey) WITH ORDINALITY AS k(attnum, ord)
       JOIN pg_attribute a ON a.attrelid = t.oid AND a.attnum = k.attnum
       WHERE i.indisunique AND i.indexprs IS NULL AND i.indpred IS NULL
       GROUP BY t.relname, i.indexrelid, i.indisprimary, i.indisunique`,
    );
    for (const m of models) {
      const pk = keys.find((k) => k.table_name === m.table && k.primary);
      const col = (name: string) => m.fields.find((f) => f.name === name)!.column;
      const wantPk = m.compoundId ? m.compoundId.map(col) : m.fields.filter((f) => f.isId).map((f) => f.column);
      expect(pk?.columns, `primary key of ${m.table}`).toEqual(wantPk);
      const dbUnique = keys.filter((k) => k.table_name === m.table && !k.primary && k.columns.length === 1).map((k) => k.columns[0]).sort();
      expect(dbUnique, `unique columns of ${m.table}`).toEqual(m.fields.filter((f) => f.isUnique).map((f) => f.column).sort());
    }
  });

  it("the generated client (lib/generated/prisma) was generated from this schema", async () => {
    const source = await readFile(path.join(process.cwd(), "lib", "generated", "prisma", "internal", "class.ts"), "utf8");
    const json = source.match(/config\.runtimeDataModel = JSON\.parse\(("(?:[^"\\]|\\.)*")\)/);
    expect(json, "runtimeDataModel in the generated client").not.toBeNull();
    const generated = JSON.parse(JSON.parse(json![1])) as { models: Record<string, { dbName: string | null; fields: { name: string; kind: string; type: string; dbName?: string }[] }> };
    expect(Object.keys(generated.models).sort()).toEqual(models.map((m) => m.name).sort());
    for (const m of models) {
      const g = generated.models[m.name];
      expect(g.dbName ?? m.name, m.name).toBe(m.table);
      const scalars = g.fields.filter((f) => f.kind === "scalar").map((f) => ({ name: f.name, column: f.dbName ?? f.name, type: f.type }));
      expect(scalars, m.name).toEqual(m.fields.map((f) => ({ name: f.name, column: f.column, type: f.type })));
    }
  });
});
