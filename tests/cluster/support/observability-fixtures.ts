import { randomBytes } from "node:crypto";
import { createPlatformApiKey } from "@/lib/auth/api-keys";
import { systemCaller } from "@/lib/auth/caller";
import { hostRequest } from "../../../scripts/lib/host-request";
import { parsePrometheus, type Sample } from "../../support/prometheus-text";

/** A platform API key with every permission, minted in the suite's database (as `npm run cli -- api-key:create --platform` does). */
export async function mintPlatformKey(): Promise<string> {
  return (await createPlatformApiKey(systemCaller("cluster test"), { name: `cluster-${randomBytes(4).toString("hex")}` })).key;
}

/** A tenant created through an instance's API, as a script would. */
export async function createTenantThrough(origin: string, rootDomain: string, key: string): Promise<{ id: string; slug: string }> {
  const slug = `obs-${randomBytes(4).toString("hex")}`;
  const res = await hostRequest(origin, {
    host: rootDomain,
    path: "/api/v1/tenants",
    method: "POST",
    headers: { authorization: `Bearer ${key}`, "content-type": "application/json" },
    body: JSON.stringify({ tenant: { name: `Observed ${slug}`, slug, plan: "professional", admin_user: { email: `owner@${slug}.test`, name: "Owner" } } }),
  });
  if (res.status !== 201) throw new Error(`creating a tenant through ${origin} answered ${res.status}: ${res.body}`);
  return { id: res.json<{ data: { tenant: { id: string } } }>().data.tenant.id, slug };
}

/** GET /api/metrics on an instance's own address, as Prometheus scrapes it. */
export async function scrapeInstance(origin: string, token: string): Promise<{ text: string; samples: Sample[] }> {
  const res = await hostRequest(origin, { host: new URL(origin).host, path: "/api/metrics", headers: { authorization: `Bearer ${token}` } });
  if (res.status !== 200) throw new Error(`scraping ${origin}/api/metrics answered ${res.status}: ${res.body}`);
  if (!String(res.headers["content-type"]).startsWith("text/plain; version=0.0.4")) throw new Error(`scraping ${origin} gave ${res.headers["content-type"]}`);
  return { text: res.body, samples: parsePrometheus(res.body) };
}
