import { createHash, timingSafeEqual } from "node:crypto";
import { env } from "@/lib/env";
import { AppError } from "@/lib/http/errors";

const digest = (s: string) => createHash("sha256").update(s).digest();

/**
 * Whether a scrape may read /api/metrics: `Authorization: Bearer <METRICS_TOKEN>`.
 * Compared as SHA-256 digests with timingSafeEqual, so neither the content nor
 * the length of the token leaks through timing. Without METRICS_TOKEN the
 * endpoint does not exist (404), so it is never open by accident.
 */
export function authorizeScrape(req: Request): void {
  const token = env.metricsToken;
  if (!token) throw new AppError("not_found", "No API endpoint at GET /api/metrics: set METRICS_TOKEN to serve the Prometheus metrics");
  const match = /^Bearer[ \t]+(\S+)[ \t]*$/i.exec(req.headers.get("authorization") ?? "");
  if (!match) {
    throw new AppError("authentication_required", "Send the metrics token as Authorization: Bearer <METRICS_TOKEN>", undefined, { "WWW-Authenticate": 'Bearer realm="atrium-metrics"' });
  }
  if (!timingSafeEqual(digest(match[1]), digest(token))) {
    throw new AppError("authentication_required", "The metrics token is not valid", undefined, { "WWW-Authenticate": 'Bearer realm="atrium-metrics", error="invalid_token"' });
  }
}
