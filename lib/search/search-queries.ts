import type { Tx } from "@/lib/db/prisma";
import type { SearchResult } from "@/lib/schemas/search";
import { BUILT_IN_ROLES, BUILT_IN_ROLE_KEYS } from "@/lib/tenant-access/permissions";

export type SearchTerm = { raw: string; lower: string; contains: string; prefix: string; fuzzy: boolean };
/** A result with what orders it: 0 exact, 1 prefix, 2 substring or similar; similarity 0–1. */
export type Ranked = { rank: number; score: number; result: SearchResult };

type Row = { id: string; rank: number; score: number };
const ranked = (r: Row, result: SearchResult): Ranked => ({ rank: Number(r.rank), score: Number(r.score), result });

// Each query filters with ILIKE '%term%' (and, for tenants' names, `%`: trigram
// similarity above pg_trgm's threshold, for names mistyped), served by the GIN trigram
// indexes of migration 20261209060000, and computes its own rank so the
// merge in search-everything.ts needs nothing else. Each asks for `limit`
// rows: the merge keeps the best `limit` of all of them.

export async function consoleSearches(
  tx: Tx,
  t: SearchTerm,
  types: readonly ("tenants" | "users" | "domains" | "api_keys")[],
  allowed: { platformKeys: boolean; tenantKeys: boolean },
  limit: number,
): Promise<Ranked[]> {
  const out: Ranked[] = [];
  if (types.includes("tenants")) out.push(...(await tenants(tx, t, limit)));
  if (types.includes("users")) out.push(...(await users(tx, t, limit)));
  if (types.includes("domains")) out.push(...(await domains(tx, t, null, limit)));
  if (types.includes("api_keys") && (allowed.platformKeys || allowed.tenantKeys)) out.push(...(await apiKeys(tx, t, null, allowed, limit)));
  return out;
}

export async function portalSearches(
  tx: Tx,
  tenantId: string,
  t: SearchTerm,
  types: readonly ("members" | "domains" | "api_keys" | "roles")[],
  allowed: Record<"members" | "domains" | "api_keys" | "roles", boolean>,
  limit: number,
): Promise<Ranked[]> {
  const out: Ranked[] = [];
  const wanted = (k: (typeof types)[number]) => types.includes(k) && allowed[k];
  if (wanted("members")) out.push(...(await members(tx, tenantId, t, limit)));
  if (wanted("domains")) out.push(...(await domains(tx, t, tenantId, limit)));
  if (wanted("api_keys")) out.push(...(await apiKeys(tx, t, tenantId, { platformKeys: false, tenantKeys: true }, limit)));
  if (wanted("roles")) out.push(...(await roles(tx, tenantId, t)));
  return out;
}

/** Tenants by id, name and slug, and by their verified custom domains (the matched domain is named). */
async function tenants(tx: Tx, t: SearchTerm, limit: number): Promise<Ranked[]> {
  const rows = await tx.$queryRaw<(Row & { name: string; slug: string; status: string; plan: string; matched_domain: string | null })[]>`
    SELECT * FROM (SELECT DISTINCT ON (id) * FROM (
      SELECT id, name, slug, status, plan, NULL::text AS matched_domain,
        CASE WHEN id = ${t.raw} OR lower(slug) = ${t.lower} OR lower(name) = ${t.lower} THEN 0
             WHEN slug ILIKE ${t.prefix} OR name ILIKE ${t.prefix} THEN 1 ELSE 2 END AS rank,
        greatest(similarity(name, ${t.raw}), similarity(slug, ${t.raw}))::float8 AS score
      FROM tenants
      WHERE id = ${t.raw} OR name ILIKE ${t.contains} OR slug ILIKE ${t.contains} OR (${t.fuzzy} AND name % ${t.raw})
      UNION ALL
      SELECT tn.id, tn.name, tn.slug, tn.status, tn.plan, d.domain,
        CASE WHEN lower(d.domain) = ${t.lower} THEN 0 WHEN d.domain ILIKE ${t.prefix} THEN 1 ELSE 2 END,
        similarity(d.domain, ${t.raw})::float8
      FROM tenant_domains d JOIN tenants tn ON tn.id = d.tenant_id
      WHERE d.status = 'verified' AND d.domain ILIKE ${t.contains}
    ) m
    ORDER BY id, rank, score DESC) best
    ORDER BY rank, score DESC, name
    LIMIT ${limit}`;
  return rows.map((r) =>
    ranked(r, {
      type: "tenant",
      id: r.id,
      title: r.name,
      subtitle: [r.matched_domain ?? r.slug, r.plan, r.status].join(" · "),
      url: `/tenants/${r.id}`,
    }),
  );
}

/** Accounts by id, email and name (staff and members alike, as on the Users page). */
async function users(tx: Tx, t: SearchTerm, limit: number): Promise<Ranked[]> {
  const rows = t.raw.length >= 3 ? await usersAnywhere(tx, t, limit) : await usersByPrefix(tx, t, limit);
  return rows.map((r) => ranked(r, { type: "user", id: r.id, title: r.name || r.email, subtitle: r.platform_role ? `${r.email} · platform ${r.platform_role}` : r.email, url: `/users/${r.id}` }));
}

type UserRow = Row & { email: string; name: string; platform_role: string | null };

/**
 * A one- or two-letter term: the first accounts by email and by name that start with it, each
 * read in order from its index (users_lower_*_prefix) and stopped at `limit`, rather than
 * every account that matches (thousands for a vowel).
 */
async function usersByPrefix(tx: Tx, t: SearchTerm, limit: number): Promise<UserRow[]> {
  const prefix = t.prefix.toLowerCase();
  const rows = await tx.$queryRaw<UserRow[]>`
    SELECT id, email, name, platform_role, rank, 0::float8 AS score FROM (
      (SELECT id, email, name, platform_role, CASE WHEN email = ${t.lower} THEN 0 ELSE 1 END AS rank, lower(email) AS sort_key
       FROM users WHERE lower(email) LIKE ${prefix} ORDER BY lower(email) LIMIT ${limit})
      UNION ALL
      (SELECT id, email, name, platform_role, CASE WHEN lower(name) = ${t.lower} THEN 0 ELSE 1 END, lower(name)
       FROM users WHERE lower(name) LIKE ${prefix} ORDER BY lower(name) LIMIT ${limit})
    ) m
    ORDER BY rank, sort_key, id`;
  // An account whose email and name both start with the term came back twice.
  const seen = new Set<string>();
  return rows.filter((r) => !seen.has(r.id) && seen.add(r.id)).slice(0, limit);
}

function usersAnywhere(tx: Tx, t: SearchTerm, limit: number): Promise<UserRow[]> {
  return tx.$queryRaw<UserRow[]>`
    SELECT id, email, name, platform_role,
      CASE WHEN id = ${t.raw} OR email = ${t.lower} THEN 0 WHEN email ILIKE ${t.prefix} OR name ILIKE ${t.prefix} THEN 1 ELSE 2 END AS rank,
      greatest(similarity(email, ${t.raw}), similarity(name, ${t.raw}))::float8 AS score
    FROM users
    WHERE id = ${t.raw} OR email ILIKE ${t.contains} OR name ILIKE ${t.contains}
    ORDER BY rank, score DESC, email
    LIMIT ${limit}`;
}

/** One tenant's members (tenant scope), by email and name. */
async function members(tx: Tx, tenantId: string, t: SearchTerm, limit: number): Promise<Ranked[]> {
  const rows = await tx.$queryRaw<(Row & { email: string; name: string; status: string })[]>`
    SELECT u.id, u.email, u.name, m.status,
      CASE WHEN u.email = ${t.lower} THEN 0 WHEN u.email ILIKE ${t.prefix} OR u.name ILIKE ${t.prefix} THEN 1 ELSE 2 END AS rank,
      greatest(similarity(u.email, ${t.raw}), similarity(u.name, ${t.raw}))::float8 AS score
    FROM memberships m JOIN users u ON u.id = m.user_id
    WHERE m.tenant_id = ${tenantId} AND (u.email ILIKE ${t.contains} OR u.name ILIKE ${t.contains})
    ORDER BY rank, score DESC, u.email
    LIMIT ${limit}`;
  return rows.map((r) =>
    ranked(r, { type: "member", id: r.id, title: r.name || r.email, subtitle: r.status === "active" ? r.email : `${r.email} · ${r.status}`, url: `/members?search=${encodeURIComponent(r.email)}` }),
  );
}

/** Custom domains, every status: one tenant's (tenant scope) or every tenant's (platform scope, `tenantId` null). */
async function domains(tx: Tx, t: SearchTerm, tenantId: string | null, limit: number): Promise<Ranked[]> {
  const rows = await tx.$queryRaw<(Row & { domain: string; status: string; is_primary: boolean; tenant_id: string; tenant_name: string })[]>`
    SELECT d.id, d.domain, d.status, d.is_primary, d.tenant_id, tn.name AS tenant_name,
      CASE WHEN lower(d.domain) = ${t.lower} THEN 0 WHEN d.domain ILIKE ${t.prefix} THEN 1 ELSE 2 END AS rank,
      similarity(d.domain, ${t.raw})::float8 AS score
    FROM tenant_domains d JOIN tenants tn ON tn.id = d.tenant_id
    WHERE d.domain ILIKE ${t.contains} AND (${tenantId}::text IS NULL OR d.tenant_id = ${tenantId})
    ORDER BY rank, score DESC, d.domain
    LIMIT ${limit}`;
  return rows.map((r) => {
    const state = `${r.status}${r.is_primary ? ", primary" : ""}`;
    return ranked(r, {
      type: "domain",
      id: r.id,
      title: r.domain,
      subtitle: tenantId ? state : `${state} · ${r.tenant_name}`,
      url: tenantId ? "/domains" : `/tenants/${r.tenant_id}?tab=domains`,
    });
  });
}

/** API keys by name, prefix or id: platform keys and/or tenant keys, or one tenant's keys (`tenantId`). */
async function apiKeys(tx: Tx, t: SearchTerm, tenantId: string | null, allowed: { platformKeys: boolean; tenantKeys: boolean }, limit: number): Promise<Ranked[]> {
  const rows = await tx.$queryRaw<(Row & { name: string; prefix: string; scope: string; tenant_id: string | null; tenant_name: string | null; revoked: boolean })[]>`
    SELECT k.id, k.name, k.prefix, k.scope, k.tenant_id, tn.name AS tenant_name, k.revoked_at IS NOT NULL AS revoked,
      CASE WHEN k.id = ${t.raw} OR k.prefix = ${t.raw} OR lower(k.name) = ${t.lower} THEN 0 WHEN k.prefix ILIKE ${t.prefix} OR k.name ILIKE ${t.prefix} THEN 1 ELSE 2 END AS rank,
      greatest(similarity(k.name, ${t.raw}), similarity(k.prefix, ${t.raw}))::float8 AS score
    FROM api_keys k LEFT JOIN tenants tn ON tn.id = k.tenant_id
    WHERE (k.id = ${t.raw} OR k.name ILIKE ${t.contains} OR k.prefix ILIKE ${t.prefix})
      AND (${tenantId}::text IS NULL OR (k.scope = 'tenant' AND k.tenant_id = ${tenantId}))
      AND ((k.scope = 'platform' AND ${allowed.platformKeys}) OR (k.scope = 'tenant' AND ${allowed.tenantKeys}))
    ORDER BY rank, score DESC, k.name
    LIMIT ${limit}`;
  return rows.map((r) => {
    const state = r.revoked ? " · revoked" : "";
    const where = r.scope === "platform" ? "platform key" : tenantId ? "key" : `key of ${r.tenant_name}`;
    return ranked(r, {
      type: "api_key",
      id: r.id,
      title: r.name,
      subtitle: `${r.prefix}… · ${where}${state}`,
      url: tenantId ? "/api-keys" : r.scope === "platform" ? "/api-keys" : `/tenants/${r.tenant_id}`,
    });
  });
}

/** The built-in roles and the tenant's custom ones, by name (a handful per tenant: matched here, not in SQL). */
async function roles(tx: Tx, tenantId: string, t: SearchTerm): Promise<Ranked[]> {
  const custom = await tx.tenantRole.findMany({ where: { tenantId }, select: { id: true, name: true, description: true } });
  const all = [...BUILT_IN_ROLE_KEYS.map((k) => ({ id: k, name: BUILT_IN_ROLES[k].name, description: BUILT_IN_ROLES[k].description })), ...custom];
  return all.flatMap((r) => {
    const name = r.name.toLowerCase();
    const rank = name === t.lower ? 0 : name.startsWith(t.lower) ? 1 : name.includes(t.lower) ? 2 : -1;
    return rank < 0 ? [] : [{ rank, score: t.lower.length / name.length, result: { type: "role" as const, id: r.id, title: r.name, subtitle: r.description || "Role", url: "/roles" } }];
  });
}
