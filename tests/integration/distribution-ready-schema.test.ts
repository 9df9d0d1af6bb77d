import { readFile } from "node:fs/promises";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { CONTROL_PLANE_TABLES, citusSetupSql, placementOf, type Placement } from "@/lib/db/distribution";
import { ownerQuery } from "../support/db";

// The control plane against Citus's rules for distributing by tenant, read from the live
// schema after every migration (lib/db/distribution.ts says where each table would go).

type Table = { name: string; oid: number; partitioned: boolean; parent: string | null };
type Index = { table: string; name: string; primary: boolean; columns: (string | null)[]; def: string };
type ForeignKey = { name: string; table: string; columns: string[]; ref_table: string; ref_columns: string[] };
type Column = { table: string; column: string; not_null: boolean; type: string };

let tables: Table[];
let indexes: Index[];
let foreignKeys: ForeignKey[];
let columns: Column[];
let partitionKeys: Map<string, string[]>;

beforeAll(async () => {
  tables = await ownerQuery<Table>(
    `SELECT c.relname AS name, c.oid::int AS oid, c.relkind = 'p' AS partitioned,
            (SELECT p.relname FROM pg_inherits i JOIN pg_class p ON p.oid = i.inhparent WHERE i.inhrelid = c.oid) AS parent
     FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
     WHERE n.nspname = 'public' AND c.relkind IN ('r', 'p') ORDER BY c.relname`,
  );
  // Key columns only (not INCLUDE ones); an expression's slot is null.
  indexes = await ownerQuery<Index>(
    `SELECT t.relname AS table, ic.relname AS name, i.indisprimary AS primary, pg_get_indexdef(i.indexrelid) AS def,
            array(SELECT a.attname FROM generate_subscripts(i.indkey, 1) AS k(pos)
                  LEFT JOIN pg_attribute a ON a.attrelid = t.oid AND a.attnum = i.indkey[k.pos]
                  WHERE k.pos < i.indnkeyatts ORDER BY k.pos)::text[] AS columns
     FROM pg_index i JOIN pg_class t ON t.oid = i.indrelid JOIN pg_class ic ON ic.oid = i.indexrelid
     JOIN pg_namespace n ON n.oid = t.relnamespace
     WHERE n.nspname = 'public' AND i.indisunique`,
  );
  foreignKeys = await ownerQuery<ForeignKey>(
    `SELECT co.conname AS name, t.relname AS table, r.relname AS ref_table,
            array(SELECT a.attname FROM unnest(co.conkey) WITH ORDINALITY AS k(att, ord) JOIN pg_attribute a ON a.attrelid = co.conrelid AND a.attnum = k.att ORDER BY k.ord)::text[] AS columns,
            array(SELECT a.attname FROM unnest(co.confkey) WITH ORDINALITY AS k(att, ord) JOIN pg_attribute a ON a.attrelid = co.confrelid AND a.attnum = k.att ORDER BY k.ord)::text[] AS ref_columns
     FROM pg_constraint co JOIN pg_class t ON t.oid = co.conrelid JOIN pg_class r ON r.oid = co.confrelid
     JOIN pg_namespace n ON n.oid = t.relnamespace
     WHERE n.nspname = 'public' AND co.contype = 'f' AND NOT t.relispartition AND co.conparentid = 0`,
  );
  columns = await ownerQuery<Column>(
    `SELECT c.relname AS table, a.attname AS column, a.attnotnull AS not_null, format_type(a.atttypid, a.atttypmod) AS type
     FROM pg_attribute a JOIN pg_class c ON c.oid = a.attrelid JOIN pg_namespace n ON n.oid = c.relnamespace
     WHERE n.nspname = 'public' AND c.relkind IN ('r', 'p') AND a.attnum > 0 AND NOT a.attisdropped`,
  );
  const parts = await ownerQuery<{ table: string; columns: string[] }>(
    `SELECT c.relname AS table, array(SELECT a.attname FROM unnest(p.partattrs::int2[]) WITH ORDINALITY AS k(att, ord) JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum = k.att ORDER BY k.ord)::text[] AS columns
     FROM pg_partitioned_table p JOIN pg_class c ON c.oid = p.partrelid JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = 'public'`,
  );
  partitionKeys = new Map(parts.map((p) => [p.table, p.columns]));
});

/** A partition is placed as its parent is. */
function placement(table: string): Placement | undefined {
  const t = tables.find((x) => x.name === table);
  return placementOf(t?.parent ?? table);
}

const distributed = () => CONTROL_PLANE_TABLES.filter((p): p is Extract<Placement, { kind: "distributed" }> => p.kind === "distributed");

/** Every distributed table and every partition of one, with its distribution column. */
function distributedRelations(): { table: string; column: string }[] {
  return tables.flatMap((t) => {
    const p = placement(t.name);
    return p?.kind === "distributed" ? [{ table: t.name, column: p.column }] : [];
  });
}

describe("the control plane is ready to be distributed by tenant (Citus)", () => {
  it("classifies every table of the public schema, and only tables that exist", () => {
    const unclassified = tables.filter((t) => !t.parent && !placementOf(t.name)).map((t) => t.name);
    expect(unclassified, "tables missing from lib/db/distribution.ts").toEqual([]);
    const stale = CONTROL_PLANE_TABLES.filter((p) => !tables.some((t) => t.name === p.table)).map((p) => p.table);
    expect(stale, "classified tables that do not exist").toEqual([]);
    const twice = CONTROL_PLANE_TABLES.map((p) => p.table).filter((name, i, all) => all.indexOf(name) !== i);
    expect(twice).toEqual([]);
    // The partitions of usage_events are part of what this test checks below.
    expect(tables.filter((t) => t.parent === "usage_events").length).toBeGreaterThan(0);
  });

  it("gives every distribution column NOT NULL and one type, so all distributed tables co-locate", () => {
    const problems: string[] = [];
    const types = new Set<string>();
    for (const { table, column } of distributedRelations()) {
      const col = columns.find((c) => c.table === table && c.column === column);
      if (!col) problems.push(`${table}: no column ${column}`);
      else {
        if (!col.not_null) problems.push(`${table}.${column} is nullable`);
        types.add(col.type);
      }
    }
    expect(problems).toEqual([]);
    expect([...types]).toEqual(["text"]);
  });

  it("has the distribution column in the primary key and in every unique index (partial and expression ones too)", () => {
    const problems: string[] = [];
    for (const { table, column } of distributedRelations()) {
      const own = indexes.filter((i) => i.table === table);
      if (!own.some((i) => i.primary)) problems.push(`${table}: no primary key`);
      for (const i of own) if (!i.columns.includes(column)) problems.push(`${table}: ${i.primary ? "primary key" : "unique index"} ${i.name} lacks ${column}: ${i.def}`);
    }
    expect(problems).toEqual([]);
  });

  it("keeps the partition key in the primary key of partitioned tables and their partitions", () => {
    expect([...partitionKeys.keys()]).toEqual(["usage_events"]);
    const problems: string[] = [];
    for (const t of tables) {
      const keys = partitionKeys.get(t.parent ?? t.name);
      if (!keys) continue;
      const pk = indexes.find((i) => i.table === t.name && i.primary);
      const dist = placement(t.name);
      const want = [...keys, ...(dist?.kind === "distributed" ? [dist.column] : [])];
      for (const c of want) if (!pk?.columns.includes(c)) problems.push(`${t.name}: primary key ${pk?.def ?? "(none)"} lacks ${c}`);
    }
    expect(problems).toEqual([]);
  });

  it("joins distributed tables only on the distribution column of both sides", () => {
    const problems: string[] = [];
    for (const fk of foreignKeys) {
      const from = placement(fk.table);
      const to = placement(fk.ref_table);
      if (from?.kind !== "distributed" || to?.kind !== "distributed") continue;
      const at = fk.columns.indexOf(from.column);
      if (at < 0 || fk.ref_columns[at] !== to.column) problems.push(`${fk.table}.${fk.name}: (${fk.columns}) → ${fk.ref_table}(${fk.ref_columns}) does not pair ${from.column} with ${to.column}`);
    }
    expect(problems).toEqual([]);
  });

  it("has no foreign key Citus refuses: reference → distributed or local, distributed ↔ local", () => {
    const allowed: Record<Placement["kind"], Placement["kind"][]> = {
      reference: ["reference"],
      distributed: ["distributed", "reference"],
      local: ["local", "reference"],
    };
    const problems = foreignKeys
      .filter((fk) => !allowed[placement(fk.table)!.kind].includes(placement(fk.ref_table)!.kind))
      .map((fk) => `${fk.table} (${placement(fk.table)!.kind}) → ${fk.ref_table} (${placement(fk.ref_table)!.kind}): ${fk.name}`);
    expect(problems).toEqual([]);
  });

  it("lists reference and distributed tables after the tables they reference (the order of the Citus calls)", () => {
    const order = new Map(CONTROL_PLANE_TABLES.map((p, i) => [p.table, i]));
    const problems: string[] = [];
    for (const fk of foreignKeys) {
      if (placement(fk.table)!.kind === "local" || fk.table === fk.ref_table) continue;
      // plan_catalogue and plan_versions reference each other (docs/scaling.md says how to convert them).
      if (foreignKeys.some((back) => back.table === fk.ref_table && back.ref_table === fk.table)) continue;
      if (order.get(fk.ref_table)! > order.get(fk.table)!) problems.push(`${fk.table} is listed before ${fk.ref_table}, which it references`);
    }
    expect(problems).toEqual([]);
    const kinds = CONTROL_PLANE_TABLES.map((p) => p.kind).filter((k, i, all) => k !== all[i - 1]);
    expect(kinds).toEqual(["reference", "distributed", "local"]);
  });

  it("docs/scaling.md shows the Citus calls this list makes", async () => {
    const doc = await readFile(path.join(process.cwd(), "docs", "scaling.md"), "utf8");
    expect(doc).toContain(citusSetupSql());
    for (const p of CONTROL_PLANE_TABLES) expect(doc, p.table).toContain(`\`${p.table}\``);
    expect(distributed()[0].table).toBe("memberships");
  });
});
