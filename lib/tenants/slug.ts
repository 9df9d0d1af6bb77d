// Subdomains that must never be a tenant: infrastructure names and our own surfaces.
export const RESERVED_SLUGS = new Set([
  "www", "api", "admin", "app", "static", "assets", "cdn", "mail", "smtp", "imap", "pop", "ftp", "ns", "ns1", "ns2",
  "dns", "mx", "status", "docs", "help", "support", "blog", "dashboard", "console", "portal", "login", "auth", "sso",
  "oauth", "account", "accounts", "billing", "internal", "system", "root", "platform", "atrium", "test", "staging",
  "dev", "localhost", "public", "t", "webhooks", "health", "metrics",
]);

export const SLUG_PATTERN = /^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/;

/** "Acme Corporation, Inc." → "acme-corporation-inc". */
export function slugify(name: string): string {
  return name
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "")
    .slice(0, 63)
    .replace(/-+$/g, "");
}

/** A PostgreSQL identifier derived from the slug, prefixed so it never meets a system schema. */
export function schemaNameFromSlug(slug: string): string {
  return `t_${slug.replace(/-/g, "_")}`.slice(0, 63);
}

export const SCHEMA_NAME_PATTERN = /^[a-z][a-z0-9_]{1,62}$/;
export const RESERVED_SCHEMAS = new Set(["public", "information_schema", "pgboss", "atrium", "tenant_template"]);
