// Bulk seed for the benchmark: N tenants with 1–5 members each and a week of
// usage events (and their rollups), written with set-based SQL through the owner connection (a few
// seconds for 10,000 tenants). Deterministic: the same N gives the same rows.
import pg from "pg";
import { PLAN_DEFINITIONS, PLANS } from "@/lib/tenants/plans";
import { PROVISIONING_STEPS } from "@/lib/tenants/serialize-tenant";
import { buildRollupsFromRaw } from "./usage-rollups";

const ADJECTIVES = ["Acme", "Blue", "Northwind", "Summit", "Quantum", "Silver", "Crimson", "Evergreen", "Granite", "Harbor", "Ironclad", "Juniper", "Keystone", "Lumen", "Meridian", "Nimbus", "Orchid", "Pioneer", "Redwood", "Sable", "Tidal", "Union", "Vertex", "Willow", "Zenith", "Atlas", "Beacon", "Cobalt", "Delta", "Ember"];
const NOUNS = ["Analytics", "Logistics", "Health", "Robotics", "Foods", "Capital", "Labs", "Media", "Energy", "Systems", "Freight", "Studios", "Networks", "Outfitters", "Dynamics", "Pharma", "Retail", "Ventures", "Works", "Holdings"];
const SUFFIXES = ["Inc.", "LLC", "GmbH", "Ltd", "Group", "Co.", "SA", "AB"];
const FIRST = ["Ada", "Ben", "Chloe", "Dev", "Elena", "Farid", "Grace", "Hiro", "Ines", "Jonas", "Kemi", "Luca", "Maya", "Nils", "Olu", "Priya", "Quinn", "Rosa", "Sven", "Tara"];
const LAST = ["Nakamura", "Okafor", "Silva", "Schmidt", "Kowalski", "Haddad", "Larsen", "Moreau", "Patel", "Rossi", "Novak", "Garcia", "Kim", "Ivanova", "Brennan"];
const ROLES = ["admin", "manager", "member", "member", "viewer"];

export type SeedSummary = { tenants: number; users: number; memberships: number; usageRows: number; ms: number };

/** Seeds `count` tenants into an empty, migrated database. `url` must be the owner (it bypasses RLS). */
export async function seedTenants(url: string, count: number): Promise<SeedSummary> {
  const started = performance.now();
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query("BEGIN");
    await client.query("SELECT setseed(0.4242)");
    const plans = Object.fromEntries(PLANS.map((p) => [p, { limits: PLAN_DEFINITIONS[p].limits, features: PLAN_DEFINITIONS[p].features }]));
    // One pass of random draws per tenant (r1..r6), then every column derives from them.
    await client.query(
      `WITH draw AS (
         SELECT g, random() AS r1, random() AS r2, random() AS r3, random() AS r4, random() AS r5, random() AS r6
         FROM generate_series(1, $1::int) AS g
       ), base AS (
         SELECT g, r3, r4, r5, r6,
           ($2::text[])[1 + abs(hashtext('a' || g)) % cardinality($2::text[])] || ' ' || ($3::text[])[1 + abs(hashtext('n' || g)) % cardinality($3::text[])] || ' ' || ($4::text[])[1 + abs(hashtext('s' || g)) % cardinality($4::text[])] AS name,
           CASE WHEN r1 < 0.55 THEN 'basic' WHEN r1 < 0.88 THEN 'professional' ELSE 'enterprise' END AS plan,
           CASE WHEN r2 < 0.85 THEN 'active' WHEN r2 < 0.91 THEN 'suspended' WHEN r2 < 0.95 THEN 'archived' WHEN r2 < 0.998 THEN 'pending_deletion' ELSE 'provisioning' END AS status
         FROM draw
       ), named AS (
         -- Provisioning is minutes-long: those few tenants are brand new; the rest span two years.
         SELECT *, trim(both '-' from regexp_replace(lower(name), '[^a-z0-9]+', '-', 'g')) || '-' || g AS slug,
           date_trunc('milliseconds', now() - make_interval(secs => r3 * CASE WHEN status = 'provisioning' THEN 60 ELSE 730 * 86400 END)) AS created_at
         FROM base
       )
       INSERT INTO tenants (id, name, slug, schema_name, domain, plan, status, is_trial, trial_ends_at, settings, features, limits, branding, provisioning, version,
                            suspended_at, suspended_reason, archived_at, status_before_deletion, deletion_scheduled_at, final_deletion_date, created_at, updated_at)
       SELECT 'tenant_' || substr(md5('tenant:' || g), 1, 16), name, slug, 't_' || replace(slug, '-', '_'),
         CASE WHEN plan = 'enterprise' AND r4 < 0.5 THEN 'portal.' || slug || '.example.com' END,
         plan, status,
         r5 < 0.1, CASE WHEN r5 < 0.1 THEN created_at + interval '14 days' END,
         jsonb_build_object('timezone', (ARRAY['UTC','Europe/London','America/New_York','Asia/Tokyo','Europe/Berlin'])[1 + g % 5], 'currency', (ARRAY['USD','EUR','GBP','JPY'])[1 + g % 4], 'locale', 'en-US', 'date_format', '%Y-%m-%d', 'time_format', '%H:%M'),
         $5::jsonb -> plan -> 'features', $5::jsonb -> plan -> 'limits',
         CASE WHEN r6 < 0.4 THEN jsonb_build_object('primary_color', '#' || substr(md5('c' || g), 1, 6), 'company_name', name) ELSE '{}'::jsonb END,
         CASE WHEN status = 'provisioning' THEN jsonb_build_object('status', 'in_progress', 'started_at', to_char(created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'),
                'steps', (SELECT jsonb_agg(jsonb_build_object('name', s, 'status', 'pending')) FROM unnest($6::text[]) s))
              ELSE jsonb_build_object('status', 'completed', 'started_at', to_char(created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'),
                'completed_at', to_char((created_at + interval '4 seconds') AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'),
                'steps', (SELECT jsonb_agg(jsonb_build_object('name', s, 'status', 'completed')) FROM unnest($6::text[]) s),
                'database', jsonb_build_object('schema_created', true, 'migrations_applied', true, 'migrations', jsonb_build_array('0001_init'), 'extensions_enabled', jsonb_build_array('pgcrypto')))
         END,
         1 + (g % 4),
         CASE WHEN status = 'suspended' THEN created_at + interval '30 days' END, CASE WHEN status = 'suspended' THEN 'Invoice overdue' END,
         CASE WHEN status = 'archived' THEN created_at + interval '60 days' END,
         CASE WHEN status = 'pending_deletion' THEN 'active' END,
         CASE WHEN status = 'pending_deletion' THEN now() - interval '1 day' END,
         CASE WHEN status = 'pending_deletion' THEN now() + interval '6 days' END,
         created_at, created_at + (now() - created_at) * r4
       FROM named`,
      [count, ADJECTIVES, NOUNS, SUFFIXES, JSON.stringify(plans), PROVISIONING_STEPS],
    );
    // 1–5 members per tenant, each a user of their own; ids derive from (tenant, k) so both inserts agree.
    await client.query(
      `CREATE TEMP TABLE bench_members ON COMMIT DROP AS
       SELECT t.id AS tenant_id, t.slug, t.created_at, k,
              'user_' || substr(md5(t.id || ':' || k), 1, 16) AS user_id,
              ($1::text[])[1 + abs(hashtext(t.id || k)) % cardinality($1::text[])] AS first,
              ($2::text[])[1 + abs(hashtext(k || t.id)) % cardinality($2::text[])] AS last
       FROM tenants t, generate_series(1, 1 + abs(hashtext(t.id)) % 5) AS k`,
      [FIRST, LAST],
    );
    const users = await client.query(
      `INSERT INTO users (id, email, name, created_at, updated_at)
       SELECT user_id, lower(first || '.' || last || '.' || k) || '@' || slug || '.example', first || ' ' || last, created_at, created_at FROM bench_members`,
    );
    const memberships = await client.query(
      `INSERT INTO memberships (tenant_id, user_id, role, status, joined_at, last_active_at)
       SELECT tenant_id, user_id, CASE WHEN k = 1 THEN 'owner' ELSE ($1::text[])[1 + k % cardinality($1::text[])] END,
              CASE WHEN random() < 0.9 THEN 'active' ELSE 'suspended' END, created_at, now() - make_interval(secs => random() * 7 * 86400)
       FROM bench_members`,
      [ROLES],
    );
    // A week of usage as raw events (a day's API calls, and the gauges the sampler would have measured),
    // then the rollups built from them as the ingest would have (bench/usage-rollups.ts).
    const usage = await client.query(
      `INSERT INTO usage_events (tenant_id, event_id, meter, value, occurred_at)
       SELECT t.id, 'bench-' || g.meter || '-' || d, g.meter,
              CASE g.meter
                WHEN 'api_calls' THEN (CASE t.plan WHEN 'basic' THEN 8000 WHEN 'professional' THEN 40000 ELSE 200000 END * (0.3 + random()))::int
                WHEN 'table_bytes' THEN round(CASE t.plan WHEN 'basic' THEN 2 WHEN 'professional' THEN 20 ELSE 200 END * (0.5 + random()) * 0.75 * 1073741824)
                WHEN 'index_bytes' THEN round(CASE t.plan WHEN 'basic' THEN 2 WHEN 'professional' THEN 20 ELSE 200 END * (0.5 + random()) * 0.25 * 1073741824)
                WHEN 'members' THEN m.n
                ELSE (random() * 10)::int END,
              CASE WHEN d = 0 THEN now() - interval '1 minute' ELSE date_trunc('day', now(), 'UTC') - make_interval(days => d) + interval '12 hours' END
       FROM tenants t
       JOIN (SELECT tenant_id, count(*)::int AS n FROM memberships GROUP BY tenant_id) m ON m.tenant_id = t.id
       CROSS JOIN generate_series(0, 6) AS d
       CROSS JOIN unnest(ARRAY['api_calls', 'table_bytes', 'index_bytes', 'members', 'db_connections']) AS g(meter)`,
    );
    await buildRollupsFromRaw(client, "event_id LIKE 'bench-%'");
    await client.query("COMMIT");
    // As autovacuum would within a minute or so of a bulk load: statistics, and the visibility map that lets the
    // list's page and count read their narrow indexes alone (index-only scans) rather than visit every row.
    await client.query("VACUUM (ANALYZE)");
    return { tenants: count, users: users.rowCount ?? 0, memberships: memberships.rowCount ?? 0, usageRows: usage.rowCount ?? 0, ms: Math.round(performance.now() - started) };
  } catch (err) {
    await client.query("ROLLBACK").catch(() => undefined);
    throw err;
  } finally {
    await client.end();
  }
}

/** A fixed sample of tenant ids to rotate GET /tenants/{id} over. */
export async function sampleTenantIds(url: string, n: number): Promise<string[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const { rows } = await client.query<{ id: string }>("SELECT id FROM tenants ORDER BY md5(id || 'bench') LIMIT $1", [n]);
    return rows.map((r) => r.id);
  } finally {
    await client.end();
  }
}
