-- Backups of a tenant (POST /tenants/{id}/backup) and restores from them
-- (POST /tenants/{id}/restore). The archive itself lives in BACKUP_DIR or the
-- BACKUP_S3_URL bucket under storage_path; these rows track progress and result.
CREATE TABLE tenant_backups (
  id               text PRIMARY KEY,
  tenant_id        text NOT NULL REFERENCES tenants(id) ON DELETE CASCADE,
  status           text NOT NULL CHECK (status IN ('queued', 'in_progress', 'completed', 'failed')),
  backup_type      text NOT NULL CHECK (backup_type IN ('full', 'schema_only', 'data_only')),
  options          jsonb NOT NULL,
  progress_pct     integer NOT NULL DEFAULT 0 CHECK (progress_pct BETWEEN 0 AND 100),
  current_step     text NOT NULL DEFAULT 'queued',
  estimated_bytes  bigint,
  storage_location text NOT NULL,
  storage_path     text NOT NULL,
  checksum         text,
  result           jsonb,
  verification     jsonb,
  error            text,
  requested_by     jsonb NOT NULL,
  retention_days   integer NOT NULL CHECK (retention_days BETWEEN 1 AND 3650),
  expires_at       timestamptz(3) NOT NULL,
  created_at       timestamptz(3) NOT NULL DEFAULT now(),
  started_at       timestamptz(3),
  completed_at     timestamptz(3)
);
CREATE INDEX tenant_backups_tenant ON tenant_backups (tenant_id, created_at DESC);
CREATE INDEX tenant_backups_expiry ON tenant_backups (expires_at);
ALTER TABLE tenant_backups ENABLE ROW LEVEL SECURITY;
ALTER TABLE tenant_backups FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON tenant_backups
  USING (tenant_id = current_setting('app.tenant_id', true))
  WITH CHECK (tenant_id = current_setting('app.tenant_id', true));
CREATE POLICY platform_scope ON tenant_backups TO atrium_platform USING (true) WITH CHECK (true);
GRANT SELECT, INSERT, UPDATE, DELETE ON tenant_backups TO atrium_app;

CREATE TABLE tenant_restores (
  id              text PRIMARY KEY,
  tenant_id       text NOT NULL REFERENCES tenants(id) ON DELETE CASCADE,
  backup_id       text NOT NULL,
  status          text NOT NULL CHECK (status IN ('planned', 'queued', 'in_progress', 'completed', 'failed')),
  dry_run         boolean NOT NULL,
  mode            text NOT NULL CHECK (mode IN ('side_schema', 'replace_live')),
  target_schema   text NOT NULL,
  previous_schema text,
  options         jsonb NOT NULL,
  plan            jsonb NOT NULL,
  result          jsonb,
  error           text,
  requested_by    jsonb NOT NULL,
  created_at      timestamptz(3) NOT NULL DEFAULT now(),
  completed_at    timestamptz(3)
);
CREATE INDEX tenant_restores_tenant ON tenant_restores (tenant_id, created_at DESC);
ALTER TABLE tenant_restores ENABLE ROW LEVEL SECURITY;
ALTER TABLE tenant_restores FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON tenant_restores
  USING (tenant_id = current_setting('app.tenant_id', true))
  WITH CHECK (tenant_id = current_setting('app.tenant_id', true));
CREATE POLICY platform_scope ON tenant_restores TO atrium_platform USING (true) WITH CHECK (true);
GRANT SELECT, INSERT, UPDATE, DELETE ON tenant_restores TO atrium_app;
