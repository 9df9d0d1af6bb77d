-- The tenants table itself is tenant-owned too: inside tenant A's transaction,
-- tenant B's row (settings, limits, branding) is invisible and unwritable.
ALTER TABLE tenants ENABLE ROW LEVEL SECURITY;
ALTER TABLE tenants FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON tenants
  USING (id = current_setting('app.tenant_id', true) OR current_setting('app.platform_scope', true) = 'on')
  WITH CHECK (id = current_setting('app.tenant_id', true) OR current_setting('app.platform_scope', true) = 'on');

-- Host resolution runs before any tenant is known. This function is its one
-- narrow way in: one tenant by slug, only the columns a portal needs. The SET
-- clause scopes the platform setting to the function call alone.
CREATE FUNCTION atrium_tenant_for_host(p_slug text)
RETURNS TABLE (id text, slug text, name text, status text, branding jsonb)
LANGUAGE sql STABLE SECURITY DEFINER
SET search_path = public
SET app.platform_scope = 'on'
AS $$ SELECT t.id, t.slug, t.name, t.status, t.branding FROM tenants t WHERE t.slug = p_slug $$;
REVOKE ALL ON FUNCTION atrium_tenant_for_host(text) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION atrium_tenant_for_host(text) TO atrium_app;

-- API keys: anyone may read a platform key's row (authentication needs it),
-- but only platform scope may write one; tenant keys stay inside their tenant.
DROP POLICY tenant_isolation ON api_keys;
CREATE POLICY read_keys ON api_keys FOR SELECT
  USING (tenant_id IS NULL OR tenant_id = current_setting('app.tenant_id', true) OR current_setting('app.platform_scope', true) = 'on');
CREATE POLICY write_keys ON api_keys
  USING (current_setting('app.platform_scope', true) = 'on' OR (tenant_id IS NOT NULL AND tenant_id = current_setting('app.tenant_id', true)))
  WITH CHECK (current_setting('app.platform_scope', true) = 'on' OR (tenant_id IS NOT NULL AND tenant_id = current_setting('app.tenant_id', true)));

-- Bearer authentication: find a live key by its digest and note its use (at
-- most once a minute), without giving the caller any write access to api_keys.
CREATE FUNCTION atrium_authenticate_api_key(p_key_hash text)
RETURNS TABLE (id text, name text, scope text, tenant_id text, permissions text[])
LANGUAGE plpgsql SECURITY DEFINER
SET search_path = public
SET app.platform_scope = 'on'
AS $$
BEGIN
  RETURN QUERY
    UPDATE api_keys k SET last_used_at = now()
    WHERE k.key_hash = p_key_hash AND k.revoked_at IS NULL AND (k.last_used_at IS NULL OR k.last_used_at < now() - interval '1 minute')
    RETURNING k.id, k.name, k.scope, k.tenant_id, k.permissions;
  IF NOT FOUND THEN
    RETURN QUERY SELECT k.id, k.name, k.scope, k.tenant_id, k.permissions FROM api_keys k WHERE k.key_hash = p_key_hash AND k.revoked_at IS NULL;
  END IF;
END $$;
REVOKE ALL ON FUNCTION atrium_authenticate_api_key(text) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION atrium_authenticate_api_key(text) TO atrium_app;

-- Idempotent replays carry the first response's headers (Location, ETag, …).
ALTER TABLE idempotency_keys ADD COLUMN response_headers jsonb;
