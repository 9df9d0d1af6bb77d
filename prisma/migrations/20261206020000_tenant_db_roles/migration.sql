-- Each tenant gets a PostgreSQL login role, <tenant id>_owner
-- (lib/tenants/tenant-db-role.ts): the connections made for the tenant
-- (the data plane, issue 12) log in as it, so PostgreSQL itself caps them
-- with the role's CONNECTION LIMIT (the tenant's database_connections limit)
-- and the metering sampler counts them in pg_stat_activity by usename.
-- The role may use and create in its own schema and nothing else: no grant
-- on public's tables, no other tenant's schema.

-- The role's password, sealed by the app (lib/webhooks/secret-box.ts) so the
-- data plane and tests can connect as it; NULL until the app first sets one.
CREATE TABLE tenant_db_roles (
  tenant_id       text PRIMARY KEY REFERENCES tenants(id) ON DELETE CASCADE,
  role_name       text NOT NULL UNIQUE,
  password_sealed text,
  password_set_at timestamptz(3),
  created_at      timestamptz(3) NOT NULL DEFAULT now()
);
ALTER TABLE tenant_db_roles ENABLE ROW LEVEL SECURITY;
ALTER TABLE tenant_db_roles FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON tenant_db_roles
  USING (tenant_id = current_setting('app.tenant_id', true))
  WITH CHECK (tenant_id = current_setting('app.tenant_id', true));
CREATE POLICY platform_scope ON tenant_db_roles TO atrium_platform USING (true) WITH CHECK (true);
GRANT SELECT, INSERT, UPDATE, DELETE ON tenant_db_roles TO atrium_app;

-- Creates the tenant's role if missing and makes its CONNECTION LIMIT and
-- grants match the tenant row (database_connections; null → -1, unlimited).
-- SECURITY DEFINER so atrium_app can call it inside the transaction that
-- changes the limits (provisioning, PUT /tenants/{id}, POST …/scale): the
-- role change commits or rolls back with them. It takes no limit argument:
-- the app can only make the role agree with the row, never set another value.
-- Roles are cluster-wide, so every step tolerates the role existing already
-- (several databases on one server, a re-run); the advisory lock serialises
-- concurrent syncs of one role (ALTER ROLE would otherwise fail with
-- "tuple concurrently updated").
CREATE OR REPLACE FUNCTION atrium_sync_tenant_db_role(p_tenant_id text) RETURNS integer
LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
DECLARE
  t record;
  r text;
  lim integer;
BEGIN
  SELECT id, schema_name, limits INTO t FROM tenants WHERE id = p_tenant_id;
  IF NOT FOUND THEN
    RAISE EXCEPTION 'tenant % not found', p_tenant_id USING ERRCODE = 'no_data_found';
  END IF;
  r := left(t.id || '_owner', 63);
  lim := coalesce((t.limits ->> 'database_connections')::integer, -1);
  PERFORM pg_advisory_xact_lock(hashtext('atrium_tenant_db_role:' || r));
  IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = r) THEN
    BEGIN
      EXECUTE format('CREATE ROLE %I LOGIN NOINHERIT NOSUPERUSER NOCREATEDB NOCREATEROLE NOBYPASSRLS NOREPLICATION CONNECTION LIMIT %s', r, lim);
    EXCEPTION WHEN duplicate_object THEN
      NULL;
    END;
  END IF;
  IF (SELECT rolconnlimit FROM pg_roles WHERE rolname = r) IS DISTINCT FROM lim THEN
    EXECUTE format('ALTER ROLE %I CONNECTION LIMIT %s', r, lim);
  END IF;
  IF EXISTS (SELECT FROM pg_namespace WHERE nspname = t.schema_name) THEN
    EXECUTE format('GRANT USAGE, CREATE ON SCHEMA %I TO %I', t.schema_name, r);
    EXECUTE format('GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA %I TO %I', t.schema_name, r);
    EXECUTE format('GRANT USAGE, SELECT, UPDATE ON ALL SEQUENCES IN SCHEMA %I TO %I', t.schema_name, r);
    EXECUTE format('ALTER DEFAULT PRIVILEGES IN SCHEMA %I GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO %I', t.schema_name, r);
    EXECUTE format('ALTER DEFAULT PRIVILEGES IN SCHEMA %I GRANT USAGE, SELECT, UPDATE ON SEQUENCES TO %I', t.schema_name, r);
    -- Which tenant migrations ran is Atrium's record, not the tenant's to edit.
    IF to_regclass(format('%I.schema_migrations', t.schema_name)) IS NOT NULL THEN
      EXECUTE format('REVOKE INSERT, UPDATE, DELETE ON %I.schema_migrations FROM %I', t.schema_name, r);
    END IF;
  END IF;
  INSERT INTO tenant_db_roles (tenant_id, role_name) VALUES (t.id, r) ON CONFLICT (tenant_id) DO NOTHING;
  RETURN lim;
END $$;
REVOKE ALL ON FUNCTION atrium_sync_tenant_db_role(text) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION atrium_sync_tenant_db_role(text) TO atrium_app;

-- Existing tenants get their roles now (passwords are set by the app when first needed).
DO $$
DECLARE
  t record;
BEGIN
  FOR t IN SELECT id FROM tenants WHERE status <> 'provisioning' LOOP
    PERFORM atrium_sync_tenant_db_role(t.id);
  END LOOP;
END $$;
