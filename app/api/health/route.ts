import { appPool, ownerPool } from "@/lib/db/pools";
import { log } from "@/lib/observability/logger";

export const dynamic = "force-dynamic";

/** Liveness and database state, for load balancers; no auth, no tenant data. */
export async function GET(): Promise<Response> {
  const started = performance.now();
  try {
    await appPool().query("SELECT 1");
    const { rows } = await ownerPool().query<{ migrations: number }>("SELECT count(*)::int AS migrations FROM _prisma_migrations WHERE finished_at IS NOT NULL");
    const body = { status: "ok", database: { status: "up", latency_ms: Math.round(performance.now() - started), migrations_applied: rows[0].migrations } };
    return Response.json(body, { headers: { "Cache-Control": "no-store" } });
  } catch (err) {
    log.error({ component: "health", err }, "database check failed");
    return Response.json({ status: "degraded", database: { status: "down" } }, { status: 503, headers: { "Cache-Control": "no-store" } });
  }
}
