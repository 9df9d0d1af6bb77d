-- Branding history and uploaded branding images. tenants.branding stays the
-- live document (the host cache and portal read it); every saved version is a
-- row here so a revert is one more version equal to an earlier one.

CREATE TABLE tenant_branding_versions (
  tenant_id        text NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
  version          integer NOT NULL,
  branding         jsonb NOT NULL,
  created_by_type  text NOT NULL,
  created_by_id    text,
  created_by_label text NOT NULL,
  reverted_from    integer,
  created_at       timestamptz(3) NOT NULL DEFAULT now(),
  PRIMARY KEY (tenant_id, version),
  CONSTRAINT tenant_branding_versions_version_positive CHECK (version > 0)
);

-- Logos and favicons are served from Atrium's own origin, never hot-linked.
-- The id is derived from kind and content, so one upload of the same bytes is one row.
CREATE TABLE tenant_assets (
  tenant_id    text NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
  id           text NOT NULL,
  kind         text NOT NULL,
  content_type text NOT NULL,
  bytes        bytea NOT NULL,
  sha256       text NOT NULL,
  width        integer NOT NULL,
  height       integer NOT NULL,
  size         integer NOT NULL,
  created_at   timestamptz(3) NOT NULL DEFAULT now(),
  PRIMARY KEY (tenant_id, id),
  CONSTRAINT tenant_assets_kind CHECK (kind IN ('logo', 'favicon')),
  CONSTRAINT tenant_assets_content_type CHECK (content_type IN ('image/png', 'image/jpeg', 'image/webp')),
  CONSTRAINT tenant_assets_size CHECK (size = octet_length(bytes))
);

ALTER TABLE tenant_branding_versions ENABLE ROW LEVEL SECURITY;
ALTER TABLE tenant_branding_versions FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON tenant_branding_versions
  USING (tenant_id = current_setting('app.tenant_id', true) OR current_setting('app.platform_scope', true) = 'on')
  WITH CHECK (tenant_id = current_setting('app.tenant_id', true) OR current_setting('app.platform_scope', true) = 'on');

ALTER TABLE tenant_assets ENABLE ROW LEVEL SECURITY;
ALTER TABLE tenant_assets FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON tenant_assets
  USING (tenant_id = current_setting('app.tenant_id', true) OR current_setting('app.platform_scope', true) = 'on')
  WITH CHECK (tenant_id = current_setting('app.tenant_id', true) OR current_setting('app.platform_scope', true) = 'on');

GRANT SELECT, INSERT, UPDATE, DELETE ON tenant_branding_versions, tenant_assets TO atrium_app;
