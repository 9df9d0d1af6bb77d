-- Cross-tenant access is a database role, not a setting. Until now every
-- policy also let rows through when app.platform_scope = 'on', a setting any
-- session of atrium_app could turn on with set_config(). Now only the
-- atrium_platform role sees across tenants: withPlatformScope (lib/db/scope.ts)
-- takes it with SET LOCAL ROLE, which ends with the transaction. The setting
-- no longer means anything to any policy or function.

-- NOLOGIN, owns nothing, no BYPASSRLS: it may do exactly what atrium_app may
-- (whose grants it inherits, present and future), only on every tenant's rows.
DO $$
BEGIN
  IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'atrium_platform') THEN
    CREATE ROLE atrium_platform NOLOGIN NOSUPERUSER NOBYPASSRLS NOCREATEDB NOCREATEROLE;
  END IF;
END $$;
GRANT atrium_app TO atrium_platform;
-- SET ROLE is checked against the session user, the login of DATABASE_URL
-- (the app's pool logs in as it and starts as atrium_app). Being a member also
-- lets this owner, and the SECURITY DEFINER functions it owns, pass the
-- platform policies below.
GRANT atrium_platform TO CURRENT_USER;

-- Tenant policies test the tenant alone; a second policy, for atrium_platform
-- only, lets platform scope through. Permissive policies are OR-ed.
ALTER POLICY tenant_isolation ON tenants
  USING (id = current_setting('app.tenant_id', true))
  WITH CHECK (id = current_setting('app.tenant_id', true));
CREATE POLICY platform_scope ON tenants TO atrium_platform USING (true) WITH CHECK (true);

ALTER POLICY tenant_isolation ON memberships
  USING (tenant_id = current_setting('app.tenant_id', true))
  WITH CHECK (tenant_id = current_setting('app.tenant_id', true));
CREATE POLICY platform_scope ON memberships TO atrium_platform USING (true) WITH CHECK (true);

ALTER POLICY tenant_isolation ON tenant_usage_daily
  USING (tenant_id = current_setting('app.tenant_id', true))
  WITH CHECK (tenant_id = current_setting('app.tenant_id', true));
CREATE POLICY platform_scope ON tenant_usage_daily TO atrium_platform USING (true) WITH CHECK (true);

ALTER POLICY tenant_isolation ON audit_events
  USING (tenant_id = current_setting('app.tenant_id', true))
  WITH CHECK (tenant_id = current_setting('app.tenant_id', true));
CREATE POLICY platform_scope ON audit_events TO atrium_platform USING (true) WITH CHECK (true);

-- Platform keys (tenant_id NULL) stay readable before any scope (Bearer
-- authentication needs them); writing one needs platform scope.
ALTER POLICY read_keys ON api_keys
  USING (tenant_id IS NULL OR tenant_id = current_setting('app.tenant_id', true));
ALTER POLICY write_keys ON api_keys
  USING (tenant_id IS NOT NULL AND tenant_id = current_setting('app.tenant_id', true))
  WITH CHECK (tenant_id IS NOT NULL AND tenant_id = current_setting('app.tenant_id', true));
CREATE POLICY platform_scope ON api_keys TO atrium_platform USING (true) WITH CHECK (true);

ALTER POLICY tenant_isolation ON tenant_roles
  USING (tenant_id = current_setting('app.tenant_id', true))
  WITH CHECK (tenant_id = current_setting('app.tenant_id', true));
CREATE POLICY platform_scope ON tenant_roles TO atrium_platform USING (true) WITH CHECK (true);

ALTER POLICY tenant_isolation ON tenant_invitations
  USING (tenant_id = current_setting('app.tenant_id', true))
  WITH CHECK (tenant_id = current_setting('app.tenant_id', true));
CREATE POLICY platform_scope ON tenant_invitations TO atrium_platform USING (true) WITH CHECK (true);

ALTER POLICY tenant_isolation ON mail_outbox
  USING (tenant_id = current_setting('app.tenant_id', true))
  WITH CHECK (tenant_id = current_setting('app.tenant_id', true));
CREATE POLICY platform_scope ON mail_outbox TO atrium_platform USING (true) WITH CHECK (true);

ALTER POLICY tenant_isolation ON tenant_branding_versions
  USING (tenant_id = current_setting('app.tenant_id', true))
  WITH CHECK (tenant_id = current_setting('app.tenant_id', true));
CREATE POLICY platform_scope ON tenant_branding_versions TO atrium_platform USING (true) WITH CHECK (true);

ALTER POLICY tenant_isolation ON tenant_assets
  USING (tenant_id = current_setting('app.tenant_id', true))
  WITH CHECK (tenant_id = current_setting('app.tenant_id', true));
CREATE POLICY platform_scope ON tenant_assets TO atrium_platform USING (true) WITH CHECK (true);

ALTER POLICY tenant_isolation ON tenant_domains
  USING (tenant_id = current_setting('app.tenant_id', true))
  WITH CHECK (tenant_id = current_setting('app.tenant_id', true));
CREATE POLICY platform_scope ON tenant_domains TO atrium_platform USING (true) WITH CHECK (true);

-- The narrow pre-tenant lookups ran with SET app.platform_scope = 'on'. They
-- run as their owner, a member of atrium_platform, so the setting goes.
ALTER FUNCTION atrium_tenant_for_host(text) RESET app.platform_scope;
ALTER FUNCTION atrium_tenant_for_domain(text) RESET app.platform_scope;
ALTER FUNCTION atrium_authenticate_api_key(text) RESET app.platform_scope;
ALTER FUNCTION atrium_invitation_tenant(text) RESET app.platform_scope;
