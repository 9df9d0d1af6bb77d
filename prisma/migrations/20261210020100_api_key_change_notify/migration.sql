-- API-key authentication is cached for a few seconds per process
-- (lib/auth/api-key-cache.ts). Every change that could make a cached key wrong
-- (revoked, expiry or permissions changed, deleted) is announced to every
-- process at commit, like tenant changes (atrium_tenant_changed), so a revoked
-- key is refused everywhere at once; the cache's short lifetime bounds the
-- rest (a process whose listening connection is down). The once-a-minute
-- last_used_at note is not a change worth announcing.
CREATE FUNCTION atrium_notify_api_key_changed() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  PERFORM pg_notify('atrium_api_key_changed', coalesce(NEW.id, OLD.id));
  RETURN NULL;
END $$;

CREATE TRIGGER api_keys_notify_changed AFTER UPDATE ON api_keys
  FOR EACH ROW
  WHEN (OLD.revoked_at IS DISTINCT FROM NEW.revoked_at OR OLD.expires_at IS DISTINCT FROM NEW.expires_at
        OR OLD.permissions IS DISTINCT FROM NEW.permissions OR OLD.key_hash IS DISTINCT FROM NEW.key_hash
        OR OLD.scope IS DISTINCT FROM NEW.scope OR OLD.tenant_id IS DISTINCT FROM NEW.tenant_id OR OLD.name IS DISTINCT FROM NEW.name)
  EXECUTE FUNCTION atrium_notify_api_key_changed();
CREATE TRIGGER api_keys_notify_deleted AFTER DELETE ON api_keys
  FOR EACH ROW EXECUTE FUNCTION atrium_notify_api_key_changed();
