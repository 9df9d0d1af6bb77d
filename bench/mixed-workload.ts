// The mixed read workload of the capacity and soak benches (issue 15 §6), over
// the seeded tenants (bench/seed-tenants.ts): a platform key reading a tenant by
// id, pages of the tenant list and a tenant's member list on the console host,
// and members opening their portal's home page on their tenant's host with a
// real session (a row in auth_sessions and the signed next-auth cookie, as
// signing in makes). Every kind is checked once before any timing.
import { encode } from "next-auth/jwt";
import pg from "pg";
import { request, type Call, type Target } from "./load";
import { sampleTenantIds } from "./seed-tenants";

export const MIX = { "tenant by id": 4, "tenant list page": 2, "member list": 2, "portal page": 2 } as const;
export type MixKind = keyof typeof MIX;
const PORTAL_MEMBERS = 30;
const LIST_PAGES = [
  "page_size=50",
  "page=2&page_size=50&sort=name&order=asc",
  "page=10&page_size=50&sort=created_at&order=asc",
  "page=40&page_size=50&sort=updated_at&order=desc",
  "page=5&page_size=50&status=active",
];

/** Members signed in to their tenant's portal: one owner each of `n` active tenants. */
async function portalMembers(url: string, n: number): Promise<{ tenantId: string; slug: string; userId: string }[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const { rows } = await client.query<{ tenant_id: string; slug: string; user_id: string }>(
      `SELECT t.id AS tenant_id, t.slug, m.user_id FROM tenants t
         JOIN memberships m ON m.tenant_id = t.id AND m.role = 'owner' AND m.status = 'active'
        WHERE t.status = 'active' ORDER BY md5(t.id || 'mixed') LIMIT $1`,
      [n],
    );
    return rows.map((r) => ({ tenantId: r.tenant_id, slug: r.slug, userId: r.user_id }));
  } finally {
    await client.end();
  }
}

/**
 * Sessions created as a password sign-in does (lib/auth/sessions/create-auth-session.ts), in this
 * process on the app's pool: needs DATABASE_URL and NEXTAUTH_SECRET as the servers have them.
 */
async function signIn(members: { tenantId: string; slug: string; userId: string }[], rootDomain: string): Promise<{ host: string; cookie: string }[]> {
  const { createAuthSession } = await import("@/lib/auth/sessions/create-auth-session");
  const { closePools } = await import("@/lib/db/pools");
  try {
    const out: { host: string; cookie: string }[] = [];
    for (const m of members) {
      const host = `${m.slug}.${rootDomain}`;
      const { id } = await createAuthSession({ userId: m.userId, kind: "member", tenantId: m.tenantId, host, ip: "127.0.0.1", userAgent: "atrium-bench", method: "password", secondFactor: null });
      const token = await encode({ token: { sub: m.userId, host, kind: "member", tenantId: m.tenantId, sid: id }, secret: process.env.NEXTAUTH_SECRET! });
      out.push({ host, cookie: `next-auth.session-token=${token}` });
    }
    return out;
  } finally {
    await closePools();
  }
}

/** A deterministic interleaving of the four kinds in MIX's proportions, ~1,000 calls long. */
export async function mixedWorkload(url: string, rootDomain: string, platformKey: string): Promise<Call[]> {
  const [ids, members] = await Promise.all([sampleTenantIds(url, 300), portalMembers(url, PORTAL_MEMBERS)]);
  const sessions = await signIn(members, rootDomain);
  const memberTenants = members.map((m) => m.tenantId);
  // Targets carry no credentials: each call brings the platform key or a member's cookie.
  const api = { authorization: `Bearer ${platformKey}`, accept: "application/json" };
  const make: Record<MixKind, (i: number) => Call> = {
    "tenant by id": (i) => ({ label: "tenant by id", path: `/api/v1/tenants/${ids[i % ids.length]}`, headers: api }),
    "tenant list page": (i) => ({ label: "tenant list page", path: `/api/v1/tenants?${LIST_PAGES[i % LIST_PAGES.length]}`, headers: api }),
    "member list": (i) => ({ label: "member list", path: `/api/v1/tenants/${memberTenants[(i * 7) % memberTenants.length]}/users?page_size=50`, headers: api }),
    "portal page": (i) => {
      const s = sessions[i % sessions.length];
      return { label: "portal page", path: "/", headers: { host: s.host, cookie: s.cookie, accept: "text/html" } };
    },
  };
  const calls: Call[] = [];
  for (let round = 0; round < 100; round++) {
    for (const [kind, weight] of Object.entries(MIX) as [MixKind, number][]) {
      for (let k = 0; k < weight; k++) calls.push(make[kind](round * weight + k));
    }
  }
  // Spread the kinds (a fixed shuffle), so no stretch of the run is all portal pages.
  let seed = 42;
  const rnd = () => ((seed = (seed * 1103515245 + 12345) & 0x7fffffff) / 0x7fffffff);
  for (let i = calls.length - 1; i > 0; i--) {
    const j = Math.floor(rnd() * (i + 1));
    [calls[i], calls[j]] = [calls[j], calls[i]];
  }
  return calls;
}

/** Each kind once through `t`: a 200, and the portal page signed in (not the sign-in prompt). */
export async function checkMixedWorkload(t: Target, calls: Call[]): Promise<void> {
  for (const kind of Object.keys(MIX)) {
    const call = calls.find((c) => c.label === kind)!;
    const r = await request(t, call);
    if (r.status !== 200) throw new Error(`${t.name}: ${kind} GET ${call.path} answered ${r.status}: ${r.body.slice(0, 300)}`);
    if (kind === "portal page" && !r.body.includes("Signed in as")) throw new Error(`${t.name}: the portal page was not signed in (no "Signed in as" on it): ${r.body.slice(0, 300)}`);
  }
}
