import type { AuditChange } from "./audit-types";

export type FieldChange = { path: string; before: unknown; after: unknown };

const isPlainObject = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v);
const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

/**
 * The changed values down to the leaves: `settings: {…} → {…}` becomes
 * `settings.timezone: America/New_York → Europe/London`, so a reader sees what
 * changed rather than two objects to compare. Lists stay whole (the diff
 * lists what was added and removed).
 */
export function flattenChanges(changes: Record<string, AuditChange>): FieldChange[] {
  const out: FieldChange[] = [];
  const walk = (path: string, before: unknown, after: unknown, depth: number) => {
    const objectOrNothing = (v: unknown) => isPlainObject(v) || v === null || v === undefined;
    if (depth < 4 && (isPlainObject(before) || isPlainObject(after)) && objectOrNothing(before) && objectOrNothing(after)) {
      const b = isPlainObject(before) ? before : {};
      const a = isPlainObject(after) ? after : {};
      for (const key of [...new Set([...Object.keys(b), ...Object.keys(a)])]) {
        if (!same(b[key], a[key])) walk(`${path}.${key}`, b[key] ?? null, a[key] ?? null, depth + 1);
      }
      return;
    }
    out.push({ path, before: before ?? null, after: after ?? null });
  };
  for (const [field, c] of Object.entries(changes)) walk(field, c.before, c.after, 0);
  return out;
}
