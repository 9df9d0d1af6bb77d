import "server-only";
import type { ListUsersQuery } from "@/lib/schemas/users";
import { isoOrNull, type CsvSelect } from "@/lib/csv-export/stream-csv";

type UserCsvRow = {
  id: string;
  email: string;
  name: string;
  status: string;
  platform_role: string | null;
  memberships: string;
  email_verified_at: Date | null;
  last_login_at: Date | null;
  created_at: Date;
};

export type UserExportFilters = Omit<ListUsersQuery, "page" | "page_size">;

const COLUMNS = ["id", "email", "name", "status", "platform_role", "memberships", "email_verified_at", "last_login_at", "created_at"] as const;

const SORT_COLUMN = { created_at: "u.created_at", email: "u.email", name: "u.name", last_login_at: "u.last_login_at" } as const;

/** The Users list's rows for the CSV, with its filters and order (lib/users/list-users.ts: never-signed-in accounts last either way). */
export function usersCsvSelect(q: UserExportFilters): CsvSelect<UserCsvRow> {
  const where: string[] = [];
  const values: unknown[] = [];
  const param = (v: unknown) => {
    values.push(v);
    return `$${values.length}`;
  };
  if (q.status) where.push(`u.status = ${param(q.status)}`);
  if (q.platform_role === "none") where.push("u.platform_role IS NULL");
  else if (q.platform_role) where.push(`u.platform_role = ${param(q.platform_role)}`);
  if (q.search) {
    const term = q.search.replace(/[\\%_]/g, "\\$&");
    where.push(`(u.name ILIKE ${param(`%${term}%`)} OR u.email LIKE ${param(`%${term.toLowerCase()}%`)})`);
  }
  const whereSql = where.length ? `WHERE ${where.join(" AND ")}` : "";
  const dir = q.order === "asc" ? "ASC" : "DESC";
  const nulls = q.sort === "last_login_at" ? " NULLS LAST" : "";
  return {
    text: `SELECT u.id, u.email, u.name, u.status, u.platform_role, (SELECT count(*) FROM memberships m WHERE m.user_id = u.id) AS memberships,
             u.email_verified_at, u.last_login_at, u.created_at
           FROM users u ${whereSql} ORDER BY ${SORT_COLUMN[q.sort]} ${dir}${nulls}, u.id ${dir}`,
    values,
    countText: `SELECT count(*) AS n FROM users u ${whereSql}`,
    countValues: values,
    columns: COLUMNS,
    record: (r) => ({
      id: r.id,
      email: r.email,
      name: r.name,
      status: r.status,
      platform_role: r.platform_role,
      memberships: Number(r.memberships),
      email_verified_at: isoOrNull(r.email_verified_at),
      last_login_at: isoOrNull(r.last_login_at),
      created_at: isoOrNull(r.created_at),
    }),
  };
}
