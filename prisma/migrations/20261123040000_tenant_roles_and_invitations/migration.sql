-- Custom tenant roles and member invitations. memberships.role holds either a
-- built-in role key (owner, admin, manager, member, viewer; defined in code)
-- or the id of a tenant_roles row of the same tenant.

CREATE TABLE tenant_roles (
  tenant_id   text NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
  id          text NOT NULL,
  name        text NOT NULL,
  description text NOT NULL DEFAULT '',
  permissions text[] NOT NULL DEFAULT '{}',
  created_at  timestamptz(3) NOT NULL DEFAULT now(),
  updated_at  timestamptz(3) NOT NULL DEFAULT now(),
  PRIMARY KEY (tenant_id, id)
);
CREATE UNIQUE INDEX tenant_roles_tenant_id_name_key ON tenant_roles (tenant_id, lower(name));

-- Only the SHA-256 digest of an invitation token is stored.
CREATE TABLE tenant_invitations (
  tenant_id     text NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
  id            text NOT NULL,
  email         text NOT NULL,
  role          text NOT NULL,
  token_hash    text NOT NULL,
  invited_by_id text,
  expires_at    timestamptz(3) NOT NULL,
  accepted_at   timestamptz(3),
  revoked_at    timestamptz(3),
  created_at    timestamptz(3) NOT NULL DEFAULT now(),
  PRIMARY KEY (tenant_id, id),
  CONSTRAINT tenant_invitations_email_lowercase CHECK (email = lower(email))
);
CREATE UNIQUE INDEX tenant_invitations_token_hash_key ON tenant_invitations (token_hash);
CREATE INDEX tenant_invitations_tenant_id_email_idx ON tenant_invitations (tenant_id, email);

ALTER TABLE tenant_roles ENABLE ROW LEVEL SECURITY;
ALTER TABLE tenant_roles FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON tenant_roles
  USING (tenant_id = current_setting('app.tenant_id', true) OR current_setting('app.platform_scope', true) = 'on')
  WITH CHECK (tenant_id = current_setting('app.tenant_id', true) OR current_setting('app.platform_scope', true) = 'on');

ALTER TABLE tenant_invitations ENABLE ROW LEVEL SECURITY;
ALTER TABLE tenant_invitations FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON tenant_invitations
  USING (tenant_id = current_setting('app.tenant_id', true) OR current_setting('app.platform_scope', true) = 'on')
  WITH CHECK (tenant_id = current_setting('app.tenant_id', true) OR current_setting('app.platform_scope', true) = 'on');

GRANT SELECT, INSERT, UPDATE, DELETE ON tenant_roles, tenant_invitations TO atrium_app;

-- Accepting an invitation starts from a token alone, before any tenant is in
-- scope. This is the one narrow way in: the tenant of a token digest, nothing else.
CREATE FUNCTION atrium_invitation_tenant(p_token_hash text)
RETURNS text
LANGUAGE sql STABLE SECURITY DEFINER
SET search_path = public
SET app.platform_scope = 'on'
AS $$ SELECT i.tenant_id FROM tenant_invitations i WHERE i.token_hash = p_token_hash $$;
REVOKE ALL ON FUNCTION atrium_invitation_tenant(text) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION atrium_invitation_tenant(text) TO atrium_app;
