import type { Tx } from "@/lib/db/prisma";
import type { SqlQuery } from "@/lib/db/sql-scope";

/** Either transaction kind the callers hold: a Prisma one (withTenantScope/withPlatformScope) or a raw one (withTenantSql/withPlatformSql). */
export type UsageTx = Tx | SqlQuery;

export function asSql(tx: UsageTx): SqlQuery {
  if (typeof tx === "function") return tx;
  return (text, values = []) => tx.$queryRawUnsafe(text, ...values);
}

export const HOUR_MS = 3_600_000;
export const DAY_MS = 86_400_000;

export const floorTo = (t: Date, ms: number) => new Date(Math.floor(t.getTime() / ms) * ms);
export const ceilTo = (t: Date, ms: number) => new Date(Math.ceil(t.getTime() / ms) * ms);
export const isoDay = (t: Date) => t.toISOString().slice(0, 10);
