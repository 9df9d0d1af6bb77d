/**
 * PostgreSQL's 53300 (too_many_connections): a role's CONNECTION LIMIT, or the
 * server's max_connections, refused a new connection. Seen as pg's error, or
 * wrapped by Prisma's driver adapter (`cause`, `originalCode`, `meta.driverAdapterError`).
 */
export function isTooManyConnectionsError(err: unknown): boolean {
  const seen = new Set<unknown>();
  const visit = (e: unknown, depth: number): boolean => {
    if (!e || typeof e !== "object" || depth > 6 || seen.has(e)) return false;
    seen.add(e);
    const o = e as { code?: unknown; originalCode?: unknown; cause?: unknown; meta?: { driverAdapterError?: unknown }; message?: unknown };
    if (o.code === "53300" || o.originalCode === "53300") return true;
    if (typeof o.message === "string" && /too many connections for role|sorry, too many clients already/.test(o.message)) return true;
    return visit(o.cause, depth + 1) || visit(o.meta?.driverAdapterError, depth + 1);
  };
  return visit(err, 0);
}
