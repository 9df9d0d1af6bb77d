-- Reading the audit log (issue 10 §1): what the item shape needs, and indexes
-- for keyset pages (newest first, (created_at, id) as the tie-break) so a page
-- deep in the log costs what the first does.

-- What the target was called when it happened (tenant name, member email, role
-- name, domain, key name): the target may be renamed or gone by the time anyone reads.
ALTER TABLE audit_events ADD COLUMN target_label text;

-- Keyset order within a tenant (tenant_id IS NULL: platform events), across
-- every tenant, and within event types. The action is indexed in the "C"
-- collation, which queries name too, so a prefix (LIKE 'member.%') is an
-- index range whatever the database's collation.
DROP INDEX IF EXISTS audit_events_tenant_id_created_at_idx;
DROP INDEX IF EXISTS audit_events_created_at_idx;
CREATE INDEX audit_events_tenant_time_idx ON audit_events (tenant_id, created_at, id);
CREATE INDEX audit_events_time_idx ON audit_events (created_at, id);
CREATE INDEX audit_events_tenant_action_time_idx ON audit_events (tenant_id, action COLLATE "C", created_at, id);
CREATE INDEX audit_events_action_time_idx ON audit_events (action COLLATE "C", created_at, id);

-- Free-text search (`q`) over who acted, what was acted on and the values:
-- one trigram GIN index on the same expression atrium_audit_search_text()
-- builds, so ILIKE '%text%' is answered from the index.
CREATE EXTENSION IF NOT EXISTS pg_trgm;
CREATE FUNCTION atrium_audit_search_text(actor_label text, target_label text, target_id text, before jsonb, after jsonb)
  RETURNS text LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  SELECT lower(coalesce(actor_label, '') || ' ' || coalesce(target_label, '') || ' ' || coalesce(target_id, '') || ' ' || coalesce(before::text, '') || ' ' || coalesce(after::text, ''))
$$;
CREATE INDEX audit_events_search_idx ON audit_events USING gin (atrium_audit_search_text(actor_label, target_label, target_id, before, after) gin_trgm_ops);

-- The `ip` filter compares addresses (exact or CIDR); a stored value that is
-- not an address (none should be) matches nothing instead of failing the query.
CREATE FUNCTION atrium_try_inet(value text) RETURNS inet LANGUAGE plpgsql IMMUTABLE PARALLEL SAFE AS $$
BEGIN
  RETURN value::inet;
EXCEPTION WHEN others THEN
  RETURN NULL;
END $$;
