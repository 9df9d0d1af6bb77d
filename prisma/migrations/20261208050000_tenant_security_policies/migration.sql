-- Tenant security policy (issue 13 §4): one row per tenant that has changed
-- anything; a tenant without a row has the defaults of
-- lib/security-policy/defaults.ts (nothing required, nothing limited).
CREATE TABLE tenant_security_policies (
  tenant_id                        text PRIMARY KEY REFERENCES tenants (id) ON DELETE CASCADE,
  require_2fa                      boolean NOT NULL DEFAULT false,
  allowed_sign_in_methods          text[] NOT NULL DEFAULT ARRAY['password', 'passkey', 'sso'],
  idle_timeout_minutes             integer CHECK (idle_timeout_minutes BETWEEN 5 AND 43200),
  absolute_lifetime_hours          integer CHECK (absolute_lifetime_hours BETWEEN 1 AND 8760),
  max_sessions_per_member          integer CHECK (max_sessions_per_member BETWEEN 1 AND 100),
  reauth_for_sensitive_actions     boolean NOT NULL DEFAULT false,
  allowed_invitation_domains       text[] NOT NULL DEFAULT '{}',
  -- CIDR text as entered (normalised); empty = every address may connect.
  ip_allowlist                     text[] NOT NULL DEFAULT '{}',
  impersonation                    text NOT NULL DEFAULT 'require_approval'
                                   CHECK (impersonation IN ('require_approval', 'forbid', 'preapproved')),
  impersonation_preapproved_plans  text[] NOT NULL DEFAULT '{}',
  updated_at                       timestamptz(3) NOT NULL DEFAULT now(),
  -- Who last changed it: a user id or an API key id (audit_events has the detail).
  updated_by                       text,
  CONSTRAINT tenant_security_policies_methods_nonempty CHECK (cardinality(allowed_sign_in_methods) > 0),
  CONSTRAINT tenant_security_policies_methods_known
    CHECK (allowed_sign_in_methods <@ ARRAY['password', 'passkey', 'sso']::text[])
);
ALTER TABLE tenant_security_policies ENABLE ROW LEVEL SECURITY;
ALTER TABLE tenant_security_policies FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON tenant_security_policies
  USING (tenant_id = current_setting('app.tenant_id', true))
  WITH CHECK (tenant_id = current_setting('app.tenant_id', true));
CREATE POLICY platform_scope ON tenant_security_policies TO atrium_platform USING (true) WITH CHECK (true);
GRANT SELECT, INSERT, UPDATE, DELETE ON tenant_security_policies TO atrium_app;

-- Email domains a tenant proves it controls (TXT record at
-- _atrium-challenge.<domain>, as for custom domains). A verified domain may
-- capture sign-ups: people with an address on it may join in capture_role.
CREATE TABLE tenant_email_domains (
  tenant_id           text NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
  domain              text NOT NULL,
  -- Public (it is published in DNS), unguessable so an old record cannot be reused by another tenant.
  verification_token  text NOT NULL,
  verified_at         timestamptz(3),
  last_checked_at     timestamptz(3),
  last_error          text,
  -- A tenant role key (built-in or custom); NULL = no capture.
  capture_role        text,
  created_at          timestamptz(3) NOT NULL DEFAULT now(),
  PRIMARY KEY (tenant_id, domain),
  CONSTRAINT tenant_email_domains_domain_lowercase CHECK (domain = lower(domain)),
  CONSTRAINT tenant_email_domains_capture_needs_verified CHECK (capture_role IS NULL OR verified_at IS NOT NULL)
);
-- One tenant may capture a domain: the second verified claim would split sign-ups.
CREATE UNIQUE INDEX tenant_email_domains_one_verified ON tenant_email_domains (domain) WHERE verified_at IS NOT NULL;
ALTER TABLE tenant_email_domains ENABLE ROW LEVEL SECURITY;
ALTER TABLE tenant_email_domains FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON tenant_email_domains
  USING (tenant_id = current_setting('app.tenant_id', true))
  WITH CHECK (tenant_id = current_setting('app.tenant_id', true));
CREATE POLICY platform_scope ON tenant_email_domains TO atrium_platform USING (true) WITH CHECK (true);
GRANT SELECT, INSERT, UPDATE, DELETE ON tenant_email_domains TO atrium_app;
