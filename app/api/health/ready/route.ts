import { checkReadiness } from "@/lib/server/check-readiness";

export const dynamic = "force-dynamic";

/**
 * Readiness, for load balancers and orchestrators, on any host (HOST_INDEPENDENT_PATHS):
 * 200 when PostgreSQL answers, every migration is applied and the process is not
 * draining; 503 naming the check that failed otherwise. No auth, no tenant data.
 */
export async function GET(): Promise<Response> {
  const { ready, checks } = await checkReadiness();
  return Response.json({ status: ready ? "ok" : "unavailable", checks }, { status: ready ? 200 : 503, headers: { "Cache-Control": "no-store" } });
}
