/**
 * An error that means "no database connection could be had in time", not a
 * fault: Prisma's P2028 (a transaction's maxWait passed before the pool gave it
 * a connection), P2024 (its own pool timeout) and node-postgres's timeouts
 * (waiting for a pool slot, or for a new connection to be established).
 * Under overload these are the answers that time out first; a 503 with
 * Retry-After tells a client and a load balancer to come back, a 500 does not.
 */
export function isDatabaseBusyError(err: unknown): boolean {
  if (!err || typeof err !== "object") return false;
  const code = (err as { code?: unknown }).code;
  if (code === "P2028" || code === "P2024") return true;
  const message = (err as { message?: unknown }).message;
  return typeof message === "string" && (message.startsWith("timeout exceeded when trying to connect") || message === "Connection terminated due to connection timeout");
}
