// The audit viewer's filters as the URL keeps them (so a shared link shows the
// same view), and their translation into the audit-log API's query. Client and
// server safe: the page's server render parses the same URL the same way.

/** Events per "Load more" (the server's first page is the same size). */
export const AUDIT_PAGE_SIZE = 50;

export const AUDIT_RANGES = {
  "24h": { label: "Last 24 hours", short: "24 h", ms: 24 * 3_600_000 },
  "7d": { label: "Last 7 days", short: "7 d", ms: 7 * 86_400_000 },
  "30d": { label: "Last 30 days", short: "30 d", ms: 30 * 86_400_000 },
  "90d": { label: "Last 90 days", short: "90 d", ms: 90 * 86_400_000 },
} as const;
export type AuditRange = keyof typeof AUDIT_RANGES;
export const AUDIT_RANGE_KEYS = Object.keys(AUDIT_RANGES) as AuditRange[];

export type AuditFilters = {
  /** Exact types and `area.*` prefixes. */
  event_type?: string[];
  actor?: string;
  target_type?: string;
  target_id?: string;
  /** A preset relative to when the list is read; wins over from/to. */
  range?: AuditRange;
  /** Custom range: whole UTC days, YYYY-MM-DD, both ends included. */
  from?: string;
  to?: string;
  q?: string;
  ip?: string;
  /** The console's Audit page only: a tenant id, or "platform" for events without a tenant. */
  tenant_id?: string;
};

export const AUDIT_FILTER_KEYS = ["event_type", "actor", "target_type", "target_id", "range", "from", "to", "q", "ip", "tenant_id"] as const satisfies readonly (keyof AuditFilters)[];

const DAY = /^\d{4}-\d{2}-\d{2}$/;
const EVENT_TYPE = /^[a-z_]+(\.[a-z_]+)*(\.\*)?$/;
const text = (v: string | null | undefined, max = 200) => {
  const t = v?.trim().slice(0, max);
  return t ? t : undefined;
};
const validDay = (v: string | null | undefined) => (v && DAY.test(v) && !Number.isNaN(Date.parse(`${v}T00:00:00Z`)) ? v : undefined);

/**
 * The filters in a URL; anything malformed is dropped rather than refused, so
 * an edited link still opens. `tenant_id` only on the platform's log.
 */
export function parseAuditFilters(get: (key: string) => string | null | undefined, scope: "platform" | "tenant" = "tenant"): AuditFilters {
  const types = (get("event_type") ?? "")
    .split(",")
    .map((s) => s.trim())
    .filter((s) => EVENT_TYPE.test(s));
  const range = get("range");
  const f: AuditFilters = {
    event_type: types.length ? [...new Set(types)].slice(0, 50) : undefined,
    actor: text(get("actor")),
    target_type: text(get("target_type"), 50),
    target_id: text(get("target_id"), 100),
    range: range && range in AUDIT_RANGES ? (range as AuditRange) : undefined,
    from: validDay(get("from")),
    to: validDay(get("to")),
    q: text(get("q")),
    ip: text(get("ip"), 64),
    tenant_id: scope === "platform" ? text(get("tenant_id"), 64) : undefined,
  };
  if (f.range) {
    f.from = undefined;
    f.to = undefined;
  }
  return Object.fromEntries(Object.entries(f).filter(([, v]) => v !== undefined)) as AuditFilters;
}

/** The page's query string for these filters ("" when none). */
export function auditFiltersToSearch(f: AuditFilters, keep?: Record<string, string>): string {
  const q = new URLSearchParams(keep);
  for (const k of AUDIT_FILTER_KEYS) {
    const v = f[k];
    if (Array.isArray(v) ? v.length : v) q.set(k, Array.isArray(v) ? v.join(",") : String(v));
  }
  const s = q.toString();
  return s ? `?${s}` : "";
}

/**
 * The audit-log API's query for these filters. A preset range is measured
 * back from `anchor` (when the list was first read), so every page of one
 * list asks for the same window.
 */
export function auditFiltersToQuery(f: AuditFilters, anchor: number): Record<string, string> {
  const q: Record<string, string> = {};
  if (f.event_type?.length) q.event_type = f.event_type.join(",");
  if (f.actor) q.actor = f.actor;
  if (f.target_type) q.target_type = f.target_type;
  if (f.target_id) q.target_id = f.target_id;
  if (f.q) q.q = f.q;
  if (f.ip) q.ip = f.ip;
  if (f.tenant_id) q.tenant_id = f.tenant_id;
  if (f.range) {
    q.from = new Date(anchor - AUDIT_RANGES[f.range].ms).toISOString();
  } else {
    if (f.from) q.from = `${f.from}T00:00:00.000Z`;
    if (f.to) q.to = `${f.to}T23:59:59.999Z`;
  }
  return q;
}

export const hasAuditFilters = (f: AuditFilters, ignore: readonly (keyof AuditFilters)[] = []) => AUDIT_FILTER_KEYS.some((k) => !ignore.includes(k) && f[k] !== undefined);
