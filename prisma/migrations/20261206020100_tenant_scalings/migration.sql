-- POST /tenants/{id}/scale: every scaling, immediate (completed at once) or
-- scheduled (pending until the scaling job applies it at scheduled_at).
CREATE TABLE tenant_scalings (
  id              text PRIMARY KEY,
  tenant_id       text NOT NULL REFERENCES tenants(id) ON DELETE CASCADE,
  status          text NOT NULL CHECK (status IN ('scheduled', 'completed', 'failed', 'cancelled')),
  strategy        text NOT NULL CHECK (strategy IN ('immediate', 'scheduled')),
  scheduled_at    timestamptz(3),
  previous_limits jsonb NOT NULL,
  target_limits   jsonb NOT NULL,
  steps           jsonb NOT NULL,
  billing_impact  jsonb NOT NULL,
  requested_by    jsonb NOT NULL,
  error           text,
  created_at      timestamptz(3) NOT NULL DEFAULT now(),
  completed_at    timestamptz(3),
  CHECK ((strategy = 'scheduled') = (scheduled_at IS NOT NULL))
);
CREATE INDEX tenant_scalings_due ON tenant_scalings (scheduled_at) WHERE status = 'scheduled';
CREATE INDEX tenant_scalings_tenant ON tenant_scalings (tenant_id, created_at DESC);
ALTER TABLE tenant_scalings ENABLE ROW LEVEL SECURITY;
ALTER TABLE tenant_scalings FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON tenant_scalings
  USING (tenant_id = current_setting('app.tenant_id', true))
  WITH CHECK (tenant_id = current_setting('app.tenant_id', true));
CREATE POLICY platform_scope ON tenant_scalings TO atrium_platform USING (true) WITH CHECK (true);
GRANT SELECT, INSERT, UPDATE, DELETE ON tenant_scalings TO atrium_app;
