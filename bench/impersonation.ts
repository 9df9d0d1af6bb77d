// `npm run bench:impersonation`: what support access costs (issue 13 §6).
// An embedded PostgreSQL (own port), one tenant with an owner and a staff
// account, then:
//  - p50/p95 of resolving the portal "member" behind a session cookie, for an
//    ordinary member session and for a support session (which reads its grant
//    on every request instead of a membership), 400 requests each, alternating;
//  - 20 parallel approvals of one request (one wins, 19 answer 409): wall time;
//  - revoking a grant with 20 open support sessions (the grant and its sessions
//    end in one transaction): p50 over 20 grants.
// Writes bench/results/impersonation.json. Stops its PostgreSQL on exit.
import { mkdir, writeFile } from "node:fs/promises";
import { encode } from "next-auth/jwt";
import pg from "pg";
import { migrate } from "@/lib/db/migrate";
import { openDatabase } from "../scripts/lib/database";
import { percentile as pct } from "./load";

const PORT = 54367;
const REQUESTS = 400;

// Its own PostgreSQL process (scripts/lib/database.ts), which goes with this one however it ends.
let stopDb: () => Promise<void> = async () => {};
const round = (n: number, d = 2) => Math.round(n * 10 ** d) / 10 ** d;

async function main() {
  const db = await openDatabase({ dir: ".data/pg-bench-impersonation", port: PORT, database: "atrium_bench_imp", fresh: true });
  stopDb = db.stop;
  process.env.DATABASE_URL = db.url;
  process.env.NEXTAUTH_SECRET ??= "bench-secret-0123456789abcdef0123456789";
  await migrate(db.url);
  const { NO_META } = await import("@/lib/auth/caller");
  const { PLATFORM_ROLE_PERMISSIONS } = await import("@/lib/auth/permissions");
  const { memberFromSessionCookie } = await import("@/lib/auth/session-caller");
  const { createAuthSession } = await import("@/lib/auth/sessions/create-auth-session");
  const { requestImpersonation } = await import("@/lib/impersonation/request-impersonation");
  const { decideImpersonationRequest } = await import("@/lib/impersonation/decide-impersonation-request");
  const { revokeImpersonationGrant } = await import("@/lib/impersonation/revoke-impersonation-grant");
  const { closePools } = await import("@/lib/db/pools");

  const tenantId = "tenant_bench0000000001";
  const host = "bench.localhost:3000";
  const owner = new pg.Client({ connectionString: db.url });
  await owner.connect();
  await owner.query("INSERT INTO tenants (id, name, slug, schema_name, plan, status) VALUES ($1, 'Bench', 'bench', 'tenant_bench', 'professional', 'active')", [tenantId]);
  await owner.query("INSERT INTO users (id, email, name) VALUES ('user_benchowner000001', 'owner@bench.test', 'Owner')");
  await owner.query("INSERT INTO memberships (tenant_id, user_id, role, status) VALUES ($1, 'user_benchowner000001', 'owner', 'active')", [tenantId]);
  await owner.query("INSERT INTO users (id, email, name, platform_role) VALUES ('user_benchstaff000001', 'staff@atrium.test', 'Staff', 'admin')");
  await owner.end();

  const staff = { kind: "user" as const, id: "user_benchstaff000001", label: "staff@atrium.test", platformRole: "admin" as const, permissions: new Set(PLATFORM_ROLE_PERMISSIONS.admin), meta: NO_META };
  const ownerActor = { kind: "member" as const, userId: "user_benchowner000001", tenantId, label: "owner@bench.test", meta: NO_META };
  const body = { reason: "Bench ticket", duration_minutes: 240, mode: "full" };
  const cookieFor = async (userId: string, grantId?: string) => {
    const { id } = await createAuthSession({ userId, kind: "member", tenantId, host, ip: null, userAgent: "bench", method: grantId ? "impersonation" : "password", secondFactor: null, impersonationGrantId: grantId ?? null });
    return `next-auth.session-token=${await encode({ token: { sub: userId, host, kind: "member", tenantId, sid: id }, secret: process.env.NEXTAUTH_SECRET! })}`;
  };

  const grant = await requestImpersonation(staff, tenantId, body);
  await decideImpersonationRequest(ownerActor, tenantId, grant.id, "approve");
  const cookies = { member: await cookieFor(ownerActor.userId), support: await cookieFor(staff.id, grant.id) };
  const times: Record<"member" | "support", number[]> = { member: [], support: [] };
  for (let i = 0; i < REQUESTS; i++) {
    for (const kind of ["member", "support"] as const) {
      const t = performance.now();
      const m = await memberFromSessionCookie(cookies[kind], host, tenantId, NO_META);
      times[kind].push(performance.now() - t);
      if (!m) throw new Error(`${kind} session refused`);
    }
  }

  const contested = await requestImpersonation(staff, tenantId, body);
  const t0 = performance.now();
  const outcomes = await Promise.allSettled(Array.from({ length: 20 }, () => decideImpersonationRequest(ownerActor, tenantId, contested.id, "approve")));
  const parallelMs = performance.now() - t0;
  const approved = outcomes.filter((o) => o.status === "fulfilled").length;

  const revokes: number[] = [];
  for (let i = 0; i < 20; i++) {
    const g = await requestImpersonation(staff, tenantId, body);
    await decideImpersonationRequest(ownerActor, tenantId, g.id, "approve");
    for (let s = 0; s < 20; s++) await cookieFor(staff.id, g.id);
    const t = performance.now();
    await revokeImpersonationGrant(ownerActor, tenantId, g.id);
    revokes.push(performance.now() - t);
  }

  const result = {
    session_resolution_ms: {
      member: { p50: round(pct(times.member, 50)), p95: round(pct(times.member, 95)) },
      support: { p50: round(pct(times.support, 50)), p95: round(pct(times.support, 95)) },
    },
    parallel_approvals: { requests: 20, approved, wall_ms: round(parallelMs, 0) },
    revoke_with_20_sessions_ms: { p50: round(pct(revokes, 50)), p95: round(pct(revokes, 95)) },
  };
  console.log(JSON.stringify(result, null, 2));
  await mkdir("bench/results", { recursive: true });
  await writeFile("bench/results/impersonation.json", `${JSON.stringify(result, null, 2)}\n`);
  await closePools();
}

main()
  .catch((e) => {
    console.error(e);
    process.exitCode = 1;
  })
  .finally(() => stopDb());
