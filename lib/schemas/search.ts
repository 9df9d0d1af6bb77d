import { z } from "zod";

// GET /api/v1/search: one box for the command palette and scripts.

/** What the console searches (staff) and what a tenant's host searches (its members and keys): never mixed. */
export const CONSOLE_SEARCH_TYPES = ["tenants", "users", "domains", "api_keys"] as const;
export const PORTAL_SEARCH_TYPES = ["members", "domains", "api_keys", "roles"] as const;
export const SEARCH_TYPES = ["tenants", "users", "members", "domains", "api_keys", "roles"] as const;
export type SearchType = (typeof SEARCH_TYPES)[number];

export const SEARCH_QUERY_MAX = 100;

export const searchQuerySchema = z.strictObject({
  q: z
    .string()
    .trim()
    .min(1, "Type something to search for")
    .max(SEARCH_QUERY_MAX, `At most ${SEARCH_QUERY_MAX} characters`)
    .describe("What to look for: a name, slug, id, domain, email or key prefix (1–100 characters)"),
  types: z
    .string()
    .transform((s, ctx) => {
      const parts = [...new Set(s.split(",").map((p) => p.trim()).filter(Boolean))];
      const unknown = parts.filter((p) => !(SEARCH_TYPES as readonly string[]).includes(p));
      if (unknown.length || parts.length === 0) {
        ctx.addIssue({ code: "custom", message: `Comma-separated list of ${SEARCH_TYPES.join(", ")}${unknown.length ? ` (unknown: ${unknown.join(", ")})` : ""}` });
        return z.NEVER;
      }
      return parts as SearchType[];
    })
    .optional()
    .describe("Comma-separated result types (default: every type the host serves). Console: tenants, users, domains, api_keys; a tenant's host: members, domains, api_keys, roles"),
  limit: z.coerce.number().int().min(1).max(50).default(20).describe("Most results to answer, 1–50 (default 20)"),
});
export type SearchQuery = z.output<typeof searchQuerySchema>;

export const searchResultSchema = z.object({
  type: z.enum(["tenant", "user", "member", "domain", "api_key", "role"]),
  id: z.string(),
  title: z.string(),
  subtitle: z.string(),
  /** The page that shows it, on the host that asked (a path). */
  url: z.string(),
});
export type SearchResult = z.infer<typeof searchResultSchema>;

export const searchResponseSchema = z.object({ results: z.array(searchResultSchema) });
