// `npm run bench:notifications`: what a broadcast costs (issue 14 §4).
// An embedded PostgreSQL (own port), 1,000 active tenants with 10 members
// each (every fifth member with mail off, every tenth with in-app off), then:
//  - p50/p95 of the audience preview (dry run) for "all" and for a plan, 50 each;
//  - one broadcast to all 1,000 tenants sent by the job's code (one transaction
//    per tenant: notification, inbox rows, outbox mails, audit row): wall time,
//    tenants/s and deliveries/s;
//  - a member's inbox (latest 8 with the unread count, as the bell asks) with
//    30 messages in it: p50/p95 over 400 reads; mark all read: p50 over 50.
// Writes bench/results/notifications.json. Stops its PostgreSQL on exit.
import pg from "pg";
import { migrate } from "@/lib/db/migrate";
import { openDatabase } from "../scripts/lib/database";
import { percentile as pct, writeBenchResult } from "./load";

const PORT = 54465;
const TENANTS = 1000;
const MEMBERS = 10;

let stopDb: () => Promise<void> = async () => {};
const round = (n: number, d = 2) => Math.round(n * 10 ** d) / 10 ** d;

async function timed(n: number, fn: () => Promise<unknown>): Promise<{ p50: number; p95: number }> {
  const times: number[] = [];
  for (let i = 0; i < n; i++) {
    const t = performance.now();
    await fn();
    times.push(performance.now() - t);
  }
  return { p50: round(pct(times, 50)), p95: round(pct(times, 95)) };
}

async function main() {
  const db = await openDatabase({ dir: ".data/pg-bench-notifications", port: PORT, database: "atrium_bench_ntf", fresh: true });
  stopDb = db.stop;
  process.env.DATABASE_URL = db.url;
  await migrate(db.url);
  const { NO_META } = await import("@/lib/auth/caller");
  const { PLATFORM_ROLE_PERMISSIONS } = await import("@/lib/auth/permissions");
  const { createBroadcast } = await import("@/lib/notifications/create-broadcast");
  const { sendBroadcast } = await import("@/lib/notifications/send-broadcast");
  const { listInbox, markAllRead, memberInbox } = await import("@/lib/notifications/inbox");
  const { sendTenantNotification } = await import("@/lib/notifications/send-tenant-notification");
  const { platformActor } = await import("@/lib/tenant-access/tenant-actor");
  const { closePools } = await import("@/lib/db/pools");

  const owner = new pg.Client({ connectionString: db.url });
  await owner.connect();
  await owner.query(
    `INSERT INTO tenants (id, name, slug, schema_name, plan, status)
     SELECT 'tenant_b' || lpad(i::text, 15, '0'), 'Bench ' || i, 'bench-' || i, 'tenant_bench_' || i, (ARRAY['basic','professional','enterprise'])[1 + i % 3], 'active'
     FROM generate_series(1, $1) i`,
    [TENANTS],
  );
  await owner.query(
    `INSERT INTO users (id, email, name) SELECT 'user_b' || lpad((t * 100 + m)::text, 15, '0'), 'm' || m || '@bench-' || t || '.test', 'Member ' || m
     FROM generate_series(1, $1) t, generate_series(1, $2) m`,
    [TENANTS, MEMBERS],
  );
  await owner.query(
    `INSERT INTO memberships (tenant_id, user_id, role, status, preferences)
     SELECT 'tenant_b' || lpad(t::text, 15, '0'), 'user_b' || lpad((t * 100 + m)::text, 15, '0'), CASE WHEN m = 1 THEN 'owner' ELSE 'member' END, 'active',
       CASE WHEN m % 5 = 0 THEN '{"notifications":{"email":false}}'::jsonb WHEN m % 10 = 3 THEN '{"notifications":{"in_app":false}}'::jsonb ELSE '{}'::jsonb END
     FROM generate_series(1, $1) t, generate_series(1, $2) m`,
    [TENANTS, MEMBERS],
  );
  await owner.query("ANALYZE");

  const staff = { kind: "user" as const, id: "user_benchstaff000001", label: "staff@atrium.test", platformRole: "admin" as const, permissions: new Set(PLATFORM_ROLE_PERMISSIONS.admin), meta: NO_META };
  const previewAll = await timed(50, () => createBroadcast(staff, { filter: "all", dry_run: true }));
  const previewPlan = await timed(50, () => createBroadcast(staff, { filter: { plan: "enterprise" }, dry_run: true }));

  const created = await createBroadcast(staff, { filter: "all", title: "Scheduled maintenance", body: "Saturday 02:00–04:00 UTC", severity: "maintenance" });
  if (created.dry_run) throw new Error("expected a broadcast");
  const t0 = performance.now();
  const sent = await sendBroadcast(created.broadcast.id);
  const sendMs = performance.now() - t0;
  const [{ inbox, mails }] = (
    await owner.query<{ inbox: number; mails: number }>(
      "SELECT (SELECT count(*)::int FROM notification_recipients) AS inbox, (SELECT count(*)::int FROM mail_outbox WHERE kind = 'notification') AS mails",
    )
  ).rows;

  const tenantId = `tenant_b${"1".padStart(15, "0")}`;
  const me = memberInbox({ kind: "member", tenantId, userId: `user_b${"102".padStart(15, "0")}`, label: "m2", meta: NO_META });
  for (let i = 0; i < 29; i++) await sendTenantNotification(platformActor(staff), tenantId, { title: `Notice ${i}`, body: "Body", severity: "info" });
  const inboxRead = await timed(400, () => listInbox(me, { limit: 8 }));
  const markAll = await timed(50, () => markAllRead(me));
  await owner.end();

  const result = {
    tenants: TENANTS,
    members: TENANTS * MEMBERS,
    audience_preview_ms: { all: previewAll, plan: previewPlan },
    broadcast_all: { tenants_sent: sent.tenants, failed: sent.failed, inbox_rows: inbox, mails_queued: mails, wall_s: round(sendMs / 1000), tenants_per_s: round(sent.tenants / (sendMs / 1000), 0), deliveries_per_s: round((inbox + mails) / (sendMs / 1000), 0) },
    inbox_latest_8_with_30_ms: inboxRead,
    mark_all_read_ms: markAll,
  };
  await writeBenchResult("notifications", result);
  await closePools();
}

main()
  .catch((e) => {
    console.error(e);
    process.exitCode = 1;
  })
  .finally(() => stopDb());
