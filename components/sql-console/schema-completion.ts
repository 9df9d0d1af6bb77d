import type { SQLNamespace } from "@codemirror/lang-sql";

type SchemaAnswer = { tables?: { name: string; columns?: { name: string; type?: string }[] }[] };

/** The tenant schema API's tables and columns as lang-sql's completion namespace: table → its columns, each with its type shown beside it. */
export function completionNamespace(answer: SchemaAnswer): SQLNamespace {
  const ns: Record<string, SQLNamespace> = {};
  for (const t of answer.tables ?? []) ns[t.name] = (t.columns ?? []).map((c) => ({ label: c.name, type: "property", detail: c.type }));
  return ns;
}
