import { failure } from "@/lib/http/respond";
import { authorizeScrape } from "@/lib/observability/metrics/authorize-scrape";
import { atriumMetrics } from "@/lib/observability/metrics/registry";

export const dynamic = "force-dynamic";

/**
 * Prometheus metrics of this process (and the database gauges every instance
 * shares), for a scraper holding METRICS_TOKEN. Answered on any host
 * (HOST_INDEPENDENT_PATHS): Prometheus scrapes each instance by address.
 * Not an API request itself: it goes through no apiRoute and counts nowhere.
 */
export async function GET(req: Request): Promise<Response> {
  try {
    authorizeScrape(req);
    const { registry } = atriumMetrics();
    return new Response(await registry.metrics(), { headers: { "Content-Type": registry.contentType, "Cache-Control": "no-store" } });
  } catch (err) {
    return failure(err);
  }
}
