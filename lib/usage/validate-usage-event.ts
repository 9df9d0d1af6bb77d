import { USAGE_FUTURE_TOLERANCE_MS, usageEventSchema, type USAGE_REJECTION_REASONS, type UsageEventBody } from "@/lib/schemas/usage-events";
import { meterByName } from "@/lib/usage/meters";

export type UsageRejection = { reason: (typeof USAGE_REJECTION_REASONS)[number]; message: string };
export type CheckedUsageEvent = { ok: true; event: UsageEventBody; at: Date } | ({ ok: false; id: string | null } & UsageRejection);

const MAX_PROPERTIES_BYTES = 2048;
const FIELDS = new Set(["id", "tenant_id", "meter", "value", "timestamp", "properties"]);
const ISO_INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d{1,9})?(?:Z|[+-]\d{2}:\d{2})$/;
const str = (v: unknown, max: number) => typeof v === "string" && v.length >= 1 && v.length <= max;

/**
 * The common case, checked in a fraction of Zod's time (a batch of 1,000
 * passes through here on every report): a strict subset of what
 * usageEventSchema accepts (tests/unit hold them to it). Anything else goes
 * to the schema, which names what is wrong.
 */
export function looksWellFormed(raw: unknown): raw is UsageEventBody {
  if (typeof raw !== "object" || raw === null || Array.isArray(raw)) return false;
  for (const k in raw) if (!FIELDS.has(k)) return false;
  const e = raw as Record<string, unknown>;
  if (!str(e.id, 128) || (e.tenant_id !== undefined && !str(e.tenant_id, 64)) || !str(e.meter, 64) || typeof e.value !== "number") return false;
  if (typeof e.timestamp !== "string" || !ISO_INSTANT.test(e.timestamp) || Number.isNaN(Date.parse(e.timestamp))) return false;
  if (e.properties === undefined) return true;
  const p = e.properties;
  if (typeof p !== "object" || p === null || Array.isArray(p) || Object.getPrototypeOf(p) !== Object.prototype) return false;
  for (const k in p) if (k.length > 64) return false;
  return true;
}

/**
 * One reported event against the catalogue and the clock; the tenant is
 * checked by the caller (it needs the database). `oldest`: the raw retention's
 * start, since an event older than that would be dropped with its partition.
 */
export function validateUsageEvent(raw: unknown, now: Date, oldest: Date): CheckedUsageEvent {
  const idOf = (raw as { id?: unknown } | null)?.id;
  const id = typeof idOf === "string" ? idOf.slice(0, 128) : null;
  const reject = (reason: UsageRejection["reason"], message: string): CheckedUsageEvent => ({ ok: false, id, reason, message });
  const parsed = looksWellFormed(raw) ? { success: true as const, data: raw } : usageEventSchema.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const path = issue.path.join(".") || "event";
    // A value of the wrong type or not finite is the value's fault, not the event's shape.
    if (path === "value") return reject("invalid_value", `value: ${issue.message}`);
    return reject("invalid_event", `${path}: ${issue.message}`);
  }
  const e = parsed.data;
  const meter = meterByName(e.meter);
  if (!meter) return reject("unknown_meter", `meter: unknown meter "${e.meter.slice(0, 64)}"`);
  if (meter.source === "measured") return reject("measured_meter", `meter: ${e.meter} is measured by Atrium itself and cannot be reported`);
  if (!Number.isFinite(e.value) || e.value < 0) return reject("invalid_value", "value: must be a finite number ≥ 0");
  if (e.properties && JSON.stringify(e.properties).length > MAX_PROPERTIES_BYTES) return reject("invalid_event", `properties: at most ${MAX_PROPERTIES_BYTES} bytes as JSON`);
  const needs = (prop: string) => {
    const v = e.properties?.[prop];
    return typeof v === "string" && v.length > 0 && v.length <= 200 ? null : `properties.${prop}: required for ${e.meter} (a string of 1–200 characters)`;
  };
  if (meter.user === "required" && needs("user_id")) return reject("missing_property", needs("user_id")!);
  if (meter.dimension && needs(meter.dimension)) return reject("missing_property", needs(meter.dimension)!);
  const at = new Date(e.timestamp);
  if (at < oldest) return reject("timestamp_too_old", `timestamp: older than the ${Math.round((now.getTime() - oldest.getTime()) / 86_400_000)}-day raw retention`);
  if (at.getTime() > now.getTime() + USAGE_FUTURE_TOLERANCE_MS) return reject("timestamp_in_future", "timestamp: more than 5 minutes ahead of the server's clock");
  return { ok: true, event: e, at };
}
