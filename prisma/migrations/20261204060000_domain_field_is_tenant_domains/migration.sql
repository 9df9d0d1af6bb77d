-- One concept of a custom domain (issue 9 §3). Seed 000's `domain` field no
-- longer has a storage of its own: a domain given in a create or update body
-- becomes a pending tenant_domains row (with its TXT challenge), like one added
-- on the Domains tab, and tenants.domain is only what GET shows for it: the
-- verified primary domain, else another verified one, else the oldest pending
-- one, else null. A trigger keeps it so, so every read (API, console list and
-- search, the bench floor) stays one column.

-- Several tenants may hold a domain pending; only tenant_domains decides who owns it.
DROP INDEX tenants_domain_key;

CREATE FUNCTION atrium_tenant_shown_domain(p_tenant_id text) RETURNS text
LANGUAGE sql STABLE AS $$
  SELECT d.domain FROM tenant_domains d
  WHERE d.tenant_id = p_tenant_id AND d.status IN ('verified', 'pending')
  ORDER BY (d.status = 'verified' AND d.is_primary) DESC, (d.status = 'verified') DESC, d.created_at, d.id
  LIMIT 1
$$;

-- Runs as the caller (the app role, inside the tenant- or platform-scoped
-- transaction that changed the domain), so RLS applies as to any other write.
-- The version moves with the shown domain, so the tenant's ETag does too.
CREATE FUNCTION atrium_sync_tenant_domain() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  tid text := COALESCE(NEW.tenant_id, OLD.tenant_id);
  shown text := atrium_tenant_shown_domain(tid);
BEGIN
  UPDATE tenants SET domain = shown, version = version + 1, updated_at = now()
  WHERE id = tid AND domain IS DISTINCT FROM shown;
  RETURN NULL;
END $$;
CREATE TRIGGER tenant_domains_sync_tenant_domain AFTER INSERT OR UPDATE OR DELETE ON tenant_domains
  FOR EACH ROW EXECUTE FUNCTION atrium_sync_tenant_domain();

-- Existing declared domains become pending domains with a fresh random token
-- (primary when the tenant has none), unless the tenant already lists them.
SELECT set_config('app.platform_scope', 'on', true);
INSERT INTO tenant_domains (tenant_id, id, domain, is_primary, verification_token)
SELECT t.id, 'dom_' || substr(replace(gen_random_uuid()::text, '-', ''), 1, 16), lower(t.domain),
       NOT EXISTS (SELECT 1 FROM tenant_domains p WHERE p.tenant_id = t.id AND p.is_primary),
       -- 40 hex digits from two random UUIDs: over 140 random bits, without needing pgcrypto.
       substr(replace(gen_random_uuid()::text || gen_random_uuid()::text, '-', ''), 1, 40)
FROM tenants t
WHERE t.domain IS NOT NULL
  AND NOT EXISTS (SELECT 1 FROM tenant_domains e WHERE e.tenant_id = t.id AND e.domain = lower(t.domain));
-- And what every tenant shows is now derived (a declared domain another listing outranks gives way).
UPDATE tenants SET domain = atrium_tenant_shown_domain(id) WHERE domain IS DISTINCT FROM atrium_tenant_shown_domain(id);
