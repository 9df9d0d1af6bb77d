import "server-only";
import type { ListTenantsQuery } from "@/lib/schemas/tenant";
import { isoOrNull, type CsvSelect } from "@/lib/csv-export/stream-csv";

type TenantCsvRow = {
  id: string;
  name: string;
  slug: string;
  domain: string | null;
  status: string;
  plan: string;
  is_trial: boolean;
  trial_ends_at: Date | null;
  health_score: number | null;
  health_status: string | null;
  members: string;
  created_at: Date;
  updated_at: Date;
};

export type TenantExportFilters = Omit<ListTenantsQuery, "page" | "page_size" | "cursor">;

const COLUMNS = ["id", "name", "slug", "domain", "status", "plan", "is_trial", "trial_ends_at", "health_score", "health_status", "members", "created_at", "updated_at"] as const;

// Column names from a fixed map, never from input: they are spliced into the ORDER BY.
const SORT_COLUMN = { created_at: "t.created_at", updated_at: "t.updated_at", name: "t.name", slug: "t.slug", status: "t.status", plan: "t.plan", health: "h.score" } as const;

/**
 * The tenant list's rows for the CSV, with the list's own filters and order
 * (lib/tenants/list-tenants.ts: the same search over name, slug and domain,
 * the id as tie-break, never-checked tenants last ascending by health), every
 * page at once.
 */
export function tenantsCsvSelect(q: TenantExportFilters): CsvSelect<TenantCsvRow> {
  const where: string[] = [];
  const values: unknown[] = [];
  const param = (v: unknown) => {
    values.push(v);
    return `$${values.length}`;
  };
  if (q.status) where.push(`t.status = ${param(q.status)}`);
  if (q.plan) where.push(`t.plan = ${param(q.plan)}`);
  if (q.search) {
    // As the list: % and _ are literal, name case-insensitively, slug and domain (stored lower case) lower-cased.
    const term = q.search.replace(/[\\%_]/g, "\\$&");
    const any = param(`%${term}%`);
    const lower = param(`%${term.toLowerCase()}%`);
    where.push(`(t.name ILIKE ${any} OR t.slug LIKE ${lower} OR t.domain LIKE ${lower})`);
  }
  const whereSql = where.length ? `WHERE ${where.join(" AND ")}` : "";
  const dir = q.order === "asc" ? "ASC" : "DESC";
  const from = `FROM tenants t LEFT JOIN tenant_health h ON h.tenant_id = t.id ${whereSql}`;
  return {
    text: `SELECT t.id, t.name, t.slug, t.domain, t.status, t.plan, t.is_trial, t.trial_ends_at, h.score AS health_score, h.status AS health_status,
             (SELECT count(*) FROM memberships m WHERE m.tenant_id = t.id) AS members, t.created_at, t.updated_at
           ${from} ORDER BY ${SORT_COLUMN[q.sort]} ${dir}, t.id ${dir}`,
    values,
    countText: `SELECT count(*) AS n ${from}`,
    countValues: values,
    columns: COLUMNS,
    record: (r) => ({
      id: r.id,
      name: r.name,
      slug: r.slug,
      domain: r.domain,
      status: r.status,
      plan: r.plan,
      is_trial: r.is_trial ? "true" : "false",
      trial_ends_at: isoOrNull(r.trial_ends_at),
      health_score: r.health_score,
      health_status: r.health_status,
      members: Number(r.members),
      created_at: isoOrNull(r.created_at),
      updated_at: isoOrNull(r.updated_at),
    }),
  };
}
