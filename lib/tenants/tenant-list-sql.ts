import type { ListTenantsQuery } from "@/lib/schemas/tenant";

/**
 * The tenant list's two statements (the bench floor sends the same ones):
 *
 * - the page, as a deferred join: the page's ids (and sort keys) come from an
 *   index that holds the sort column and id (with the status or plan filter in
 *   front where one is given), so skipping to page 40 walks 2,000 index entries,
 *   not 2,000 rows of ~1.5 kB; only the page's 50 rows are then read;
 * - the count, which those same narrow indexes answer without the table
 *   (a cursor carries the first page's total, so it is counted once per walk).
 *
 * With a cursor the page starts after its (sort key, id) instead of at an
 * offset, so it costs the same at any depth and rows inserted meanwhile never
 * shift it. Never-checked tenants sort as if their health score were the
 * largest (last ascending, first descending: where PostgreSQL puts NULLs), so
 * that sort has a key a cursor can hold.
 */

export type TenantListFilters = Pick<ListTenantsQuery, "status" | "plan" | "search" | "health">;
export type TenantListOrder = Pick<ListTenantsQuery, "sort" | "order" | "page_size">;
export type SortKey = string | number;
/** Where the page starts: an offset (page/page_size) or after a row (a cursor). */
export type PageStart = { offset: number } | { after: { key: SortKey; id: string } };

const NULL_SCORE = 2147483647;
const SORT_EXPR: Record<ListTenantsQuery["sort"], { expr: string; type: string }> = {
  created_at: { expr: "t.created_at", type: "timestamptz" },
  updated_at: { expr: "t.updated_at", type: "timestamptz" },
  name: { expr: "t.name", type: "text" },
  slug: { expr: "t.slug", type: "text" },
  status: { expr: "t.status", type: "text" },
  plan: { expr: "t.plan", type: "text" },
  health: { expr: `coalesce(h.score, ${NULL_SCORE})`, type: "int" },
};

// What a list row shows (serializeTenant and the limits of its usage), not the settings, features, branding and
// provisioning documents a tenant's own page reads: those are most of a row's bytes and of the JSON parsing.
export const LIST_COLUMNS = ["id", "name", "slug", "schema_name", "domain", "plan", "status", "is_trial", "trial_ends_at", "limits",
  "suspended_at", "suspended_reason", "archived_at", "deletion_scheduled_at", "final_deletion_date", "created_at", "updated_at"] as const;
const COLUMNS = LIST_COLUMNS.map((c) => `t."${c}"`).join(", ");

function where(f: TenantListFilters, values: unknown[]): string {
  const param = (v: unknown) => `$${values.push(v)}`;
  const conds: string[] = [];
  if (f.status) conds.push(`t.status = ${param(f.status)}`);
  if (f.plan) conds.push(`t.plan = ${param(f.plan)}`);
  if (f.health) conds.push(`EXISTS (SELECT 1 FROM tenant_health hf WHERE hf.tenant_id = t.id AND hf.status = ${param(f.health)})`);
  if (f.search) {
    // As tenantListWhere: a substring of the name (any case), the slug or the domain; % and _ are literal.
    const term = f.search.replace(/[\\%_]/g, "\\$&");
    const any = param(`%${term}%`);
    const lower = param(`%${term.toLowerCase()}%`);
    conds.push(`(t.name ILIKE ${any} OR t.slug LIKE ${lower} OR t.domain LIKE ${lower})`);
  }
  return conds.length ? conds.join(" AND ") : "true";
}

/** The page's statement: the rows of LIST_COLUMNS plus `sort_key`, `limit` of them. */
export function tenantPageSql(f: TenantListFilters, o: TenantListOrder, start: PageStart, limit: number): { text: string; values: unknown[] } {
  const values: unknown[] = [];
  const { expr, type } = SORT_EXPR[o.sort];
  const dir = o.order === "asc" ? "ASC" : "DESC";
  const conds = [where(f, values)];
  if ("after" in start) conds.push(`(${expr}, t.id) ${dir === "ASC" ? ">" : "<"} ($${values.push(start.after.key)}::${type}, $${values.push(start.after.id)}::text)`);
  const join = o.sort === "health" ? " LEFT JOIN tenant_health h ON h.tenant_id = t.id" : "";
  const offset = "offset" in start && start.offset > 0 ? ` OFFSET $${values.push(start.offset)}` : "";
  const text = `SELECT ${COLUMNS}, p.sort_key FROM (
      SELECT t.id, ${expr} AS sort_key FROM tenants t${join}
      WHERE ${conds.join(" AND ")}
      ORDER BY ${expr} ${dir}, t.id ${dir} LIMIT $${values.push(limit)}${offset}
    ) p JOIN tenants t ON t.id = p.id
    ORDER BY p.sort_key ${dir}, p.id ${dir}`;
  return { text, values };
}

export function tenantCountSql(f: TenantListFilters): { text: string; values: unknown[] } {
  const values: unknown[] = [];
  return { text: `SELECT count(*)::int AS total FROM tenants t WHERE ${where(f, values)}`, values };
}

/** A page row for tenantFromRow: without the sort key the page statement adds. */
export function withoutSortKey(row: Record<string, unknown>): Record<string, unknown> {
  const out = { ...row };
  delete out.sort_key;
  return out;
}

/** A row's sort key as the cursor keeps it (timestamps as ISO text, exact to the millisecond the columns hold). */
export const cursorKey = (v: unknown): SortKey => (v instanceof Date ? v.toISOString() : typeof v === "number" ? v : String(v));
