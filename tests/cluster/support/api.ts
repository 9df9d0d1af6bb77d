import { systemCaller } from "@/lib/auth/caller";
import { createPlatformApiKey } from "@/lib/auth/api-keys";
import { hostRequest, type HostResponse } from "../../../scripts/lib/host-request";
import type { TwoInstances } from "./two-instances";

type Request = Parameters<typeof hostRequest>[1];

/** Somewhere to send a request: one instance directly, or Caddy (which picks one). */
export type Target = { name: string; send(r: Request): Promise<HostResponse> };

export function targets(c: TwoInstances): { a: Target; b: Target; caddy: Target } {
  return {
    a: { name: "instance a", send: (r) => hostRequest(c.a.url, r) },
    b: { name: "instance b", send: (r) => hostRequest(c.b.url, r) },
    caddy: { name: "caddy", send: (r) => c.viaCaddy(r) },
  };
}

export type ApiResponse = HostResponse & { data: Record<string, unknown> & { [k: string]: unknown }; errorCode: string | undefined };

/** A JSON API call with a bearer key or a session cookie, on `host`. */
export async function api(
  target: Target,
  o: { host: string; method?: string; path: string; key?: string; cookie?: string; body?: unknown; headers?: Record<string, string> },
): Promise<ApiResponse> {
  const headers: Record<string, string> = { accept: "application/json", ...o.headers };
  if (o.key) headers.authorization = `Bearer ${o.key}`;
  if (o.cookie) headers.cookie = o.cookie;
  if (o.body !== undefined) headers["content-type"] = "application/json";
  const res = await target.send({ host: o.host, method: o.method, path: o.path, headers, body: o.body === undefined ? undefined : JSON.stringify(o.body) });
  let parsed: { data?: Record<string, unknown>; error?: { code?: string } } = {};
  try {
    parsed = res.json();
  } catch {
    // Not JSON (a page, Caddy's own error): data stays empty and the status tells.
  }
  return { ...res, data: parsed.data ?? {}, errorCode: parsed.error?.code };
}

/** A platform API key with every permission, made the way `npm run cli -- api-key:create --platform` makes one. */
export async function platformKey(name: string): Promise<string> {
  return (await createPlatformApiKey(systemCaller("cluster test"), { name: `${name}-${Date.now().toString(36)}` })).key;
}

let counter = 0;
/** A unique lowercase word for slugs and emails. */
export const uniq = (prefix: string) => `${prefix}${Date.now().toString(36)}${(counter++).toString(36)}`;

/** POST /api/v1/tenants (waits for provisioning: 201 with the active tenant). */
export async function createTenant(target: Target, o: { host: string; key: string; slug?: string; headers?: Record<string, string> }): Promise<ApiResponse> {
  const slug = o.slug ?? uniq("cl-");
  return api(target, {
    host: o.host,
    method: "POST",
    path: "/api/v1/tenants",
    key: o.key,
    headers: o.headers,
    body: { tenant: { name: `Cluster ${slug}`, slug, plan: "professional", admin_user: { email: `owner@${slug}.test`, name: "Owner" } } },
  });
}
