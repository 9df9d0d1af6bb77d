import type { SQLNamespace } from "@codemirror/lang-sql";

type SchemaAnswer = { tables?: { name: string; columns?: { name: string; type?: string }[] }[] };

/**
 * The tenant schema API's tables and columns as lang-sql's completion
 * namespace: each table marked "table" (so it stands apart from keywords),
 * its columns after `table.` with their types beside them.
 */
export function completionNamespace(answer: SchemaAnswer): SQLNamespace {
  const ns: Record<string, SQLNamespace> = {};
  for (const t of answer.tables ?? [])
    ns[t.name] = {
      self: { label: t.name, type: "type", detail: "table", boost: 1 },
      children: (t.columns ?? []).map((c) => ({ label: c.name, type: "property", detail: c.type })),
    };
  return ns;
}
