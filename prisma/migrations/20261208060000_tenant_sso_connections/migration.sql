-- One OpenID Connect identity provider per tenant (lib/sso/). The client
-- secret must be readable again (the code exchange sends it), so it is sealed
-- with AES-256-GCM (lib/webhooks/secret-box.ts) and never returned by the API.
CREATE TABLE tenant_sso_connections (
  tenant_id             text PRIMARY KEY REFERENCES tenants (id) ON DELETE CASCADE,
  display_name          text NOT NULL,
  issuer                text NOT NULL,
  client_id             text NOT NULL,
  client_secret_sealed  text NOT NULL,
  scopes                text[] NOT NULL DEFAULT ARRAY['openid', 'email', 'profile'],
  email_claim           text NOT NULL DEFAULT 'email',
  name_claim            text NOT NULL DEFAULT 'name',
  groups_claim          text,
  -- {"<group>": "<tenant role key>"}; the first group of the member's that maps wins, else default_role.
  group_role_map        jsonb NOT NULL DEFAULT '{}',
  default_role          text NOT NULL DEFAULT 'member',
  jit_enabled           boolean NOT NULL DEFAULT true,
  enabled               boolean NOT NULL DEFAULT false,
  created_at            timestamptz(3) NOT NULL DEFAULT now(),
  updated_at            timestamptz(3) NOT NULL DEFAULT now()
);

ALTER TABLE tenant_sso_connections ENABLE ROW LEVEL SECURITY;
ALTER TABLE tenant_sso_connections FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON tenant_sso_connections
  USING (tenant_id = current_setting('app.tenant_id', true))
  WITH CHECK (tenant_id = current_setting('app.tenant_id', true));
CREATE POLICY platform_scope ON tenant_sso_connections TO atrium_platform USING (true) WITH CHECK (true);
GRANT SELECT, INSERT, UPDATE, DELETE ON tenant_sso_connections TO atrium_app;
