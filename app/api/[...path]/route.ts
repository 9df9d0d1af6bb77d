import { AppError } from "@/lib/http/errors";
import { failure } from "@/lib/http/respond";

/**
 * Any path under /api/ that no route serves: the JSON envelope, not the HTML
 * 404 page, since API clients parse the body. Every real route is more
 * specific than this catch-all, so Next matches it only when nothing else does.
 */
function notFound(req: Request): Response {
  const { pathname } = new URL(req.url);
  return failure(new AppError("not_found", `No API endpoint at ${req.method} ${pathname}; the endpoints are listed in /api/v1/openapi.json`));
}

export const GET = notFound;
export const HEAD = notFound;
export const POST = notFound;
export const PUT = notFound;
export const PATCH = notFound;
export const DELETE = notFound;
export const OPTIONS = notFound;
