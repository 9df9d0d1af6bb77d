import { defineRoute } from "@/lib/api-contracts/define-route";
import { searchQuerySchema, searchResponseSchema } from "@/lib/schemas/search";

export const search = defineRoute({
  method: "GET",
  path: "/api/v1/search",
  tag: "Search",
  summary: "Search what the caller may open (the command palette's search)",
  description:
    "On the console host (platform staff, platform keys; needs tenants:read): tenants by name, slug, id and verified custom domain, accounts by email and name, custom domains, " +
    "and API keys by name or prefix (platform keys with api_keys:manage, tenants' keys with tenants:update). On a tenant's host (its API keys, or a member's portal session; needs members:read): " +
    "that tenant's members, domains (domains:manage), API keys (api_keys:manage) and roles (roles:read), never another tenant's. A type the caller may not see is left out of the answer. " +
    "Ranked: exact id, slug, domain or email first, then prefix matches, then substring and trigram similarity. Each result names the page that shows it (`url`, a path on the host asked). " +
    "`%`, `_` and `\\` in q are taken literally.",
  access: { tenant: "members:read", platform: "tenants:read", tenantSide: "own" },
  rateLimit: "tenant_queries",
  query: searchQuerySchema,
  responses: { 200: { description: "The best matches, best first", data: searchResponseSchema } },
  errors: [400, 401, 403, 429],
});
