-- API keys may expire (30/90/365 days from creation, or never). An expired key
-- authenticates nobody; the lookup still returns it (with expires_at) so the
-- caller hears "expired" instead of "unknown", and its use is not noted.
-- Recreated (its result gains expires_at) as its owner, a member of
-- atrium_platform, like the other pre-tenant lookups (20261204010000).
ALTER TABLE api_keys ADD COLUMN expires_at timestamptz(3);

DROP FUNCTION atrium_authenticate_api_key(text);
CREATE FUNCTION atrium_authenticate_api_key(p_key_hash text)
RETURNS TABLE (id text, name text, scope text, tenant_id text, permissions text[], expires_at timestamptz)
LANGUAGE plpgsql SECURITY DEFINER
SET search_path = public
AS $$
BEGIN
  RETURN QUERY
    UPDATE api_keys k SET last_used_at = now()
    WHERE k.key_hash = p_key_hash AND k.revoked_at IS NULL AND (k.expires_at IS NULL OR k.expires_at > now())
      AND (k.last_used_at IS NULL OR k.last_used_at < now() - interval '1 minute')
    RETURNING k.id, k.name, k.scope, k.tenant_id, k.permissions, k.expires_at;
  IF NOT FOUND THEN
    RETURN QUERY SELECT k.id, k.name, k.scope, k.tenant_id, k.permissions, k.expires_at FROM api_keys k WHERE k.key_hash = p_key_hash AND k.revoked_at IS NULL;
  END IF;
END $$;
REVOKE ALL ON FUNCTION atrium_authenticate_api_key(text) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION atrium_authenticate_api_key(text) TO atrium_app;
