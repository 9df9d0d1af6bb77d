-- Issue 12: each tenant gets a second, read-only role, <tenant id>_reader
-- (NOLOGIN): USAGE on its schema and SELECT on its tables, nothing else.
-- The data plane (lib/dataplane/with-tenant-db.ts) logs in as the tenant's
-- own <tenant id>_owner (issue 11: LOGIN, CONNECTION LIMIT) and, for reads,
-- SET LOCAL ROLEs to the reader. The owner is granted the reader with SET but
-- not INHERIT, so its session can become the reader but never gains the
-- reader's rights implicitly, and a session of one tenant can assume no role
-- of another: even a `RESET ROLE` lands in the same tenant's owner.

-- PostgreSQL 15+ no longer lets PUBLIC create in public; older clusters did.
REVOKE CREATE ON SCHEMA public FROM PUBLIC;

CREATE OR REPLACE FUNCTION atrium_sync_tenant_db_role(p_tenant_id text) RETURNS integer
LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
DECLARE
  t record;
  r text;
  rd text;
  lim integer;
  created boolean := false;
BEGIN
  SELECT id, schema_name, limits INTO t FROM tenants WHERE id = p_tenant_id;
  IF NOT FOUND THEN
    RAISE EXCEPTION 'tenant % not found', p_tenant_id USING ERRCODE = 'no_data_found';
  END IF;
  r := left(t.id || '_owner', 63);
  rd := left(t.id || '_reader', 63);
  lim := coalesce((t.limits ->> 'database_connections')::integer, -1);
  PERFORM pg_advisory_xact_lock(hashtext('atrium_tenant_db_role:' || r));
  IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = r) THEN
    BEGIN
      EXECUTE format('CREATE ROLE %I LOGIN NOINHERIT NOSUPERUSER NOCREATEDB NOCREATEROLE NOBYPASSRLS NOREPLICATION CONNECTION LIMIT %s', r, lim);
      created := true;
    EXCEPTION WHEN duplicate_object THEN
      NULL;
    END;
  END IF;
  IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = rd) THEN
    BEGIN
      EXECUTE format('CREATE ROLE %I NOLOGIN NOINHERIT NOSUPERUSER NOCREATEDB NOCREATEROLE NOBYPASSRLS NOREPLICATION', rd);
      created := true;
    EXCEPTION WHEN duplicate_object THEN
      NULL;
    END;
  END IF;
  IF (SELECT rolconnlimit FROM pg_roles WHERE rolname = r) IS DISTINCT FROM lim THEN
    EXECUTE format('ALTER ROLE %I CONNECTION LIMIT %s', r, lim);
  END IF;
  -- SET (may become the reader) without INHERIT (never holds its rights implicitly).
  IF NOT EXISTS (
    SELECT FROM pg_auth_members m
    WHERE m.roleid = (SELECT oid FROM pg_roles WHERE rolname = rd) AND m.member = (SELECT oid FROM pg_roles WHERE rolname = r)
  ) THEN
    EXECUTE format('GRANT %I TO %I WITH INHERIT FALSE, SET TRUE', rd, r);
  END IF;
  -- Grants once per role pair (new roles, or a schema that lacks them): later tables are covered by the
  -- default privileges, and re-granting on every limit change would rewrite catalogue rows for nothing.
  IF EXISTS (SELECT FROM pg_namespace WHERE nspname = t.schema_name)
     AND (created OR NOT has_schema_privilege(rd, t.schema_name, 'USAGE') OR NOT has_schema_privilege(r, t.schema_name, 'CREATE')) THEN
    EXECUTE format('GRANT USAGE, CREATE ON SCHEMA %I TO %I', t.schema_name, r);
    EXECUTE format('GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA %I TO %I', t.schema_name, r);
    EXECUTE format('GRANT USAGE, SELECT, UPDATE ON ALL SEQUENCES IN SCHEMA %I TO %I', t.schema_name, r);
    EXECUTE format('ALTER DEFAULT PRIVILEGES IN SCHEMA %I GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO %I', t.schema_name, r);
    EXECUTE format('ALTER DEFAULT PRIVILEGES IN SCHEMA %I GRANT USAGE, SELECT, UPDATE ON SEQUENCES TO %I', t.schema_name, r);
    EXECUTE format('GRANT USAGE ON SCHEMA %I TO %I', t.schema_name, rd);
    EXECUTE format('GRANT SELECT ON ALL TABLES IN SCHEMA %I TO %I', t.schema_name, rd);
    -- Tables created later: by migrations run as this function's owner (DATABASE_URL's user) ...
    EXECUTE format('ALTER DEFAULT PRIVILEGES IN SCHEMA %I GRANT SELECT ON TABLES TO %I', t.schema_name, rd);
    -- ... and by the tenant's owner role (migrations through the data plane, SQL console writes).
    -- Needs membership in the owner role (a superuser has it; a CREATEROLE-only user may lack it on PG16+,
    -- and then the reader sees such tables once the next sync grants SELECT ON ALL TABLES).
    BEGIN
      EXECUTE format('ALTER DEFAULT PRIVILEGES FOR ROLE %I IN SCHEMA %I GRANT SELECT ON TABLES TO %I', r, t.schema_name, rd);
    EXCEPTION WHEN insufficient_privilege THEN
      NULL;
    END;
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

-- Existing tenants get their readers now.
DO $$
DECLARE
  t record;
BEGIN
  FOR t IN SELECT id FROM tenants WHERE status <> 'provisioning' LOOP
    PERFORM atrium_sync_tenant_db_role(t.id);
  END LOOP;
END $$;
