-- Tenant migration attempts (lib/tenant-migrations). A run is one
-- POST /tenants/{id}/migrate (kind 'single', tenant_id set) or one fleet
-- POST /tenants/migrate (kind 'fleet', tenant_id NULL); it has one item per
-- tenant. Items are the fleet job's work queue: claimed with FOR UPDATE SKIP
-- LOCKED and leased (lease_until), so a run survives a dead worker, and they
-- keep the record of failed attempts (failed_version, error) that `force`
-- is needed to retry.

CREATE TABLE tenant_migration_runs (
  id                  text PRIMARY KEY,
  tenant_id           text REFERENCES tenants(id) ON DELETE CASCADE,
  kind                text NOT NULL CHECK (kind IN ('single', 'fleet')),
  state               text NOT NULL CHECK (state IN ('queued', 'running', 'succeeded', 'failed', 'stopped')),
  direction           text NOT NULL CHECK (direction IN ('up', 'down')),
  target_version      text,
  dry_run             boolean NOT NULL DEFAULT false,
  force               boolean NOT NULL DEFAULT false,
  concurrency         integer NOT NULL DEFAULT 1 CHECK (concurrency BETWEEN 1 AND 16),
  canary_count        integer NOT NULL DEFAULT 0 CHECK (canary_count >= 0),
  stop_after_failures integer CHECK (stop_after_failures >= 1),
  stop_reason         text,
  created_by          text,
  created_at          timestamptz(3) NOT NULL DEFAULT now(),
  started_at          timestamptz(3),
  finished_at         timestamptz(3)
);
CREATE INDEX tenant_migration_runs_recent ON tenant_migration_runs (kind, created_at DESC);
CREATE INDEX tenant_migration_runs_tenant ON tenant_migration_runs (tenant_id, created_at DESC) WHERE tenant_id IS NOT NULL;

CREATE TABLE tenant_migration_run_items (
  run_id         text NOT NULL REFERENCES tenant_migration_runs(id) ON DELETE CASCADE,
  tenant_id      text NOT NULL REFERENCES tenants(id) ON DELETE CASCADE,
  position       integer NOT NULL,
  canary         boolean NOT NULL DEFAULT false,
  state          text NOT NULL DEFAULT 'pending' CHECK (state IN ('pending', 'running', 'succeeded', 'failed', 'skipped')),
  attempts       integer NOT NULL DEFAULT 0,
  lease_until    timestamptz(3),
  started_at     timestamptz(3),
  finished_at    timestamptz(3),
  duration_ms    integer,
  migrations     text[] NOT NULL DEFAULT '{}',
  failed_version text,
  error          text,
  PRIMARY KEY (run_id, tenant_id)
);
-- The job's claim: the next pending (or expired running) item of a run, in order.
CREATE INDEX tenant_migration_run_items_queue ON tenant_migration_run_items (run_id, position) WHERE state IN ('pending', 'running');
-- A tenant's latest attempt (is its last try at a version a failure?).
CREATE INDEX tenant_migration_run_items_tenant ON tenant_migration_run_items (tenant_id, finished_at DESC);

ALTER TABLE tenant_migration_runs ENABLE ROW LEVEL SECURITY;
ALTER TABLE tenant_migration_runs FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON tenant_migration_runs
  USING (tenant_id = current_setting('app.tenant_id', true))
  WITH CHECK (tenant_id = current_setting('app.tenant_id', true));
CREATE POLICY platform_scope ON tenant_migration_runs TO atrium_platform USING (true) WITH CHECK (true);
GRANT SELECT, INSERT, UPDATE, DELETE ON tenant_migration_runs TO atrium_app;

ALTER TABLE tenant_migration_run_items ENABLE ROW LEVEL SECURITY;
ALTER TABLE tenant_migration_run_items FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON tenant_migration_run_items
  USING (tenant_id = current_setting('app.tenant_id', true))
  WITH CHECK (tenant_id = current_setting('app.tenant_id', true));
CREATE POLICY platform_scope ON tenant_migration_run_items TO atrium_platform USING (true) WITH CHECK (true);
GRANT SELECT, INSERT, UPDATE, DELETE ON tenant_migration_run_items TO atrium_app;
