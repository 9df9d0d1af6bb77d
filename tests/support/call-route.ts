type RouteHandler<P> = (req: Request, ctx: { params: Promise<P> }) => Promise<Response>;

/**
 * Calls a route handler the way Next does (a real Request, async params), so
 * integration tests exercise the handler, the services and PostgreSQL
 * without a server in between.
 */
export async function callRoute<P = Record<string, string>>(
  handler: RouteHandler<P>,
  opts: { method?: string; path?: string; params?: P; key?: string; headers?: Record<string, string>; body?: unknown; rawBody?: string },
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- tests assert on arbitrary JSON shapes
): Promise<{ status: number; headers: Headers; json: any }> {
  const headers: Record<string, string> = { host: "localhost:3000", ...opts.headers };
  if (opts.key) headers.authorization = `Bearer ${opts.key}`;
  let body: string | undefined = opts.rawBody;
  if (opts.body !== undefined) body = JSON.stringify(opts.body);
  if (body !== undefined) headers["content-type"] ??= "application/json";
  const req = new Request(`http://localhost:3000${opts.path ?? "/api/v1/tenants"}`, { method: opts.method ?? "GET", headers, body });
  const res = await handler(req, { params: Promise.resolve((opts.params ?? {}) as P) });
  const text = await res.text();
  return { status: res.status, headers: res.headers, json: text ? JSON.parse(text) : null };
}
