import { setTimeout as sleep } from "node:timers/promises";
import { AppError } from "@/lib/http/errors";

// deadlock_detected and serialization_failure: PostgreSQL rolled the whole
// transaction back, and running it again from the start is the documented cure.
const RETRYABLE_SQLSTATES = new Set(["40P01", "40001"]);

type MaybeDbError = {
  code?: unknown;
  meta?: { code?: unknown; driverAdapterError?: { cause?: { originalCode?: unknown; kind?: unknown } } };
  cause?: unknown;
};

/**
 * Whether `err` says the transaction lost a deadlock or a serialisation
 * conflict: a raw pg error, or Prisma's wrapping of one (P2034, or P2010 for
 * raw queries, with the driver adapter's TransactionWriteConflict inside).
 */
export function isRetryableConflict(err: unknown): boolean {
  const e = err as MaybeDbError | null;
  if (!e || typeof e !== "object") return false;
  if (typeof e.code === "string" && (RETRYABLE_SQLSTATES.has(e.code) || e.code === "P2034")) return true;
  const adapter = e.meta?.driverAdapterError?.cause;
  if (adapter?.kind === "TransactionWriteConflict") return true;
  if (typeof adapter?.originalCode === "string" && RETRYABLE_SQLSTATES.has(adapter.originalCode)) return true;
  if (typeof e.meta?.code === "string" && RETRYABLE_SQLSTATES.has(e.meta.code)) return true;
  return e.cause !== undefined && e.cause !== err && isRetryableConflict(e.cause);
}

export type RetryOptions = { attempts?: number; baseDelayMs?: number };

/** Total tries (the first included): enough to ride out a burst, short enough to answer quickly. */
export const CONFLICT_ATTEMPTS = 5;

/**
 * Runs `attempt` (one whole transaction) again when PostgreSQL aborted it for
 * a deadlock or a serialisation failure, with jittered exponential backoff so
 * the losers do not collide again in step. Anything else is thrown at once.
 * Still conflicting after the last try: 409 concurrent_update, which tells the
 * client to send the same request again (nothing was written).
 */
export async function retryOnConflict<T>(attempt: () => Promise<T>, opts: RetryOptions = {}): Promise<T> {
  const attempts = opts.attempts ?? CONFLICT_ATTEMPTS;
  const base = opts.baseDelayMs ?? 10;
  for (let i = 1; ; i++) {
    try {
      return await attempt();
    } catch (err) {
      if (!isRetryableConflict(err)) throw err;
      if (i >= attempts) {
        throw new AppError("concurrent_update", "Other changes to the same records were being made at the same moment; nothing was changed. Send the request again.", { attempts }, { "Retry-After": "1" });
      }
      await sleep(base * 2 ** (i - 1) * (0.5 + Math.random()));
    }
  }
}
