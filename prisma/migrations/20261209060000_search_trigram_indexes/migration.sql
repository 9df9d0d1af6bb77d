-- Search across tenants, users, domains and API keys (GET /api/v1/search, the command palette).
-- pg_trgm is a trusted extension: a database owner without superuser may create it.
CREATE EXTENSION IF NOT EXISTS pg_trgm;

-- Trigram GIN indexes serve ILIKE '%term%' and the similarity operator alike, so a
-- substring anywhere in a name is found without a sequential scan at 10,000 tenants.
CREATE INDEX IF NOT EXISTS tenants_name_trgm ON tenants USING gin (name gin_trgm_ops);
CREATE INDEX IF NOT EXISTS tenants_slug_trgm ON tenants USING gin (slug gin_trgm_ops);
CREATE INDEX IF NOT EXISTS tenant_domains_domain_trgm ON tenant_domains USING gin (domain gin_trgm_ops);
CREATE INDEX IF NOT EXISTS users_email_trgm ON users USING gin (email gin_trgm_ops);
CREATE INDEX IF NOT EXISTS users_name_trgm ON users USING gin (name gin_trgm_ops);
CREATE INDEX IF NOT EXISTS api_keys_name_trgm ON api_keys USING gin (name gin_trgm_ops);
CREATE INDEX IF NOT EXISTS api_keys_prefix_trgm ON api_keys USING gin (prefix gin_trgm_ops);
