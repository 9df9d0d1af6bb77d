import { loadModule, parseSync, scanSync } from "libpg-query";
import { AppError } from "@/lib/http/errors";
import type { SqlRejectionReason, SqlStatementKind } from "@/lib/schemas/sql-query";
import { ALLOWED_FUNCTIONS, REFUSED_TYPES } from "@/lib/sql-console/function-allowlist";

/**
 * Layer 1 of the SQL console's four (the others: the extended-query protocol,
 * a read-only transaction with a timeout, the tenant's own role — see
 * run-tenant-query.ts). PostgreSQL's own parser (libpg-query, WebAssembly)
 * turns the text into the tree the server would execute, and this walks every
 * node of it against an allowlist of node types: a construct nobody thought
 * about is refused, not passed. Comments, quoting and dollar-quoting cannot
 * hide anything, because the parser has already resolved them.
 */

export type CheckedStatement = {
  kind: SqlStatementKind;
  /** The highest `$n` the statement uses (0 for none). */
  maxParameter: number;
  /** A user-written EXPLAIN: its own output is the result, no second plan is taken. */
  isExplain: boolean;
};

export type CheckOptions = { readOnly: boolean; schemaName: string };

type Node = Record<string, unknown>;

class Rejection extends Error {
  constructor(
    readonly reason: SqlRejectionReason,
    message: string,
    readonly position: number,
  ) {
    super(message);
  }
}

export function rejection(reason: SqlRejectionReason, message: string, position: number): AppError {
  return new AppError("query_rejected", message, { reason, position: Math.max(0, position) });
}

// Node types a statement may contain; anything else (XML, SQL/JSON constructors, TABLESAMPLE, CURRENT OF…) is refused.
const EXPRESSION_NODES = new Set([
  "ResTarget", "ColumnRef", "A_Star", "String", "Integer", "Float", "Boolean", "BitString", "A_Const", "ParamRef", "A_Expr",
  "BoolExpr", "NullTest", "BooleanTest", "FuncCall", "TypeCast", "TypeName", "CaseExpr", "CaseWhen", "CoalesceExpr",
  "MinMaxExpr", "SubLink", "RowExpr", "A_ArrayExpr", "A_Indices", "A_Indirection", "RangeVar", "JoinExpr", "RangeSubselect",
  "RangeFunction", "WithClause", "CommonTableExpr", "CTESearchClause", "CTECycleClause", "SortBy", "WindowDef", "GroupingSet",
  "List", "CollateClause", "SQLValueFunction", "Alias", "GroupingFunc", "NamedArgExpr", "SelectStmt",
]);
const WRITE_NODES = new Set(["InsertStmt", "UpdateStmt", "DeleteStmt", "OnConflictClause", "InferClause", "IndexElem", "ReturningClause", "ReturningOption", "MultiAssignRef", "SetToDefault"]);

// Fields that hold a node's fields without the `{ Type: … }` wrapper.
const UNWRAPPED_FIELD_TYPES: Record<string, string> = {
  relation: "RangeVar",
  typeName: "TypeName",
  withClause: "WithClause",
  intoClause: "IntoClause",
  returningClause: "ReturningClause",
  onConflictClause: "OnConflictClause",
  infer: "InferClause",
  alias: "Alias",
  eref: "Alias",
};
// A_Const's literal payloads (`{ sval: { sval: "x" } }`): values, not nodes.
const LITERAL_FIELDS = new Set(["sval", "ival", "fval", "boolval", "bsval"]);

const DATE_TIME_VALUE_FUNCTIONS = new Set([
  "SVFOP_CURRENT_DATE", "SVFOP_CURRENT_TIME", "SVFOP_CURRENT_TIME_N", "SVFOP_CURRENT_TIMESTAMP", "SVFOP_CURRENT_TIMESTAMP_N",
  "SVFOP_LOCALTIME", "SVFOP_LOCALTIME_N", "SVFOP_LOCALTIMESTAMP", "SVFOP_LOCALTIMESTAMP_N",
]);
const EXPLAIN_OPTIONS = new Set(["analyze", "verbose", "costs", "buffers", "timing", "summary", "format", "wal", "memory", "serialize"]);

const names = (list: unknown): string[] => (Array.isArray(list) ? list.map((n) => ((n as { String?: { sval?: string } }).String?.sval ?? "")) : []);
const locationOf = (fields: Node, fallback: number): number => (typeof fields.location === "number" && fields.location >= 0 ? fields.location : fallback);
const displayName = (parts: string[]) => parts.map((p) => (/^[a-z_][a-z0-9_$]*$/.test(p) ? p : `"${p.replace(/"/g, '""')}"`)).join(".");

class Walker {
  maxParameter = 0;
  constructor(
    private readonly opts: CheckOptions,
    private readonly allowWrites: boolean,
    private readonly sql: string,
  ) {}

  walk(value: unknown, at: number, fieldName?: string): void {
    if (Array.isArray(value)) {
      for (const v of value) this.walk(v, at);
      return;
    }
    if (value === null || typeof value !== "object") return;
    const obj = value as Node;
    const keys = Object.keys(obj);
    if (fieldName && UNWRAPPED_FIELD_TYPES[fieldName]) return this.node(UNWRAPPED_FIELD_TYPES[fieldName], obj, at);
    if (keys.length === 1 && /^[A-Z]/.test(keys[0]) && obj[keys[0]] !== null && typeof obj[keys[0]] === "object") {
      return this.node(keys[0], obj[keys[0]] as Node, at);
    }
    this.fields(obj, at);
  }

  private fields(fields: Node, at: number): void {
    for (const [k, v] of Object.entries(fields)) if (!LITERAL_FIELDS.has(k)) this.walk(v, at, k);
  }

  private node(type: string, f: Node, inherited: number): void {
    const at = locationOf(f, inherited);
    if (!EXPRESSION_NODES.has(type) && !(this.allowWrites && WRITE_NODES.has(type))) {
      if (type === "IntoClause") throw new Rejection("select_into", "SELECT INTO creates a table; the console does not run DDL", at);
      if (type === "LockingClause") throw new Rejection("locking_clause", "Locking clauses (FOR UPDATE / FOR SHARE) are not allowed in the console", at);
      if (WRITE_NODES.has(type)) throw new Rejection("write_not_allowed_read_only", "Only SELECT-type statements may appear here", at);
      throw new Rejection("construct_not_allowed", `${type} is not supported in the SQL console`, at);
    }
    switch (type) {
      case "SelectStmt":
        if (f.intoClause) {
          const into = f.intoClause as { rel?: Node };
          throw new Rejection("select_into", "SELECT INTO creates a table; the console does not run DDL", locationOf(into.rel ?? {}, at));
        }
        if (Array.isArray(f.lockingClause) && f.lockingClause.length > 0) {
          throw new Rejection("locking_clause", "Locking clauses (FOR UPDATE / FOR SHARE / FOR NO KEY UPDATE / FOR KEY SHARE) are not allowed in the console", lockingPosition(this.sql, f, at));
        }
        break;
      case "CommonTableExpr": {
        const q = f.ctequery as Node | undefined;
        if (q && !("SelectStmt" in q)) throw new Rejection("data_modifying_cte", `WITH ${String(f.ctename)} AS (${Object.keys(q)[0]?.replace(/Stmt$/, "").toUpperCase()} …): data-modifying CTEs are not allowed`, at);
        break;
      }
      case "FuncCall":
        this.checkFunction(names(f.funcname), at);
        break;
      case "TypeName":
        this.checkType(names(f.names), at);
        break;
      case "RangeVar":
        this.checkRelation(f, at);
        break;
      case "ParamRef":
        if (typeof f.number === "number") this.maxParameter = Math.max(this.maxParameter, f.number);
        break;
      case "SQLValueFunction":
        if (!DATE_TIME_VALUE_FUNCTIONS.has(String(f.op))) {
          throw new Rejection("function_not_allowed", `${String(f.op).replace(/^SVFOP_/, "")} is not allowed in the console (it reveals session state)`, at);
        }
        break;
      case "A_Expr":
        this.checkOperator(names(f.name), at);
        break;
    }
    this.fields(f, at);
  }

  private checkFunction(parts: string[], at: number): void {
    const name = parts[parts.length - 1] ?? "";
    const schema = parts.length > 1 ? parts[parts.length - 2] : null;
    const schemaOk = schema === null || (schema === "pg_catalog" && parts.length === 2);
    if (!schemaOk || !ALLOWED_FUNCTIONS.has(name)) {
      throw new Rejection("function_not_allowed", `Function ${displayName(parts)} is not on the SQL console's allowlist`, at);
    }
  }

  private checkType(parts: string[], at: number): void {
    const name = parts[parts.length - 1] ?? "";
    const schema = parts.length > 1 ? parts[parts.length - 2] : null;
    if (parts.length > 2 || (schema !== null && schema !== "pg_catalog" && schema !== this.opts.schemaName) || REFUSED_TYPES.has(name) || name.startsWith("pg_")) {
      throw new Rejection("type_not_allowed", `Type ${displayName(parts)} is not allowed in the console (casting to it reads the system catalogue)`, at);
    }
  }

  private checkOperator(parts: string[], at: number): void {
    if (parts.length > 1 && parts[0] !== "pg_catalog" && parts[0] !== this.opts.schemaName) {
      throw new Rejection("function_not_allowed", `Operator ${displayName(parts)} is outside the tenant's schema`, at);
    }
  }

  /**
   * Tables only in the tenant's schema. An unqualified name resolves through
   * search_path = <tenant schema>, pg_catalog, and every relation of
   * pg_catalog is named pg_*: refusing that prefix (CTE names included, as a
   * CTE out of scope falls back to the same lookup) leaves only the tenant's
   * own tables; the tenant role's grants are the wall behind this one.
   */
  private checkRelation(f: Node, at: number): void {
    const rel = String(f.relname ?? "");
    const schema = typeof f.schemaname === "string" ? f.schemaname : null;
    const full = displayName([...(f.catalogname ? [String(f.catalogname)] : []), ...(schema ? [schema] : []), rel]);
    if (f.catalogname || (schema !== null && schema !== this.opts.schemaName)) {
      throw new Rejection("relation_not_allowed", `Relation ${full} is outside the tenant's schema; only its own tables can be queried`, at);
    }
    if (schema === null && rel.startsWith("pg_")) {
      throw new Rejection("relation_not_allowed", `Relation ${full} is a system catalogue; only the tenant's own tables can be queried`, at);
    }
  }
}

const LOCK_WORDS = new Set(["UPDATE", "SHARE", "NO", "KEY"]);

/** LockingClause carries no location: the `FOR` keyword (scanned, so not one in a string or comment) after the last node of the SELECT that has one. */
function lockingPosition(sql: string, f: Node, at: number): number {
  const json = JSON.stringify({ ...f, lockingClause: undefined });
  const after = Math.max(at, ...[...json.matchAll(/"location":(\d+)/g)].map((m) => Number(m[1])));
  const tokens = scanSync(sql).tokens;
  const i = tokens.findIndex((t, k) => t.start > after && t.text.toUpperCase() === "FOR" && LOCK_WORDS.has(tokens[k + 1]?.text.toUpperCase() ?? ""));
  return i >= 0 ? tokens[i].start : after;
}

let loaded: Promise<void> | null = null;
/** The WebAssembly module loads once per process. */
export function loadParser(): Promise<void> {
  loaded ??= loadModule();
  return loaded;
}

type RawStmt = { stmt?: Node; stmt_location?: number };

function parseOrReject(sql: string): RawStmt[] {
  try {
    return (parseSync(sql) as { stmts?: RawStmt[] }).stmts ?? [];
  } catch (err) {
    const d = (err as { sqlDetails?: { message?: string; cursorPosition?: number } }).sqlDetails;
    const message = d?.message ?? (err as Error).message;
    throw rejection("syntax_error", message.charAt(0).toUpperCase() + message.slice(1), d?.cursorPosition ?? 0);
  }
}

/**
 * Checks one console statement; throws `400 query_rejected` with
 * `details: { reason, position }` (0-based offset into `sql`) when it may not run.
 */
export async function checkTenantStatement(sql: string, opts: CheckOptions): Promise<CheckedStatement> {
  await loadParser();
  const stmts = parseOrReject(sql);
  if (stmts.length === 0 || !stmts[0].stmt) throw rejection("empty_statement", "There is no statement to run (only comments or semicolons)", 0);
  if (stmts.length > 1) {
    throw rejection("multiple_statements", "One statement per request: the console runs exactly one", stmts[1].stmt_location ?? 0);
  }
  const start = stmts[0].stmt_location ?? 0;
  const [type, fields] = Object.entries(stmts[0].stmt)[0] as [string, Node];
  try {
    return classify(sql, type, fields, start, opts);
  } catch (err) {
    if (err instanceof Rejection) throw rejection(err.reason, err.message, err.position);
    throw err;
  }
}

function classify(sql: string, type: string, fields: Node, start: number, opts: CheckOptions): CheckedStatement {
  const verb = statementVerb(type);
  if (opts.readOnly) {
    if (type === "SelectStmt") {
      const w = new Walker(opts, false, sql);
      w.walk({ SelectStmt: fields }, start);
      return { kind: fields.valuesLists ? "values" : "select", maxParameter: w.maxParameter, isExplain: false };
    }
    if (type === "ExplainStmt") {
      const query = fields.query as Node | undefined;
      if (!query || !("SelectStmt" in query)) throw new Rejection("statement_not_allowed", "EXPLAIN is allowed for SELECT statements only", start);
      for (const opt of (fields.options as { DefElem?: Node }[] | undefined) ?? []) {
        const name = String(opt.DefElem?.defname ?? "");
        if (!EXPLAIN_OPTIONS.has(name)) throw new Rejection("construct_not_allowed", `EXPLAIN option ${name.toUpperCase()} is not allowed`, locationOf(opt.DefElem ?? {}, start));
      }
      const w = new Walker(opts, false, sql);
      w.walk(query, start);
      return { kind: "explain", maxParameter: w.maxParameter, isExplain: true };
    }
    if (type === "InsertStmt" || type === "UpdateStmt" || type === "DeleteStmt") {
      throw new Rejection("write_not_allowed_read_only", `${verb} changes data: send it with "read_only": false (needs the data:write permission)`, start);
    }
    throw new Rejection("statement_not_allowed", `${verb} is not allowed: read-only queries are one SELECT, WITH … SELECT, VALUES or EXPLAIN SELECT`, start);
  }
  if (type === "InsertStmt" || type === "UpdateStmt" || type === "DeleteStmt") {
    const w = new Walker(opts, true, sql);
    w.walk({ [type]: fields }, start);
    return { kind: type === "InsertStmt" ? "insert" : type === "UpdateStmt" ? "update" : "delete", maxParameter: w.maxParameter, isExplain: false };
  }
  if (type === "SelectStmt" || type === "ExplainStmt") {
    throw new Rejection("statement_not_allowed", `"read_only": false is for one INSERT, UPDATE or DELETE; run ${verb} with "read_only": true`, start);
  }
  throw new Rejection("statement_not_allowed", `${verb} is not allowed: writes are one INSERT, UPDATE or DELETE on the tenant's tables (no DDL, COPY, SET, DO, CALL or transaction control)`, start);
}

/** `CreateStmt` → `CREATE`, `VariableSetStmt` → `SET`…, for messages. */
function statementVerb(type: string): string {
  const known: Record<string, string> = {
    SelectStmt: "SELECT", ExplainStmt: "EXPLAIN", InsertStmt: "INSERT", UpdateStmt: "UPDATE", DeleteStmt: "DELETE", MergeStmt: "MERGE",
    CopyStmt: "COPY", VariableSetStmt: "SET/RESET", VariableShowStmt: "SHOW", DoStmt: "DO", CallStmt: "CALL", TransactionStmt: "Transaction control",
    ListenStmt: "LISTEN", NotifyStmt: "NOTIFY", UnlistenStmt: "UNLISTEN", LockStmt: "LOCK", VacuumStmt: "VACUUM/ANALYZE", PrepareStmt: "PREPARE",
    ExecuteStmt: "EXECUTE", DeallocateStmt: "DEALLOCATE", TruncateStmt: "TRUNCATE", DeclareCursorStmt: "DECLARE CURSOR", FetchStmt: "FETCH",
    CreateStmt: "CREATE TABLE", DropStmt: "DROP", AlterTableStmt: "ALTER TABLE", GrantStmt: "GRANT", GrantRoleStmt: "GRANT role",
    CreateTableAsStmt: "CREATE TABLE AS", ViewStmt: "CREATE VIEW", CreateFunctionStmt: "CREATE FUNCTION", IndexStmt: "CREATE INDEX",
    DiscardStmt: "DISCARD", CheckPointStmt: "CHECKPOINT", LoadStmt: "LOAD", ReindexStmt: "REINDEX", ClusterStmt: "CLUSTER",
  };
  return known[type] ?? type.replace(/Stmt$/, "").replace(/([a-z])([A-Z])/g, "$1 $2").toUpperCase();
}
