/** Statement text kept in the audit trail, capped so one call cannot write a megabyte of audit. */
const AUDIT_TEXT_MAX = 10_000;

export function statementForAudit(query: string): { statement: string; statement_truncated?: true } {
  return query.length > AUDIT_TEXT_MAX ? { statement: query.slice(0, AUDIT_TEXT_MAX), statement_truncated: true } : { statement: query };
}

/** A parameter as the audit trail records it: its JSON type and size, never its value (it may be personal data or a secret). */
export type RedactedParameter = { type: "string" | "number" | "boolean" | "null" | "array"; length?: number };

export function redactParameters(values: readonly unknown[]): RedactedParameter[] {
  return values.map((v) => {
    if (v === null) return { type: "null" };
    if (Array.isArray(v)) return { type: "array", length: v.length };
    if (typeof v === "string") return { type: "string", length: v.length };
    return { type: typeof v === "number" ? "number" : "boolean" };
  });
}
