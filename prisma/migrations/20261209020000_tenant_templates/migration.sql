-- Tenant templates (lib/templates): a named, versioned definition a tenant is
-- provisioned from or brought in line with. Editing a template adds a version;
-- a version is never changed, so a tenant's recorded (template_id,
-- template_version) always names what it came from. Templates are the
-- platform's, not a tenant's: no tenant column, so no row-level security
-- (only staff reach them, through the API's platform permissions).
CREATE TABLE tenant_templates (
  id              text PRIMARY KEY,
  key             text NOT NULL UNIQUE CHECK (key ~ '^[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?$'),
  name            text NOT NULL,
  description     text NOT NULL DEFAULT '',
  current_version integer NOT NULL DEFAULT 1 CHECK (current_version >= 1),
  built_in        boolean NOT NULL DEFAULT false,
  archived_at     timestamptz(3),
  created_at      timestamptz(3) NOT NULL DEFAULT now(),
  updated_at      timestamptz(3) NOT NULL DEFAULT now()
);

CREATE TABLE tenant_template_versions (
  template_id text NOT NULL REFERENCES tenant_templates(id) ON DELETE CASCADE,
  version     integer NOT NULL CHECK (version >= 1),
  definition  jsonb NOT NULL,
  created_by  text,
  created_at  timestamptz(3) NOT NULL DEFAULT now(),
  PRIMARY KEY (template_id, version)
);

GRANT SELECT, INSERT, UPDATE, DELETE ON tenant_templates, tenant_template_versions TO atrium_app;

-- What a tenant came from (NULL: created without a template).
ALTER TABLE tenants ADD COLUMN template_id text REFERENCES tenant_templates(id) ON DELETE SET NULL;
ALTER TABLE tenants ADD COLUMN template_version integer;
CREATE INDEX tenants_template ON tenants (template_id, template_version) WHERE template_id IS NOT NULL;

-- The built-in starters: seed 003's three tiers (lib/tenants/plans.ts; a test checks they agree).
INSERT INTO tenant_templates (id, key, name, description, current_version, built_in) VALUES
  ('tpl_builtin_basic', 'starter-basic', 'Basic starter', 'Seed 003 Basic tier: small teams, core analytics.', 1, true),
  ('tpl_builtin_professional', 'starter-professional', 'Professional starter', 'Seed 003 Professional tier: AI insights, API access, custom branding and domains.', 1, true),
  ('tpl_builtin_enterprise', 'starter-enterprise', 'Enterprise starter', 'Seed 003 Enterprise tier: SSO, audit logs, SLA and custom integrations.', 1, true);
INSERT INTO tenant_template_versions (template_id, version, definition, created_by)
SELECT v.id, 1, v.definition::jsonb, 'system:migration' FROM (VALUES
  ('tpl_builtin_basic', '{"plan":"basic","settings":{},"limits":{"users":10,"storage_gb":5,"api_calls_per_day":24000,"custom_integrations":0,"database_connections":10,"bandwidth_gb":50},"features":{"core_analytics":true,"social_collaboration":true,"ai_insights":false,"advanced_analytics":false,"api_access":false,"sso_integration":false,"advanced_reporting":false,"audit_logs":false,"custom_branding":false,"priority_support":false,"sla_guarantee":false,"gdpr_compliance":true,"custom_domains":false,"custom_integrations":false},"branding":{},"roles":[],"webhook_endpoints":[],"starter_sql":null}'),
  ('tpl_builtin_professional', '{"plan":"professional","settings":{},"limits":{"users":50,"storage_gb":100,"api_calls_per_day":120000,"custom_integrations":0,"database_connections":25,"bandwidth_gb":500},"features":{"core_analytics":true,"social_collaboration":true,"ai_insights":true,"advanced_analytics":true,"api_access":true,"sso_integration":false,"advanced_reporting":false,"audit_logs":false,"custom_branding":true,"priority_support":true,"sla_guarantee":false,"gdpr_compliance":true,"custom_domains":true,"custom_integrations":false},"branding":{},"roles":[],"webhook_endpoints":[],"starter_sql":null}'),
  ('tpl_builtin_enterprise', '{"plan":"enterprise","settings":{},"limits":{"users":null,"storage_gb":1024,"api_calls_per_day":600000,"custom_integrations":25,"database_connections":50,"bandwidth_gb":5000},"features":{"core_analytics":true,"social_collaboration":true,"ai_insights":true,"advanced_analytics":true,"api_access":true,"sso_integration":true,"advanced_reporting":true,"audit_logs":true,"custom_branding":true,"priority_support":true,"sla_guarantee":true,"gdpr_compliance":true,"custom_domains":true,"custom_integrations":true},"branding":{},"roles":[],"webhook_endpoints":[],"starter_sql":null}')
) AS v(id, definition);
