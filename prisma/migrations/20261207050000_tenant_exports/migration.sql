-- POST /tenants/{id}/export: one row per export job (lib/exports). The archive
-- itself lives in storage (storage_path); the row keeps its status, progress and
-- result, and is what GET …/export/{job_id} and data_export_url read.
CREATE TABLE tenant_exports (
  id            text PRIMARY KEY,
  tenant_id     text NOT NULL REFERENCES tenants(id) ON DELETE CASCADE,
  status        text NOT NULL CHECK (status IN ('queued', 'running', 'completed', 'failed')),
  percentage    integer NOT NULL DEFAULT 0 CHECK (percentage BETWEEN 0 AND 100),
  current_step  text NOT NULL DEFAULT 'queued',
  result        jsonb,
  storage_path  text,
  error         text,
  requested_by  jsonb NOT NULL,
  created_at    timestamptz(3) NOT NULL DEFAULT now(),
  started_at    timestamptz(3),
  completed_at  timestamptz(3)
);
CREATE INDEX tenant_exports_tenant ON tenant_exports (tenant_id, created_at DESC);
ALTER TABLE tenant_exports ENABLE ROW LEVEL SECURITY;
ALTER TABLE tenant_exports FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON tenant_exports
  USING (tenant_id = current_setting('app.tenant_id', true))
  WITH CHECK (tenant_id = current_setting('app.tenant_id', true));
CREATE POLICY platform_scope ON tenant_exports TO atrium_platform USING (true) WITH CHECK (true);
GRANT SELECT, INSERT, UPDATE, DELETE ON tenant_exports TO atrium_app;
