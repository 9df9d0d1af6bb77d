-- Atrium control plane. Tenant-owned tables carry tenant_id first in their keys
-- (so the control plane can be distributed by tenant_id) and are guarded by
-- Row-Level Security on current_setting('app.tenant_id').

-- The runtime role: not the owner of anything, no BYPASSRLS. The app's pool
-- switches to it on connect, so every query the app makes is subject to RLS.
DO $$
BEGIN
  IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'atrium_app') THEN
    CREATE ROLE atrium_app NOLOGIN NOSUPERUSER NOBYPASSRLS NOCREATEDB NOCREATEROLE;
  END IF;
END $$;
GRANT atrium_app TO CURRENT_USER;

CREATE TABLE users (
  id            text PRIMARY KEY,
  email         text NOT NULL,
  name          text NOT NULL,
  password_hash text,
  platform_role text CHECK (platform_role IN ('admin', 'operator', 'auditor')),
  status        text NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'suspended')),
  last_login_at timestamptz(3),
  created_at    timestamptz(3) NOT NULL DEFAULT now(),
  updated_at    timestamptz(3) NOT NULL DEFAULT now(),
  CONSTRAINT users_email_lowercase CHECK (email = lower(email))
);
CREATE UNIQUE INDEX users_email_key ON users (email);

CREATE TABLE tenants (
  id                     text PRIMARY KEY,
  name                   text NOT NULL,
  slug                   text NOT NULL,
  schema_name            text NOT NULL,
  domain                 text,
  plan                   text NOT NULL CHECK (plan IN ('basic', 'professional', 'enterprise')),
  status                 text NOT NULL CHECK (status IN ('provisioning', 'active', 'suspended', 'archived', 'pending_deletion')),
  is_trial               boolean NOT NULL DEFAULT false,
  trial_ends_at          timestamptz(3),
  settings               jsonb NOT NULL DEFAULT '{}',
  features               jsonb NOT NULL DEFAULT '{}',
  limits                 jsonb NOT NULL DEFAULT '{}',
  branding               jsonb NOT NULL DEFAULT '{}',
  provisioning           jsonb NOT NULL DEFAULT '{}',
  version                integer NOT NULL DEFAULT 1,
  suspended_at           timestamptz(3),
  suspended_reason       text,
  archived_at            timestamptz(3),
  status_before_deletion text,
  deletion_scheduled_at  timestamptz(3),
  final_deletion_date    timestamptz(3),
  created_at             timestamptz(3) NOT NULL DEFAULT now(),
  updated_at             timestamptz(3) NOT NULL DEFAULT now()
);
CREATE UNIQUE INDEX tenants_slug_key ON tenants (slug);
CREATE UNIQUE INDEX tenants_schema_name_key ON tenants (schema_name);
CREATE UNIQUE INDEX tenants_domain_key ON tenants (domain);
CREATE INDEX tenants_status_created_at_idx ON tenants (status, created_at);
CREATE INDEX tenants_plan_created_at_idx ON tenants (plan, created_at);
CREATE INDEX tenants_created_at_idx ON tenants (created_at);
CREATE INDEX tenants_name_lower_idx ON tenants (lower(name));

-- Host resolution caches tenants in every web process; this tells them all
-- (and other instances) to drop a stale entry.
CREATE FUNCTION atrium_notify_tenant_changed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM pg_notify('atrium_tenant_changed', COALESCE(NEW.id, OLD.id));
  RETURN NULL;
END $$;
CREATE TRIGGER tenants_notify_changed AFTER INSERT OR UPDATE OR DELETE ON tenants
  FOR EACH ROW EXECUTE FUNCTION atrium_notify_tenant_changed();

CREATE TABLE memberships (
  tenant_id      text NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
  user_id        text NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  role           text NOT NULL,
  status         text NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'suspended')),
  joined_at      timestamptz(3) NOT NULL DEFAULT now(),
  last_active_at timestamptz(3),
  PRIMARY KEY (tenant_id, user_id)
);
CREATE INDEX memberships_user_id_idx ON memberships (user_id);

CREATE TABLE tenant_usage_daily (
  tenant_id      text NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
  day            date NOT NULL,
  users          integer NOT NULL DEFAULT 0,
  storage_gb     double precision NOT NULL DEFAULT 0,
  api_calls      integer NOT NULL DEFAULT 0,
  db_connections integer NOT NULL DEFAULT 0,
  bandwidth_gb   double precision NOT NULL DEFAULT 0,
  PRIMARY KEY (tenant_id, day)
);

-- Audit rows have no FK to tenants: the record of a purged tenant outlives it.
CREATE TABLE audit_events (
  id          text PRIMARY KEY,
  tenant_id   text,
  actor_type  text NOT NULL CHECK (actor_type IN ('user', 'api_key', 'system')),
  actor_id    text,
  actor_label text NOT NULL,
  action      text NOT NULL,
  target_type text NOT NULL,
  target_id   text,
  before      jsonb,
  after       jsonb,
  ip          text,
  user_agent  text,
  request_id  text,
  created_at  timestamptz(3) NOT NULL DEFAULT now()
);
CREATE INDEX audit_events_tenant_id_created_at_idx ON audit_events (tenant_id, created_at);
CREATE INDEX audit_events_created_at_idx ON audit_events (created_at);

CREATE FUNCTION atrium_audit_is_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'audit_events rows are append-only';
END $$;
CREATE TRIGGER audit_events_no_update BEFORE UPDATE ON audit_events
  FOR EACH ROW EXECUTE FUNCTION atrium_audit_is_append_only();

CREATE TABLE api_keys (
  id            text PRIMARY KEY,
  name          text NOT NULL,
  scope         text NOT NULL CHECK (scope IN ('platform', 'tenant')),
  tenant_id     text REFERENCES tenants (id) ON DELETE CASCADE,
  prefix        text NOT NULL,
  key_hash      text NOT NULL,
  permissions   text[] NOT NULL,
  created_by_id text,
  created_at    timestamptz(3) NOT NULL DEFAULT now(),
  last_used_at  timestamptz(3),
  revoked_at    timestamptz(3),
  CONSTRAINT api_keys_scope_tenant CHECK ((scope = 'platform') = (tenant_id IS NULL))
);
CREATE UNIQUE INDEX api_keys_key_hash_key ON api_keys (key_hash);
CREATE INDEX api_keys_tenant_id_idx ON api_keys (tenant_id);

CREATE TABLE idempotency_keys (
  caller_id     text NOT NULL,
  key           text NOT NULL,
  method        text NOT NULL,
  path          text NOT NULL,
  request_hash  text NOT NULL,
  status_code   integer,
  response_body jsonb,
  created_at    timestamptz(3) NOT NULL DEFAULT now(),
  PRIMARY KEY (caller_id, key)
);

CREATE TABLE rate_limit_buckets (
  key          text NOT NULL,
  window_start timestamptz(3) NOT NULL,
  count        integer NOT NULL DEFAULT 0,
  PRIMARY KEY (key, window_start)
);

-- Row-Level Security. A row is visible when its tenant is the transaction's
-- tenant, or when the transaction explicitly entered platform scope (platform
-- staff, already authorised by the app). Neither set: nothing is visible.
ALTER TABLE memberships ENABLE ROW LEVEL SECURITY;
ALTER TABLE memberships FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON memberships
  USING (tenant_id = current_setting('app.tenant_id', true) OR current_setting('app.platform_scope', true) = 'on')
  WITH CHECK (tenant_id = current_setting('app.tenant_id', true) OR current_setting('app.platform_scope', true) = 'on');

ALTER TABLE tenant_usage_daily ENABLE ROW LEVEL SECURITY;
ALTER TABLE tenant_usage_daily FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON tenant_usage_daily
  USING (tenant_id = current_setting('app.tenant_id', true) OR current_setting('app.platform_scope', true) = 'on')
  WITH CHECK (tenant_id = current_setting('app.tenant_id', true) OR current_setting('app.platform_scope', true) = 'on');

ALTER TABLE audit_events ENABLE ROW LEVEL SECURITY;
ALTER TABLE audit_events FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON audit_events
  USING (tenant_id = current_setting('app.tenant_id', true) OR current_setting('app.platform_scope', true) = 'on')
  WITH CHECK (tenant_id = current_setting('app.tenant_id', true) OR current_setting('app.platform_scope', true) = 'on');

-- Platform keys (tenant_id NULL) must be findable by hash before any context
-- exists; tenant keys only inside their tenant or platform scope.
ALTER TABLE api_keys ENABLE ROW LEVEL SECURITY;
ALTER TABLE api_keys FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON api_keys
  USING (tenant_id IS NULL OR tenant_id = current_setting('app.tenant_id', true) OR current_setting('app.platform_scope', true) = 'on')
  WITH CHECK (tenant_id IS NULL OR tenant_id = current_setting('app.tenant_id', true) OR current_setting('app.platform_scope', true) = 'on');

GRANT USAGE ON SCHEMA public TO atrium_app;
GRANT SELECT, INSERT, UPDATE, DELETE ON users, tenants, memberships, tenant_usage_daily, api_keys, idempotency_keys, rate_limit_buckets TO atrium_app;
-- Append-only for the app: no UPDATE or DELETE grant on audit_events.
GRANT SELECT, INSERT ON audit_events TO atrium_app;
