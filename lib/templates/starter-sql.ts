import { parseSync } from "libpg-query";
import { withTenantDb } from "@/lib/dataplane/with-tenant-db";
import { AppError } from "@/lib/http/errors";
import { checkTenantStatement, loadParser } from "@/lib/sql-console/check-statement";

export type StarterStatement = { index: number; text: string };

const FIELD = "definition.starter_sql";
const MAX_STATEMENTS = 500;
// The tenant's schema is not known when a template is saved: no schema name may qualify a table.
const NO_SCHEMA = "";

const excerpt = (text: string) => {
  const line = text.replace(/\s+/g, " ").trim();
  return line.length > 60 ? `${line.slice(0, 57)}…` : line;
};

function refuse(message: string): never {
  throw new AppError("invalid_request", `${FIELD}: ${message}`, [{ path: FIELD, message }]);
}

/**
 * Splits a template's starter SQL with PostgreSQL's own parser and checks each
 * statement with the SQL console's write checks (lib/sql-console/check-statement.ts):
 * one INSERT, UPDATE or DELETE on the tenant's own, unqualified tables, only
 * allow-listed functions, no DDL, COPY, SET, DO, CALL or transaction control.
 * A refusal is a 400 naming the statement (1-based) and what is wrong with it.
 */
export async function checkStarterSql(sql: string): Promise<StarterStatement[]> {
  await loadParser();
  let stmts: { stmt_location?: number; stmt_len?: number }[];
  try {
    stmts = (parseSync(sql) as { stmts?: { stmt_location?: number; stmt_len?: number }[] }).stmts ?? [];
  } catch (err) {
    const d = (err as { sqlDetails?: { message?: string; cursorPosition?: number } }).sqlDetails;
    const statement = sql.slice(0, d?.cursorPosition ?? 0).split(";").length;
    refuse(`statement ${statement}: syntax error: ${d?.message ?? (err as Error).message}`);
  }
  if (stmts.length > MAX_STATEMENTS) refuse(`at most ${MAX_STATEMENTS} statements`);
  const out: StarterStatement[] = [];
  for (const [i, s] of stmts.entries()) {
    const start = s.stmt_location ?? 0;
    const text = (s.stmt_len ? sql.slice(start, start + s.stmt_len) : sql.slice(start)).trim();
    if (!text) continue;
    try {
      await checkTenantStatement(text, { readOnly: false, schemaName: NO_SCHEMA });
    } catch (err) {
      if (!(err instanceof AppError)) throw err;
      refuse(`statement ${i + 1} (${excerpt(text)}): ${err.message}`);
    }
    out.push({ index: i + 1, text });
  }
  return out;
}

/**
 * Runs checked starter SQL in the tenant's schema, as the tenant's owner role
 * (the role its data and DDL run as), in one transaction: all rows or none.
 * Returns the rows the statements wrote.
 */
export async function runStarterSql(tenantId: string, sql: string): Promise<{ statements: number; rows: number }> {
  const statements = await checkStarterSql(sql);
  return withTenantDb(tenantId, { as: "owner", timeoutMs: 60_000 }, async (client) => {
    let rows = 0;
    for (const s of statements) {
      try {
        rows += (await client.query(s.text)).rowCount ?? 0;
      } catch (err) {
        throw new AppError("invalid_request", `Starter SQL statement ${s.index} (${excerpt(s.text)}) failed: ${(err as Error).message}`, [{ path: FIELD, message: `statement ${s.index}: ${(err as Error).message}` }]);
      }
    }
    return { statements: statements.length, rows };
  });
}
