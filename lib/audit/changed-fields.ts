import { isDeepStrictEqual } from "node:util";

export type FieldChange = { before: unknown; after: unknown };

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v);

/**
 * The fields whose value differs between the stored before and after
 * documents, compared by value (nested objects and arrays alike). A field on
 * one side only (created or removed) shows null on the other. A side that is
 * not an object (a creation has no before) counts as having no fields.
 */
export function changedFields(before: unknown, after: unknown): Record<string, FieldChange> {
  const b = isRecord(before) ? before : {};
  const a = isRecord(after) ? after : {};
  const out: Record<string, FieldChange> = {};
  for (const key of new Set([...Object.keys(b), ...Object.keys(a)])) {
    const was = key in b ? b[key] : null;
    const now = key in a ? a[key] : null;
    if (!isDeepStrictEqual(was, now)) out[key] = { before: was, after: now };
  }
  return out;
}
