-- Tenant health (lib/health): the latest check of each tenant, which the
-- tenant list shows and sorts by, and one row per tenant and day, which the
-- charts read. The tenant-health job writes both; a day's row keeps the day's
-- last score and counts the checks run and those that reached the schema
-- (uptime = reachable / run).
CREATE TABLE tenant_health (
  tenant_id   text PRIMARY KEY REFERENCES tenants(id) ON DELETE CASCADE,
  score       integer NOT NULL CHECK (score BETWEEN 0 AND 100),
  status      text NOT NULL CHECK (status IN ('healthy', 'degraded', 'critical')),
  checks      jsonb NOT NULL DEFAULT '[]',
  checked_at  timestamptz(3) NOT NULL DEFAULT now()
);
CREATE INDEX tenant_health_score_idx ON tenant_health (score, tenant_id);

CREATE TABLE tenant_health_daily (
  tenant_id             text NOT NULL REFERENCES tenants(id) ON DELETE CASCADE,
  day                   date NOT NULL,
  score                 integer NOT NULL CHECK (score BETWEEN 0 AND 100),
  status                text NOT NULL CHECK (status IN ('healthy', 'degraded', 'critical')),
  min_score             integer NOT NULL CHECK (min_score BETWEEN 0 AND 100),
  checks_run            integer NOT NULL DEFAULT 0,
  schema_reachable_runs integer NOT NULL DEFAULT 0,
  updated_at            timestamptz(3) NOT NULL DEFAULT now(),
  PRIMARY KEY (tenant_id, day)
);
CREATE INDEX tenant_health_daily_day_idx ON tenant_health_daily (day);

DO $$
DECLARE t text;
BEGIN
  FOREACH t IN ARRAY ARRAY['tenant_health', 'tenant_health_daily'] LOOP
    EXECUTE format('ALTER TABLE %I ENABLE ROW LEVEL SECURITY', t);
    EXECUTE format('ALTER TABLE %I FORCE ROW LEVEL SECURITY', t);
    EXECUTE format($p$CREATE POLICY tenant_isolation ON %I
      USING (tenant_id = current_setting('app.tenant_id', true))
      WITH CHECK (tenant_id = current_setting('app.tenant_id', true))$p$, t);
    EXECUTE format('CREATE POLICY platform_scope ON %I TO atrium_platform USING (true) WITH CHECK (true)', t);
    EXECUTE format('GRANT SELECT, INSERT, UPDATE, DELETE ON %I TO atrium_app', t);
  END LOOP;
END $$;
