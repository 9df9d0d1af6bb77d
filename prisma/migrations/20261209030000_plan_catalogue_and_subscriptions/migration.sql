-- The plan catalogue and tenant subscriptions (lib/billing/plans,
-- lib/billing/subscriptions). The three plan keys of seed 003 stay; platform
-- admins edit their content, and every edit is a new immutable row in
-- plan_versions (plan_catalogue.current_version points at the newest). A
-- subscription names the version it is on and keeps that version's price
-- until an admin moves it, so editing a price never changes a running bill.

CREATE TABLE plan_catalogue (
  key             text PRIMARY KEY CHECK (key IN ('basic', 'professional', 'enterprise')),
  current_version integer NOT NULL,
  updated_at      timestamptz(3) NOT NULL DEFAULT now()
);

CREATE TABLE plan_versions (
  plan_key            text NOT NULL REFERENCES plan_catalogue(key),
  version             integer NOT NULL CHECK (version >= 1),
  name                text NOT NULL,
  price_monthly_cents integer NOT NULL CHECK (price_monthly_cents >= 0),
  currency            text NOT NULL,
  limits              jsonb NOT NULL,
  features            jsonb NOT NULL,
  -- { api_calls_per_1000_cents, storage_gb_cents }: metered usage above the limits.
  overage             jsonb NOT NULL,
  -- { seat_cents, storage_gb_cents }: the monthly price of one extra seat / GB.
  add_on_prices       jsonb NOT NULL,
  trial_days          integer NOT NULL CHECK (trial_days BETWEEN 0 AND 365),
  created_by          text,
  created_at          timestamptz(3) NOT NULL DEFAULT now(),
  PRIMARY KEY (plan_key, version)
);

-- Seed 003's tiers and prices ($29, $99; Enterprise is "custom pricing", so
-- $499 is Atrium's editable default). Overage and add-on prices are Atrium's own.
INSERT INTO plan_catalogue (key, current_version) VALUES ('basic', 1), ('professional', 1), ('enterprise', 1);
INSERT INTO plan_versions (plan_key, version, name, price_monthly_cents, currency, limits, features, overage, add_on_prices, trial_days) VALUES
  ('basic', 1, 'Basic', 2900, 'USD', '{"users":10,"storage_gb":5,"api_calls_per_day":24000,"custom_integrations":0,"database_connections":10,"bandwidth_gb":50}', '{"core_analytics":true,"social_collaboration":true,"ai_insights":false,"advanced_analytics":false,"api_access":false,"sso_integration":false,"advanced_reporting":false,"audit_logs":false,"custom_branding":false,"priority_support":false,"sla_guarantee":false,"gdpr_compliance":true,"custom_domains":false,"custom_integrations":false}', '{"api_calls_per_1000_cents":10,"storage_gb_cents":25}', '{"seat_cents":300,"storage_gb_cents":30}', 14),
  ('professional', 1, 'Professional', 9900, 'USD', '{"users":50,"storage_gb":100,"api_calls_per_day":120000,"custom_integrations":0,"database_connections":25,"bandwidth_gb":500}', '{"core_analytics":true,"social_collaboration":true,"ai_insights":true,"advanced_analytics":true,"api_access":true,"sso_integration":false,"advanced_reporting":false,"audit_logs":false,"custom_branding":true,"priority_support":true,"sla_guarantee":false,"gdpr_compliance":true,"custom_domains":true,"custom_integrations":false}', '{"api_calls_per_1000_cents":8,"storage_gb_cents":20}', '{"seat_cents":200,"storage_gb_cents":20}', 14),
  ('enterprise', 1, 'Enterprise', 49900, 'USD', '{"users":null,"storage_gb":1024,"api_calls_per_day":600000,"custom_integrations":25,"database_connections":50,"bandwidth_gb":5000}', '{"core_analytics":true,"social_collaboration":true,"ai_insights":true,"advanced_analytics":true,"api_access":true,"sso_integration":true,"advanced_reporting":true,"audit_logs":true,"custom_branding":true,"priority_support":true,"sla_guarantee":true,"gdpr_compliance":true,"custom_domains":true,"custom_integrations":true}', '{"api_calls_per_1000_cents":5,"storage_gb_cents":15}', '{"seat_cents":150,"storage_gb_cents":15}', 14);
ALTER TABLE plan_catalogue ADD CONSTRAINT plan_catalogue_current_version_fkey FOREIGN KEY (key, current_version) REFERENCES plan_versions (plan_key, version) DEFERRABLE INITIALLY DEFERRED;

-- The catalogue is platform-wide (no tenant rows): readable by everyone signed in, written only by platform admins' code paths.
GRANT SELECT, INSERT, UPDATE ON plan_catalogue TO atrium_app;
GRANT SELECT, INSERT ON plan_versions TO atrium_app;

-- One subscription per tenant. Billing periods are calendar months (UTC).
-- trial_reminder_*_sent_at make the 7- and 1-day trial reminders go once each.
CREATE TABLE tenant_subscriptions (
  tenant_id                text PRIMARY KEY REFERENCES tenants(id) ON DELETE CASCADE,
  plan_key                 text NOT NULL,
  plan_version             integer NOT NULL,
  price_monthly_cents      integer NOT NULL CHECK (price_monthly_cents >= 0),
  currency                 text NOT NULL,
  status                   text NOT NULL CHECK (status IN ('trialing', 'active', 'canceled')),
  trial_ends_at            timestamptz(3),
  trial_end_action         text NOT NULL DEFAULT 'convert' CHECK (trial_end_action IN ('convert', 'downgrade', 'suspend')),
  trial_reminder_7_sent_at timestamptz(3),
  trial_reminder_1_sent_at timestamptz(3),
  current_period_start     timestamptz(3) NOT NULL,
  current_period_end       timestamptz(3) NOT NULL,
  add_ons                  jsonb NOT NULL DEFAULT '{"extra_seats":0,"extra_storage_gb":0}',
  updated_at               timestamptz(3) NOT NULL DEFAULT now(),
  FOREIGN KEY (plan_key, plan_version) REFERENCES plan_versions (plan_key, version),
  CHECK (status <> 'trialing' OR trial_ends_at IS NOT NULL),
  CHECK (current_period_end > current_period_start)
);
-- The trial job reads only subscriptions in trial, by end date.
CREATE INDEX tenant_subscriptions_trial_end ON tenant_subscriptions (trial_ends_at) WHERE status = 'trialing';
-- "n subscriptions on older versions" per plan.
CREATE INDEX tenant_subscriptions_plan_version ON tenant_subscriptions (plan_key, plan_version);
ALTER TABLE tenant_subscriptions ENABLE ROW LEVEL SECURITY;
ALTER TABLE tenant_subscriptions FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON tenant_subscriptions
  USING (tenant_id = current_setting('app.tenant_id', true))
  WITH CHECK (tenant_id = current_setting('app.tenant_id', true));
CREATE POLICY platform_scope ON tenant_subscriptions TO atrium_platform USING (true) WITH CHECK (true);
GRANT SELECT, INSERT, UPDATE, DELETE ON tenant_subscriptions TO atrium_app;

-- Every existing tenant gets the subscription its plan implies, on version 1,
-- in the currency of its settings, for the current calendar month; tenants
-- still in a trial are trialing until their recorded end.
INSERT INTO tenant_subscriptions (tenant_id, plan_key, plan_version, price_monthly_cents, currency, status, trial_ends_at, current_period_start, current_period_end)
SELECT t.id, t.plan, 1, v.price_monthly_cents, COALESCE(NULLIF(t.settings->>'currency', ''), 'USD'),
       CASE WHEN t.is_trial AND t.trial_ends_at IS NOT NULL AND t.trial_ends_at > now() THEN 'trialing' ELSE 'active' END,
       CASE WHEN t.is_trial AND t.trial_ends_at IS NOT NULL AND t.trial_ends_at > now() THEN t.trial_ends_at END,
       date_trunc('month', now() AT TIME ZONE 'UTC') AT TIME ZONE 'UTC',
       (date_trunc('month', now() AT TIME ZONE 'UTC') + interval '1 month') AT TIME ZONE 'UTC'
FROM tenants t JOIN plan_versions v ON v.plan_key = t.plan AND v.version = 1;
