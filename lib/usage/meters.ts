/**
 * Every meter Atrium knows. `counter`: each event adds `value` (sum over a
 * bucket is the total). `gauge`: each event is a sample of a level (a bucket's
 * max is the peak, sum/count the mean, and usage_gauges_latest keeps the newest).
 * `reported`: the product sends it to POST /api/v1/usage/events; `measured`:
 * Atrium samples or counts it itself and refuses it from callers.
 * `dimension`: the property whose value splits the rollups (the feature of
 * feature_used); `user`: the event names a user (properties.user_id), kept in
 * usage_daily_users so distinct users per period need no raw scan.
 */
export type MeterKind = "counter" | "gauge";
export type MeterSource = "reported" | "measured";
export type Meter = {
  name: string;
  kind: MeterKind;
  unit: string;
  label: string;
  source: MeterSource;
  dimension?: string;
  user?: "required" | "optional";
};

export const METERS = [
  { name: "api_calls", kind: "counter", unit: "calls", label: "API calls", source: "reported" },
  { name: "bandwidth_bytes", kind: "counter", unit: "bytes", label: "Bandwidth", source: "reported" },
  { name: "files_uploaded", kind: "counter", unit: "files", label: "Files uploaded", source: "reported" },
  { name: "active_user", kind: "counter", unit: "events", label: "Active users", source: "reported", user: "required" },
  { name: "feature_used", kind: "counter", unit: "uses", label: "Feature use", source: "reported", dimension: "feature", user: "optional" },
  { name: "response_time_ms", kind: "gauge", unit: "ms", label: "Response time", source: "reported" },
  { name: "error", kind: "counter", unit: "errors", label: "Errors", source: "reported" },
  { name: "members", kind: "gauge", unit: "members", label: "Members", source: "measured" },
  { name: "active_members", kind: "gauge", unit: "members", label: "Active members (30 days)", source: "measured" },
  { name: "storage_bytes", kind: "gauge", unit: "bytes", label: "Storage", source: "measured" },
  { name: "table_bytes", kind: "gauge", unit: "bytes", label: "Table storage", source: "measured" },
  { name: "index_bytes", kind: "gauge", unit: "bytes", label: "Index storage", source: "measured" },
  { name: "asset_bytes", kind: "gauge", unit: "bytes", label: "Uploaded assets", source: "measured" },
  { name: "db_connections", kind: "gauge", unit: "connections", label: "Database connections", source: "measured" },
  { name: "atrium_api_calls", kind: "counter", unit: "calls", label: "Atrium API calls", source: "measured", dimension: "status" },
  // Total time spent answering, per status class: mean latency = its sum / atrium_api_calls' sum over the same buckets.
  { name: "atrium_api_duration_ms", kind: "counter", unit: "ms", label: "Atrium API time (total)", source: "measured", dimension: "status" },
] as const satisfies readonly Meter[];

export type MeterName = (typeof METERS)[number]["name"];
export const METER_NAMES = METERS.map((m) => m.name) as MeterName[];
export const REPORTED_METERS = METERS.filter((m) => m.source === "reported").map((m) => m.name);
export const GAUGE_METERS = METERS.filter((m) => m.kind === "gauge").map((m) => m.name);

const BY_NAME = new Map<string, Meter>(METERS.map((m) => [m.name, m]));

export function meterByName(name: string): Meter | undefined {
  return BY_NAME.get(name);
}

export function isMeterName(name: string): name is MeterName {
  return BY_NAME.has(name);
}
