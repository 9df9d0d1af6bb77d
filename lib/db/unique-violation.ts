/**
 * Which unique index a failed insert/update ran into, from a Prisma (driver
 * adapter) error or a raw pg error; null when it was not a unique violation.
 */
export function uniqueViolation(err: unknown): string | null {
  const e = err as { code?: string; meta?: unknown; message?: string; constraint?: string } | null;
  if (!e) return null;
  if (e.code === "23505") return e.constraint ?? "unknown";
  if (e.code !== "P2002") return null;
  const text = JSON.stringify(e.meta ?? {}) + " " + (e.message ?? "");
  const m = text.match(/([a-z_]+_key)/);
  if (m) return m[1];
  const fields = (e.meta as { target?: string[] | string } | undefined)?.target;
  return Array.isArray(fields) ? fields.join(",") : (fields ?? "unknown");
}
