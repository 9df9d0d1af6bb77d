// GET /api/v1/search (the command palette's search) over the bench's 10,000 tenants and their
// ~30,000 accounts, with a verified custom domain for the enterprise tenants that declare one and
// API keys for about a third of the tenants: sequential requests through Atrium's server with a
// platform key holding every permission (so every type is searched), per kind of query.
import pg from "pg";
import { percentile, request, sequential, type Target } from "./load";

export type SearchBench = {
  tenants: number;
  users: number;
  domains: number;
  api_keys: number;
  requests_per_kind: number;
  kinds: { kind: string; q: string; p50_ms: number; p95_ms: number; results: number }[];
  overall: { p50_ms: number; p95_ms: number };
};

const PER_KIND = 150;

export async function benchSearch(url: string, app: Target, log: (m: string) => void): Promise<SearchBench> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  let sample: { slug: string; domain: string; email: string; key_prefix: string; counts: { tenants: number; users: number; domains: number; api_keys: number } };
  try {
    await client.query(
      `INSERT INTO tenant_domains (tenant_id, id, domain, verification_token, status, verified_at)
       SELECT id, 'dom_' || substr(md5('d' || id), 1, 16), domain, 'tok', 'verified', now() FROM tenants WHERE domain IS NOT NULL
       ON CONFLICT DO NOTHING`,
    );
    await client.query(
      `INSERT INTO api_keys (id, name, scope, tenant_id, prefix, key_hash, permissions)
       SELECT 'key_' || substr(md5('k' || id), 1, 16), 'Deploy key ' || slug, 'tenant', id, 'atr_' || substr(md5('p' || id), 1, 8), md5('h' || id), ARRAY['members:read']
       FROM tenants WHERE abs(hashtext(id)) % 3 = 0
       ON CONFLICT DO NOTHING`,
    );
    await client.query("ANALYZE tenants, tenant_domains, users, api_keys");
    const one = async <T>(sql: string) => (await client.query(sql)).rows[0] as T;
    sample = {
      slug: (await one<{ slug: string }>("SELECT slug FROM tenants ORDER BY md5(id) LIMIT 1")).slug,
      domain: (await one<{ domain: string }>("SELECT domain FROM tenant_domains ORDER BY md5(id) LIMIT 1")).domain,
      email: (await one<{ email: string }>("SELECT email FROM users ORDER BY md5(id) LIMIT 1")).email,
      key_prefix: (await one<{ prefix: string }>("SELECT prefix FROM api_keys WHERE scope = 'tenant' ORDER BY md5(id) LIMIT 1")).prefix,
      counts: await one(
        "SELECT (SELECT count(*) FROM tenants)::int AS tenants, (SELECT count(*) FROM users)::int AS users, (SELECT count(*) FROM tenant_domains)::int AS domains, (SELECT count(*) FROM api_keys)::int AS api_keys",
      ),
    };
  } finally {
    await client.end();
  }
  const kinds = [
    { kind: "exact slug", q: sample.slug },
    { kind: "custom domain", q: sample.domain },
    { kind: "email", q: sample.email },
    { kind: "key prefix", q: sample.key_prefix },
    { kind: "name prefix (many matches)", q: "Summit" },
    { kind: "substring", q: "logist" },
    { kind: "misspelt name", q: "Nortwind Robotcs" },
    { kind: "one letter", q: "a" },
    { kind: "no match", q: "qzxv-nothing" },
  ];
  const path = (q: string) => `/api/v1/search?q=${encodeURIComponent(q)}`;
  // Warm-up: the server's first requests compile and fill its pools.
  await sequential(app, kinds.map((k) => path(k.q)), 60);
  const all: number[] = [];
  const measured: SearchBench["kinds"] = [];
  for (const k of kinds) {
    const stats = await sequential(app, [path(k.q)], PER_KIND);
    if (stats.errors) throw new Error(`search bench: ${stats.firstError}`);
    all.push(...stats.latencies);
    const results = (JSON.parse((await request(app, path(k.q))).body) as { data: { results: unknown[] } }).data.results.length;
    measured.push({ kind: k.kind, q: k.q, p50_ms: round(percentile(stats.latencies, 50)), p95_ms: round(percentile(stats.latencies, 95)), results });
    log(`search "${k.q}" (${k.kind}): p50 ${measured.at(-1)!.p50_ms} ms`);
  }
  return { ...sample.counts, requests_per_kind: PER_KIND, kinds: measured, overall: { p50_ms: round(percentile(all, 50)), p95_ms: round(percentile(all, 95)) } };
}

const round = (ms: number) => Math.round(ms * 10) / 10;

export function formatSearchBench(r: SearchBench): string {
  const lines = r.kinds.map((k) => `  ${k.kind.padEnd(28)} p50 ${String(k.p50_ms).padStart(6)} ms  p95 ${String(k.p95_ms).padStart(6)} ms  (${k.results} results for "${k.q}")`);
  return [
    `GET /api/v1/search over ${r.tenants.toLocaleString("en-US")} tenants, ${r.users.toLocaleString("en-US")} accounts, ${r.domains.toLocaleString("en-US")} domains, ${r.api_keys.toLocaleString("en-US")} API keys (${r.requests_per_kind} sequential requests per kind):`,
    ...lines,
    `  all kinds: p50 ${r.overall.p50_ms} ms, p95 ${r.overall.p95_ms} ms (goal: p50 ≤ 100 ms)`,
  ].join("\n");
}
