-- Addresses each API key has been used from, so the first use from a new one
-- is audited (api_key.used_from_new_ip). At most a bounded number per key
-- (lib/audit/access-log.ts evicts the oldest), so a key used from many
-- addresses cannot grow it without end.
CREATE TABLE api_key_ips (
  key_id        text NOT NULL REFERENCES api_keys (id) ON DELETE CASCADE,
  tenant_id     text,
  ip            text NOT NULL,
  first_seen_at timestamptz(3) NOT NULL DEFAULT now(),
  PRIMARY KEY (key_id, ip)
);
CREATE INDEX api_key_ips_key_id_first_seen_at_idx ON api_key_ips (key_id, first_seen_at);

-- Platform keys' rows (tenant_id NULL) are seen in platform scope only.
ALTER TABLE api_key_ips ENABLE ROW LEVEL SECURITY;
ALTER TABLE api_key_ips FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON api_key_ips
  USING (tenant_id = current_setting('app.tenant_id', true))
  WITH CHECK (tenant_id = current_setting('app.tenant_id', true));
CREATE POLICY platform_scope ON api_key_ips TO atrium_platform USING (true) WITH CHECK (true);
GRANT SELECT, INSERT, DELETE ON api_key_ips TO atrium_app;
