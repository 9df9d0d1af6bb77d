import { authorize, can } from "@/lib/auth/authorize";
import { withPlatformScope, withTenantScope } from "@/lib/db/scope";
import { AppError, parseOrThrow } from "@/lib/http/errors";
import { CONSOLE_SEARCH_TYPES, PORTAL_SEARCH_TYPES, searchQuerySchema, type SearchResult, type SearchType } from "@/lib/schemas/search";
import { consoleSearches, portalSearches, type Ranked, type SearchTerm } from "@/lib/search/search-queries";
import { authorizeTenant, type TenantActor } from "@/lib/tenant-access/tenant-actor";

/**
 * One search box across what the caller may open. On the console (platform
 * staff, platform keys): tenants by name, slug, id and verified custom domain,
 * accounts, domains and API keys. On a tenant's host (its members, its keys):
 * that tenant's members, domains, keys and roles, and nothing of any other
 * tenant (its transaction's RLS scope is the second wall behind the queries'
 * own tenant filter). Each type is left out, not refused, when the caller may
 * not see it, so one box serves every role.
 *
 * Ranked: exact id/slug/domain/email match, then prefix, then substring or
 * trigram similarity (pg_trgm, GIN-indexed), best similarity first.
 */
export async function searchEverything(actor: TenantActor, query: unknown): Promise<{ results: SearchResult[] }> {
  const q = parseOrThrow(searchQuerySchema, query);
  const term = searchTerm(q.q);
  if (actor.kind === "platform") {
    const caller = actor.caller;
    authorize(caller, "tenants:read");
    const types = typesFor(q.types, CONSOLE_SEARCH_TYPES, "the console");
    const allowed = {
      tenants: true,
      domains: true,
      // Accounts are part of reading tenants (their members), as on the Users page.
      users: true,
      platformKeys: can(caller, "api_keys:manage"),
      // A tenant's keys are managed with tenants:update on the platform side (the tenant's api_keys:manage).
      tenantKeys: can(caller, "tenants:update"),
    };
    const rows = await withPlatformScope((tx) => consoleSearches(tx, term, types, allowed, q.limit));
    return { results: best(rows, q.limit) };
  }
  const tenantId = actor.tenantId;
  const types = typesFor(q.types, PORTAL_SEARCH_TYPES, "a tenant's host");
  const rows = await withTenantScope(tenantId, async (tx) => {
    const access = await authorizeTenant(actor, tenantId, "members:read", tx);
    const may = (p: Parameters<typeof access.permissions.has>[0]) => access.permissions.has(p);
    return portalSearches(tx, tenantId, term, types, { members: true, domains: may("domains:manage"), api_keys: may("api_keys:manage"), roles: may("roles:read") }, q.limit);
  });
  return { results: best(rows, q.limit) };
}

/**
 * The term as typed, lower-cased, and as LIKE patterns with `%`, `_` and `\` taken literally.
 * One or two characters hold no trigram: anywhere-in-the-name would match most rows and use no
 * index, so such a term matches at the start only. Similar-name matching (`fuzzy`) is for names
 * typed a little wrong, not for addresses: off for short terms, emails and long strings.
 */
export function searchTerm(raw: string): SearchTerm {
  const escaped = raw.replace(/[\\%_]/g, "\\$&");
  const short = raw.length < 3;
  return { raw, lower: raw.toLowerCase(), contains: short ? `${escaped}%` : `%${escaped}%`, prefix: `${escaped}%`, fuzzy: !short && raw.length <= 40 && !raw.includes("@") };
}

function typesFor<T extends SearchType>(asked: SearchType[] | undefined, served: readonly T[], where: string): T[] {
  if (!asked) return [...served];
  const foreign = asked.filter((t) => !(served as readonly string[]).includes(t));
  if (foreign.length) {
    throw new AppError("invalid_request", `types: ${foreign.join(", ")} cannot be searched on ${where} (it serves ${served.join(", ")})`, [{ path: "types", message: `Not searchable here: ${foreign.join(", ")}` }]);
  }
  return asked as T[];
}

/** Every type's candidates merged: rank, then similarity, then title; the first `limit`. */
function best(rows: Ranked[], limit: number): SearchResult[] {
  return rows
    .sort((a, b) => a.rank - b.rank || b.score - a.score || a.result.title.localeCompare(b.result.title))
    .slice(0, limit)
    .map((r) => r.result);
}
