// Webhook figures (issue 10 §6), part of `npm run bench` and runnable alone
// (`npm run bench:webhooks`, own embedded PostgreSQL):
//  - tenant update p50 for a tenant with 10 subscribed endpoints vs one with none
//    (the outbox write in publishEvent; goal ≤ 1.15×), through the updateTenant service;
//  - delivery throughput to a loopback receiver (goal ≥ 500 events/s);
//  - publish-to-delivery p50 with the worker running (LISTEN/NOTIFY wake-up).
// In-process: the receiver, the worker and the updates share this process and the machine's cores.
import http from "node:http";
import type { AddressInfo } from "node:net";
import { fileURLToPath } from "node:url";

const UPDATES = 400; // per tenant, alternating
const ENDPOINTS = 10;
const THROUGHPUT_EVENTS = 5_000;
const LATENCY_EVENTS = 200;

export type WebhookBench = {
  update_p50_ms_without_endpoints: number;
  update_p50_ms_with_10_endpoints: number;
  update_p50_ratio: number;
  delivery_events_per_second: number;
  delivery_concurrency: number;
  publish_to_delivery_p50_ms: number;
  publish_to_delivery_p99_ms: number;
};

const pct = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return Math.round(s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))] * 100) / 100;
};

async function receiver() {
  let count = 0;
  const arrivals = new Map<string, number>();
  const waiters: { n: number; resolve: () => void }[] = [];
  const server = http.createServer((req, res) => {
    req.resume();
    req.on("end", () => {
      count++;
      arrivals.set(String(req.headers["webhook-id"]), performance.now());
      for (const w of waiters.filter((w) => count >= w.n)) w.resolve();
      res.writeHead(204).end();
    });
  });
  server.keepAliveTimeout = 30_000;
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`,
    count: () => count,
    arrivals,
    waitFor: (n: number) => (count >= n ? Promise.resolve() : new Promise<void>((resolve) => waiters.push({ n, resolve }))),
    close: () => new Promise<void>((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    }),
  };
}

/** Runs against `databaseUrl` (migrated); creates its own tenants and endpoints there. */
export async function benchWebhooks(databaseUrl: string, log: (m: string) => void = console.log): Promise<WebhookBench> {
  process.env.DATABASE_URL = databaseUrl;
  process.env.WEBHOOK_ALLOW_PRIVATE_NETWORKS = "true";
  process.env.NEXTAUTH_SECRET ??= "bench-secret-0123456789abcdef0123456789abcdef";
  const { systemCaller } = await import("@/lib/auth/caller");
  const { withTenantScope } = await import("@/lib/db/scope");
  const { publishEvent } = await import("@/lib/events/publish-event");
  const { createTenant } = await import("@/lib/tenants/create-tenant");
  const { provisionTenant } = await import("@/lib/tenants/provision-tenant");
  const { updateTenant } = await import("@/lib/tenants/update-tenant");
  const { platformActor } = await import("@/lib/tenant-access/tenant-actor");
  const { createWebhookEndpoint } = await import("@/lib/webhooks/create-webhook-endpoint");
  const { WebhookDispatcher } = await import("@/lib/webhooks/webhook-dispatcher");
  const { WebhookWorker } = await import("@/lib/webhooks/webhook-worker");
  const { closePools } = await import("@/lib/db/pools");
  const sys = systemCaller("bench");
  const rx = await receiver();
  const suffix = Math.random().toString(16).slice(2, 8);
  const tenant = async (slug: string) => {
    const { tenant, admin } = await createTenant(sys, { tenant: { name: slug, slug, plan: "professional", admin_user: { email: `owner@${slug}.bench`, name: "Owner" } } });
    return (await provisionTenant(sys, tenant, admin)).tenant;
  };
  try {
    const [plain, subscribed] = [await tenant(`wh-plain-${suffix}`), await tenant(`wh-subs-${suffix}`)];
    for (let i = 0; i < ENDPOINTS; i++) await createWebhookEndpoint({ kind: "tenant", actor: platformActor(sys), tenantId: subscribed.id }, { url: `${rx.url}?e=${i}`, event_types: ["*"] });

    // 1. Tenant update latency (no worker: only the request's own cost is measured).
    log(`webhooks: ${UPDATES} tenant updates each, with ${ENDPOINTS} endpoints and with none…`);
    const times = new Map<string, number[]>([[plain.id, []], [subscribed.id, []]]);
    for (let i = 0; i < 30; i++) for (const t of [plain, subscribed]) await updateTenant(sys, t.id, { name: `warm ${i}` });
    for (let i = 0; i < UPDATES; i++) {
      for (const t of i % 2 ? [plain, subscribed] : [subscribed, plain]) {
        const s = performance.now();
        await updateTenant(sys, t.id, { name: `${t.slug} ${i}` });
        times.get(t.id)!.push(performance.now() - s);
      }
    }
    const without = pct(times.get(plain.id)!, 50);
    const withTen = pct(times.get(subscribed.id)!, 50);
    // Clear what the updates queued so the throughput run starts from an empty outbox.
    await withTenantScope(subscribed.id, (tx) => tx.webhookMessage.deleteMany({}));

    // 2. Throughput: queue events (worker stopped), then drain them all.
    log(`webhooks: queueing ${THROUGHPUT_EVENTS} deliveries…`);
    const perEvent = ENDPOINTS;
    const events = THROUGHPUT_EVENTS / perEvent;
    for (let i = 0; i < events; i += 50) {
      await withTenantScope(subscribed.id, async (tx) => {
        for (let j = i; j < Math.min(events, i + 50); j++) await publishEvent(tx, sys, { tenantId: subscribed.id, action: "role.created", targetType: "role", targetId: `role_${j}`, after: { name: `r${j}` } });
      });
    }
    const dispatcher = new WebhookDispatcher();
    const before = rx.count();
    const t0 = performance.now();
    await dispatcher.drain();
    const seconds = (performance.now() - t0) / 1000;
    const delivered = rx.count() - before;
    dispatcher.destroy();
    if (delivered < THROUGHPUT_EVENTS) throw new Error(`only ${delivered} of ${THROUGHPUT_EVENTS} deliveries arrived`);
    const rate = Math.round(delivered / seconds);
    log(`webhooks: ${delivered} deliveries in ${seconds.toFixed(2)} s (${rate}/s); publish-to-delivery latency…`);

    // 3. Publish-to-delivery with the worker listening; one endpoint so each event is one delivery.
    const single = await tenant(`wh-lat-${suffix}`);
    await createWebhookEndpoint({ kind: "tenant", actor: platformActor(sys), tenantId: single.id }, { url: rx.url, event_types: ["role.created"] });
    const worker = new WebhookWorker();
    await worker.start();
    const latencies: number[] = [];
    for (let i = 0; i < LATENCY_EVENTS; i++) {
      const s = performance.now();
      const target = rx.count() + 1;
      await withTenantScope(single.id, (tx) => publishEvent(tx, sys, { tenantId: single.id, action: "role.created", targetType: "role", targetId: `role_l${i}`, after: { name: `l${i}` } }));
      await rx.waitFor(target);
      latencies.push(performance.now() - s);
      await new Promise((r) => setTimeout(r, 5));
    }
    await worker.stop();
    return {
      update_p50_ms_without_endpoints: without,
      update_p50_ms_with_10_endpoints: withTen,
      update_p50_ratio: Math.round((withTen / without) * 100) / 100,
      delivery_events_per_second: rate,
      delivery_concurrency: 64,
      publish_to_delivery_p50_ms: pct(latencies, 50),
      publish_to_delivery_p99_ms: pct(latencies, 99),
    };
  } finally {
    await rx.close();
    await closePools();
  }
}

export function formatWebhookBench(b: WebhookBench): string {
  return [
    `tenant update p50: ${b.update_p50_ms_without_endpoints} ms without endpoints, ${b.update_p50_ms_with_10_endpoints} ms with 10 subscribed → ${b.update_p50_ratio}× (goal ≤ 1.15×) ${b.update_p50_ratio <= 1.15 ? "✓" : "✗"}`,
    `webhook delivery to a loopback receiver: ${b.delivery_events_per_second} events/s (goal ≥ 500/s) ${b.delivery_events_per_second >= 500 ? "✓" : "✗"}`,
    `publish-to-delivery (commit, NOTIFY, claim, POST): p50 ${b.publish_to_delivery_p50_ms} ms, p99 ${b.publish_to_delivery_p99_ms} ms`,
  ].join("\n");
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const { openDatabase } = await import("../scripts/lib/database");
  const { migrate } = await import("@/lib/db/migrate");
  const port = Number(process.env.BENCH_PG_PORT ?? 54369);
  const db = await openDatabase({ dir: `.data/pg-bench-webhooks-${port}`, port, database: "atrium_bench_webhooks", fresh: true });
  try {
    await migrate(db.url);
    const b = await benchWebhooks(db.url);
    console.log(`\n${formatWebhookBench(b)}`);
    console.log(JSON.stringify(b));
  } finally {
    await db.stop();
  }
}
