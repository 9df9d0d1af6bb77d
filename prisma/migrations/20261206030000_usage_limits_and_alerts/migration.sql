-- Limits check, enforcement and alerts (issue 11 §2; lib/limits/).

-- Per-tenant alert thresholds: percentages of each limit. No row = the
-- defaults (80 / 95 / 100). `overrides` holds per-resource levels
-- ({"storage_quota": {"warning_percent": 70, ...}}), validated by the API.
CREATE TABLE tenant_alert_thresholds (
  tenant_id         text PRIMARY KEY REFERENCES tenants (id) ON DELETE CASCADE,
  warning_percent   double precision NOT NULL,
  critical_percent  double precision NOT NULL,
  exceeded_percent  double precision NOT NULL,
  overrides         jsonb NOT NULL DEFAULT '{}',
  updated_at        timestamptz(3) NOT NULL DEFAULT now(),
  CONSTRAINT tenant_alert_thresholds_order_check CHECK (0 < warning_percent AND warning_percent < critical_percent AND critical_percent < exceeded_percent)
);

-- What is being enforced now. apiRoute reads this table on every tenant-key
-- call (one primary-key lookup inside the transaction that already reads the
-- key's permissions), uploads read it too. `until` NULL: until a check lifts
-- it; otherwise it ends by itself (API calls: the next UTC day).
CREATE TABLE tenant_enforcements (
  tenant_id  text NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
  resource   text NOT NULL,
  since      timestamptz(3) NOT NULL DEFAULT now(),
  until      timestamptz(3),
  current    double precision NOT NULL,
  "limit"    double precision NOT NULL,
  PRIMARY KEY (tenant_id, resource),
  CONSTRAINT tenant_enforcements_resource_check CHECK (resource IN ('api_rate_limits', 'storage_quota'))
);

-- Alert crossing state: a row per (resource, level, period) while usage is at
-- or above that level. The INSERT … ON CONFLICT DO NOTHING that creates it is
-- what decides who raises the alert, so two simultaneous checks raise it once.
-- period_key: the UTC day (API calls), month (bandwidth), '' for gauges (the
-- row is deleted when usage falls back below, so the next crossing raises again).
CREATE TABLE tenant_limit_alerts (
  tenant_id   text NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
  resource    text NOT NULL,
  level       text NOT NULL,
  period_key  text NOT NULL,
  raised_at   timestamptz(3) NOT NULL DEFAULT now(),
  PRIMARY KEY (tenant_id, resource, level, period_key),
  CONSTRAINT tenant_limit_alerts_level_check CHECK (level IN ('warning', 'critical', 'exceeded'))
);

-- In-app notices shown in the portal and on the console's tenant page.
CREATE TABLE tenant_notices (
  id            text PRIMARY KEY,
  tenant_id     text NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
  severity      text NOT NULL,
  resource      text NOT NULL,
  message       text NOT NULL,
  usage_percent double precision,
  created_at    timestamptz(3) NOT NULL DEFAULT now(),
  dismissed_at  timestamptz(3),
  dismissed_by  text,
  CONSTRAINT tenant_notices_severity_check CHECK (severity IN ('warning', 'critical', 'exceeded'))
);
-- The banner's query: a tenant's notices not dismissed, newest first.
CREATE INDEX tenant_notices_active_idx ON tenant_notices (tenant_id, created_at DESC) WHERE dismissed_at IS NULL;
CREATE INDEX tenant_notices_tenant_created_idx ON tenant_notices (tenant_id, created_at DESC);

DO $$
DECLARE t text;
BEGIN
  FOREACH t IN ARRAY ARRAY['tenant_alert_thresholds', 'tenant_enforcements', 'tenant_limit_alerts', 'tenant_notices'] LOOP
    EXECUTE format('ALTER TABLE %I ENABLE ROW LEVEL SECURITY', t);
    EXECUTE format('ALTER TABLE %I FORCE ROW LEVEL SECURITY', t);
    EXECUTE format($p$CREATE POLICY tenant_isolation ON %I
      USING (tenant_id = current_setting('app.tenant_id', true))
      WITH CHECK (tenant_id = current_setting('app.tenant_id', true))$p$, t);
    EXECUTE format('CREATE POLICY platform_scope ON %I TO atrium_platform USING (true) WITH CHECK (true)', t);
    EXECUTE format('GRANT SELECT, INSERT, UPDATE, DELETE ON %I TO atrium_app', t);
  END LOOP;
END $$;
