import { AppError, asAppError } from "@/lib/http/errors";

// SQLSTATE classes a console statement causes by what it says (not by our fault): feature not supported, cardinality,
// data exceptions, integrity violations, invalid transaction state (a write in a read-only transaction), SQL routine,
// syntax/undefined objects, WITH CHECK OPTION, program limits, object state (lock not available).
const STATEMENT_FAULT_CLASSES = new Set(["0A", "21", "22", "23", "25", "2F", "42", "44", "54", "55"]);

type PgError = Error & { code?: string; position?: string; severity?: string };

/**
 * What a failed console statement answers: AppErrors as they are (rejections,
 * query_timeout, schema_access_denied…), PostgreSQL's refusals of the statement
 * as `400 query_failed` with its message, SQLSTATE and 0-based position; null
 * for anything else (a 500: it is ours, not the statement's).
 */
export function asQueryFailure(err: unknown): AppError | null {
  const known = asAppError(err);
  if (known) return known;
  const e = err as PgError | null;
  if (!e || typeof e.code !== "string" || typeof e.severity !== "string") return null;
  if (e.code === "40001" || e.code === "40P01") return new AppError("concurrent_update", `${e.message}; send it again`, { sqlstate: e.code });
  if (!STATEMENT_FAULT_CLASSES.has(e.code.slice(0, 2))) return null;
  const position = e.position ? Number(e.position) - 1 : undefined;
  return new AppError("query_failed", e.message.charAt(0).toUpperCase() + e.message.slice(1), {
    reason: "execution_error",
    sqlstate: e.code,
    ...(position !== undefined && Number.isFinite(position) ? { position } : {}),
  });
}
