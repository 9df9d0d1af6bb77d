import { randomBytes } from "node:crypto";
import { ingestUsageEvents, type UsageEventInput } from "@/lib/usage/ingest-usage-events";
import { log } from "@/lib/observability/logger";

/** How often buffered counts are written (and at shutdown): a request never waits on a write. */
export const API_METER_FLUSH_MS = 5_000;

type Bucket = { tenantId: string; status: string; calls: number; ms: number; at: number };

/**
 * Atrium's own API calls per tenant: apiRoute adds each answered call
 * (tenant, status class, duration) to an in-memory map — one Map update per
 * request — and every few seconds the map goes out as two events per tenant
 * and status class (atrium_api_calls = calls, atrium_api_duration_ms = total
 * ms) through ingestUsageEvents. Ids carry the process and a sequence, so a
 * retried flush is a duplicate. One per process, kept on globalThis because
 * Next bundles route handlers separately (as lib/db/pools.ts does), so the
 * custom server can flush it when it stops.
 */
export class ApiCallMeter {
  private buckets = new Map<string, Bucket>();
  private timer: NodeJS.Timeout | null = null;
  private readonly process = randomBytes(6).toString("hex");
  private seq = 0;
  private flushing: Promise<void> = Promise.resolve();

  record(tenantId: string, status: number, durationMs: number, now = Date.now()): void {
    const cls = `${Math.floor(status / 100)}xx`;
    const key = `${tenantId}\u0000${cls}`;
    const b = this.buckets.get(key);
    if (b) {
      b.calls++;
      b.ms += durationMs;
    } else {
      this.buckets.set(key, { tenantId, status: cls, calls: 1, ms: durationMs, at: now });
    }
    this.timer ??= setTimeout(() => void this.flush(), API_METER_FLUSH_MS).unref();
  }

  /** Writes what is buffered; concurrent calls queue behind each other. A failed write is logged and dropped (usage must never take the API down). */
  flush(): Promise<void> {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    const buckets = [...this.buckets.values()];
    this.buckets = new Map();
    this.flushing = this.flushing.then(() => this.write(buckets)).catch((err: unknown) => log.error({ component: "usage", err }, "could not record Atrium API calls"));
    return this.flushing;
  }

  private async write(buckets: Bucket[]): Promise<void> {
    if (buckets.length === 0) return;
    const events: UsageEventInput[] = [];
    for (const b of buckets) {
      const id = `atrium-api:${this.process}:${++this.seq}`;
      const timestamp = new Date(b.at);
      const properties = { status: b.status };
      events.push({ id: `${id}:calls`, tenantId: b.tenantId, meter: "atrium_api_calls", value: b.calls, timestamp, properties });
      events.push({ id: `${id}:ms`, tenantId: b.tenantId, meter: "atrium_api_duration_ms", value: Math.round(b.ms * 10) / 10, timestamp, properties });
    }
    // A tenant purged since its call is left out by the ingest (unknown tenant).
    await ingestUsageEvents(events);
  }
}

const globals = globalThis as unknown as { __atriumApiCallMeter?: ApiCallMeter };

export function apiCallMeter(): ApiCallMeter {
  return (globals.__atriumApiCallMeter ??= new ApiCallMeter());
}
