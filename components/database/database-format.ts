import type { TableInfo } from "@/lib/schemas/tenant-db-schema";

/** Sizes arrive in MB (seed 000); small tables read better in kB. */
export function formatMb(mb: number): string {
  if (mb >= 1024) return `${(mb / 1024).toLocaleString("en-US", { maximumFractionDigits: 2 })} GB`;
  if (mb >= 1) return `${mb.toLocaleString("en-US", { maximumFractionDigits: 1 })} MB`;
  return `${Math.round(mb * 1024).toLocaleString("en-US")} kB`;
}

/** "≈ 1,200" for the planner's estimate, "1,200" when counted. */
export function formatRows(t: Pick<TableInfo, "row_count" | "row_count_exact">): string {
  const n = t.row_count.toLocaleString("en-US");
  return t.row_count_exact ? n : `≈ ${n}`;
}
