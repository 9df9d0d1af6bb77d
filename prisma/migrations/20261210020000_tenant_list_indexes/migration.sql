-- The tenant list reads a page's ids from an index holding the sort column and
-- id (a deferred join: lib/tenants/tenant-list-sql.ts), with the status or plan
-- filter in front where one is given, so a deep page and the count never touch
-- the ~1.5 kB rows they skip. (created_at, id), (updated_at, id), (name, id),
-- (status, id) and (plan, id) exist; the filter indexes gain id (and the other
-- sorts), and slug gets its (slug, id) for the keyset comparison.
DROP INDEX IF EXISTS tenants_status_created_at_idx;
DROP INDEX IF EXISTS tenants_plan_created_at_idx;
CREATE INDEX tenants_status_created_at_id_idx ON tenants (status, created_at, id);
CREATE INDEX tenants_status_updated_at_id_idx ON tenants (status, updated_at, id);
CREATE INDEX tenants_status_name_id_idx ON tenants (status, name, id);
CREATE INDEX tenants_plan_created_at_id_idx ON tenants (plan, created_at, id);
CREATE INDEX tenants_plan_updated_at_id_idx ON tenants (plan, updated_at, id);
CREATE INDEX tenants_plan_name_id_idx ON tenants (plan, name, id);
CREATE INDEX tenants_slug_id_idx ON tenants (slug, id);
-- `search` matches a substring of the name, slug or domain: name and slug have
-- trigram indexes (20261209060000); with the domain's too the three OR-ed
-- matches are one bitmap scan instead of a scan of every row.
CREATE INDEX IF NOT EXISTS tenants_domain_trgm ON tenants USING gin (domain gin_trgm_ops);
