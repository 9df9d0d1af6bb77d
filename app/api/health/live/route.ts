export const dynamic = "force-dynamic";

/** Liveness: the process answers. No database, no tenant; answered on any host (a probe by IP included). */
export function GET(): Response {
  return Response.json({ status: "ok" }, { headers: { "Cache-Control": "no-store" } });
}
