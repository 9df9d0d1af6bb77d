import type pg from "pg";
import { ownerPool } from "@/lib/db/pools";
import { withPlatformScope } from "@/lib/db/scope";
import { quoteIdent as q } from "@/lib/db/quote-ident";

/**
 * A tenant schema's DDL read from pg_catalog (filtered by the schema's OID
 * first: a catalogue scan across a thousand tenant schemas is slow), in the
 * phases a restore applies them: sequences and tables first (no constraints,
 * so COPY loads fast and in any order), then primary keys, unique and check
 * constraints, then indexes, then foreign keys, then sequence positions.
 *
 * Names are printed unqualified (search_path is the schema itself while the
 * catalogue is read), so the same DDL can build the schema under another
 * name. What it covers: tables, columns (types, defaults, identity, generated,
 * NOT NULL), constraints, indexes, sequences. Views, functions, triggers and
 * types of the tenant's own are not dumped; tenant migrations create none today.
 */
export type TableDdl = {
  name: string;
  /** Columns COPY reads and writes (generated columns excluded), in order. */
  columns: { name: string; type: string }[];
  timestamp_columns: string[];
};
/** One statement, with the table it belongs to (and for a foreign key the table it references), so a selective restore can leave out what it does not load. */
export type DdlStatement = { sql: string; table?: string; references?: string };
export type SchemaDdl = {
  schema_name: string;
  tables: TableDdl[];
  sequences: string[];
  create_tables: DdlStatement[];
  constraints: DdlStatement[];
  indexes: DdlStatement[];
  foreign_keys: DdlStatement[];
  /** setval(...) statements for every sequence, identity ones included, at the dump's snapshot. */
  sequence_values: string[];
};

const lit = (s: string) => `'${s.replace(/'/g, "''")}'`;

/** Reads the DDL with `client`, which must be inside a transaction (SET LOCAL). */
export async function readSchemaDdl(client: pg.ClientBase, schemaName: string): Promise<SchemaDdl> {
  const ns = await client.query<{ oid: number }>("SELECT oid FROM pg_catalog.pg_namespace WHERE nspname = $1", [schemaName]);
  if (!ns.rows[0]) throw new Error(`schema ${schemaName} does not exist`);
  const oid = ns.rows[0].oid;
  await client.query(`SET LOCAL search_path TO ${q(schemaName)}, pg_catalog`);
  const qi = (await client.query<{ qi: string }>("SELECT pg_catalog.quote_ident($1) AS qi", [schemaName])).rows[0].qi;

  const seqs = await client.query<{ name: string; def: string; identity: boolean; oid: number }>(
    `SELECT c.relname AS name, c.oid::int AS oid,
            EXISTS (SELECT 1 FROM pg_catalog.pg_depend d WHERE d.objid = c.oid AND d.deptype = 'i') AS identity,
            format('CREATE SEQUENCE %I AS %s INCREMENT BY %s MINVALUE %s MAXVALUE %s START WITH %s CACHE %s%s', c.relname,
                   pg_catalog.format_type(s.seqtypid, NULL), s.seqincrement, s.seqmin, s.seqmax, s.seqstart, s.seqcache,
                   CASE WHEN s.seqcycle THEN ' CYCLE' ELSE '' END) AS def
       FROM pg_catalog.pg_class c JOIN pg_catalog.pg_sequence s ON s.seqrelid = c.oid
      WHERE c.relnamespace = $1 AND c.relkind = 'S' ORDER BY c.relname`,
    [oid],
  );
  const cols = await client.query<{ table: string; name: string; type: string; notnull: boolean; def: string | null; identity: string; generated: string }>(
    `SELECT c.relname AS table, a.attname AS name, pg_catalog.format_type(a.atttypid, a.atttypmod) AS type, a.attnotnull AS notnull,
            pg_catalog.pg_get_expr(d.adbin, d.adrelid) AS def, a.attidentity AS identity, a.attgenerated AS generated
       FROM pg_catalog.pg_class c
       JOIN pg_catalog.pg_attribute a ON a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped
       LEFT JOIN pg_catalog.pg_attrdef d ON d.adrelid = c.oid AND d.adnum = a.attnum
      WHERE c.relnamespace = $1 AND c.relkind = 'r'
      ORDER BY c.relname, a.attnum`,
    [oid],
  );
  const cons = await client.query<{ table: string; name: string; type: string; def: string; references: string | null }>(
    `SELECT c.relname AS table, k.conname AS name, k.contype::text AS type, pg_catalog.pg_get_constraintdef(k.oid) AS def, r.relname AS references
       FROM pg_catalog.pg_constraint k JOIN pg_catalog.pg_class c ON c.oid = k.conrelid LEFT JOIN pg_catalog.pg_class r ON r.oid = k.confrelid
      WHERE c.relnamespace = $1 AND c.relkind = 'r' AND k.contype IN ('p', 'u', 'c', 'x', 'f')
      ORDER BY c.relname, k.contype = 'f', k.conname`,
    [oid],
  );
  const idx = await client.query<{ def: string; table: string }>(
    `SELECT pg_catalog.pg_get_indexdef(i.indexrelid) AS def, c.relname AS table
       FROM pg_catalog.pg_index i JOIN pg_catalog.pg_class c ON c.oid = i.indrelid JOIN pg_catalog.pg_class ic ON ic.oid = i.indexrelid
      WHERE c.relnamespace = $1 AND c.relkind = 'r'
        AND NOT EXISTS (SELECT 1 FROM pg_catalog.pg_constraint k WHERE k.conindid = i.indexrelid AND k.conrelid = i.indrelid)
      ORDER BY ic.relname`,
    [oid],
  );

  const tables = new Map<string, { lines: string[]; table: TableDdl }>();
  for (const c of cols.rows) {
    let t = tables.get(c.table);
    if (!t) tables.set(c.table, (t = { lines: [], table: { name: c.table, columns: [], timestamp_columns: [] } }));
    let line = `${q(c.name)} ${c.type}`;
    if (c.generated === "s") line += ` GENERATED ALWAYS AS (${c.def}) STORED`;
    else if (c.identity) line += ` GENERATED ${c.identity === "a" ? "ALWAYS" : "BY DEFAULT"} AS IDENTITY`;
    else if (c.def !== null) line += ` DEFAULT ${c.def}`;
    if (c.notnull) line += " NOT NULL";
    t.lines.push(line);
    if (c.generated !== "s") t.table.columns.push({ name: c.name, type: c.type });
    if (/^timestamp/.test(c.type) || c.type === "date") t.table.timestamp_columns.push(c.name);
  }

  const sequenceValues: string[] = [];
  for (const s of seqs.rows) {
    const v = await client.query<{ last_value: string; is_called: boolean }>(`SELECT last_value::text, is_called FROM ${q(schemaName)}.${q(s.name)}`);
    sequenceValues.push(`SELECT pg_catalog.setval(${lit(q(s.name))}, ${v.rows[0].last_value}, ${v.rows[0].is_called})`);
  }
  // Identity sequences are created with their column; their name follows the table's, so set them by the column.
  for (const s of seqs.rows.filter((x) => x.identity)) {
    const owner = await client.query<{ table: string; column: string }>(
      `SELECT c.relname AS table, a.attname AS column FROM pg_catalog.pg_depend d
         JOIN pg_catalog.pg_class c ON c.oid = d.refobjid JOIN pg_catalog.pg_attribute a ON a.attrelid = d.refobjid AND a.attnum = d.refobjsubid
        WHERE d.objid = $1 AND d.deptype = 'i'`,
      [s.oid],
    );
    const i = sequenceValues.findIndex((x) => x.includes(lit(q(s.name))));
    if (owner.rows[0] && i >= 0) sequenceValues[i] = sequenceValues[i].replace(lit(q(s.name)), `pg_catalog.pg_get_serial_sequence(${lit(q(owner.rows[0].table))}, ${lit(owner.rows[0].column)})`);
  }

  return {
    schema_name: schemaName,
    tables: [...tables.values()].map((t) => t.table),
    sequences: seqs.rows.filter((s) => !s.identity).map((s) => s.def),
    create_tables: [...tables.values()].map((t) => ({ table: t.table.name, sql: `CREATE TABLE ${q(t.table.name)} (\n  ${t.lines.join(",\n  ")}\n)` })),
    constraints: cons.rows.filter((c) => c.type !== "f").map((c) => ({ table: c.table, sql: `ALTER TABLE ${q(c.table)} ADD CONSTRAINT ${q(c.name)} ${c.def}` })),
    // pg_get_indexdef qualifies the table with its schema whatever search_path says: drop that qualifier.
    indexes: idx.rows.map((r) => ({ table: r.table, sql: r.def.replace(` ON ${qi}.`, " ON ").replace(` ON ONLY ${qi}.`, " ON ONLY ") })),
    foreign_keys: cons.rows.filter((c) => c.type === "f").map((c) => ({ table: c.table, references: c.references ?? undefined, sql: `ALTER TABLE ${q(c.table)} ADD CONSTRAINT ${q(c.name)} ${c.def}` })),
    sequence_values: sequenceValues,
  };
}

/** The statements in the order they build the schema (search_path set to the target schema). */
export function ddlStatements(ddl: SchemaDdl, phases: ("sequences" | "create_tables" | "constraints" | "indexes" | "foreign_keys" | "sequence_values")[]): string[] {
  return phases.flatMap((p) => ddl[p].map((s) => (typeof s === "string" ? s : s.sql)));
}

/** DDL of a tenant's live schema as one SQL script (exports, the Database tab), read in its own read-only transaction. */
export async function dumpTenantSchemaDdl(tenantId: string): Promise<{ schema_name: string; ddl: SchemaDdl; sql: string }> {
  const tenant = await withPlatformScope((tx) => tx.tenant.findUnique({ where: { id: tenantId }, select: { schemaName: true } }));
  if (!tenant) throw new Error(`tenant ${tenantId} not found`);
  const client = await ownerPool().connect();
  try {
    await client.query("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY");
    const ddl = await readSchemaDdl(client, tenant.schemaName);
    await client.query("COMMIT");
    const sql = ddlStatements(ddl, ["sequences", "create_tables", "constraints", "indexes", "foreign_keys"]).map((s) => `${s};\n`).join("\n");
    return { schema_name: tenant.schemaName, ddl, sql };
  } catch (err) {
    await client.query("ROLLBACK").catch(() => undefined);
    throw err;
  } finally {
    client.release();
  }
}
