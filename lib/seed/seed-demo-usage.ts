import { ingestUsageEvents, type UsageEventInput } from "@/lib/usage/ingest-usage-events";

/** How busy a demo tenant is: `size` scales every figure; `members` is where the member count ends. */
export type DemoUsageProfile = { slug: string; size: number; members: number; seed: number };

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const GB = 1024 ** 3;
const FEATURES: { name: string; adoption: (progress: number) => number }[] = [
  { name: "dashboards", adoption: () => 0.7 },
  { name: "reports", adoption: (p) => 0.35 + 0.15 * p },
  { name: "exports", adoption: () => 0.2 },
  // Launched a third of the way in, then picked up.
  { name: "integrations", adoption: (p) => (p < 0.33 ? 0 : 0.4 * (p - 0.33)) },
  { name: "sso", adoption: () => 0.05 },
];

/** Daytime-heavy traffic: a smooth curve peaking mid-afternoon UTC. */
const diurnal = (hour: number) => 0.35 + 0.65 * Math.max(0, Math.sin(((hour - 6) / 18) * Math.PI));

/**
 * 90 days of plausible usage for one demo tenant, written through
 * ingestUsageEvents like any report (ids are deterministic, so a second run
 * adds nothing): hourly API calls, bandwidth, response times and errors with
 * growth, weekly and daily rhythm (and one bad afternoon of errors); product
 * users active per day and the features they used (one launched mid-way);
 * uploads; and the gauges the sampler measures, every six hours. Answers the
 * number of events accepted.
 */
export async function seedDemoUsage(tenantId: string, p: DemoUsageProfile, now = new Date(), days = 90): Promise<number> {
  let x = p.seed;
  const rand = () => (x = (x * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
  const start = Math.floor(now.getTime() / DAY) * DAY - (days - 1) * DAY;
  const users = Array.from({ length: Math.round(40 * p.size) + 5 }, (_, i) => `user_${p.slug}_${String(i).padStart(3, "0")}`);
  let accepted = 0;
  let batch: UsageEventInput[] = [];
  const add = async (e: Omit<UsageEventInput, "tenantId">) => {
    batch.push({ ...e, tenantId });
    if (batch.length >= 1000) await flush();
  };
  const flush = async () => {
    accepted += (await ingestUsageEvents(batch)).accepted;
    batch = [];
  };
  const badDay = days - 9;
  for (let d = 0; d < days; d++) {
    const dayStart = start + d * DAY;
    const progress = d / days;
    const weekday = new Date(dayStart).getUTCDay();
    const week = weekday === 0 || weekday === 6 ? 0.55 : 1;
    const growth = 0.55 + 0.6 * progress;
    const id = (meter: string, n: number | string) => `seed-${p.slug}-${meter}-${new Date(dayStart).toISOString().slice(0, 10)}-${n}`;
    for (let h = 0; h < 24; h++) {
      const t = new Date(dayStart + h * HOUR + 30 * 60_000);
      if (t > now) break;
      const load = growth * week * diurnal(h) * (0.85 + 0.3 * rand());
      const calls = Math.round(420 * p.size * load);
      await add({ id: id("api_calls", h), meter: "api_calls", value: calls, timestamp: t });
      await add({ id: id("bandwidth_bytes", h), meter: "bandwidth_bytes", value: Math.round(calls * (18_000 + 6_000 * rand())), timestamp: t });
      await add({ id: id("response_time_ms", h), meter: "response_time_ms", value: Math.round(110 + 60 * load + 40 * rand()), timestamp: t });
      const errorRate = d === badDay && h >= 13 && h <= 16 ? 0.06 : 0.004;
      const errors = Math.round(calls * errorRate * (0.5 + rand()));
      if (errors > 0) await add({ id: id("error", h), meter: "error", value: errors, timestamp: t });
      if (rand() < 0.25 * week) await add({ id: id("files_uploaded", h), meter: "files_uploaded", value: 1 + Math.floor(rand() * 4 * p.size), timestamp: t });
    }
    // Who used the product that day, and which features.
    const activeShare = (0.3 + 0.3 * progress) * week;
    for (const [i, user] of users.entries()) {
      if (rand() > activeShare) continue;
      const t = new Date(dayStart + (8 + Math.floor(rand() * 10)) * HOUR);
      if (t > now) continue;
      await add({ id: id("active_user", i), meter: "active_user", value: 1, timestamp: t, properties: { user_id: user } });
      for (const f of FEATURES) {
        if (rand() < f.adoption(progress)) await add({ id: id(`feature_${f.name}`, i), meter: "feature_used", value: 1 + Math.floor(rand() * 5), timestamp: t, properties: { feature: f.name, user_id: user } });
      }
    }
    // The gauges, as the sampler would have measured them.
    for (let s = 0; s < 4; s++) {
      const t = new Date(dayStart + s * 6 * HOUR + 5 * 60_000);
      if (t > now) break;
      const members = Math.max(1, Math.round(p.members * Math.min(1, 0.4 + progress)));
      const tableBytes = Math.round(GB * p.size * (0.8 + 1.2 * progress) * (1 + 0.01 * rand()));
      const indexBytes = Math.round(tableBytes * 0.3);
      await add({ id: id("members", s), meter: "members", value: members, timestamp: t });
      await add({ id: id("active_members", s), meter: "active_members", value: Math.max(1, Math.round(members * 0.7)), timestamp: t });
      await add({ id: id("table_bytes", s), meter: "table_bytes", value: tableBytes, timestamp: t });
      await add({ id: id("index_bytes", s), meter: "index_bytes", value: indexBytes, timestamp: t });
      await add({ id: id("storage_bytes", s), meter: "storage_bytes", value: tableBytes + indexBytes, timestamp: t });
      await add({ id: id("db_connections", s), meter: "db_connections", value: Math.round(6 * p.size * growth * diurnal(s * 6 + 3) * (0.7 + 0.6 * rand())), timestamp: t });
    }
  }
  await flush();
  return accepted;
}
