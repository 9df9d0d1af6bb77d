-- Custom domains (issue 4 §2, seed 000 "Domain Management"). A domain routes to
-- its tenant only once a TXT record proves the tenant controls its DNS.
--
-- tenants.domain stays what seed 000 makes it: the domain declared in the
-- create/update body, informational only. It never routes and proves nothing;
-- a tenant_domains row verified through DNS is the only thing that does.
CREATE TABLE tenant_domains (
  tenant_id            text NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
  id                   text NOT NULL,
  domain               text NOT NULL,
  is_primary           boolean NOT NULL DEFAULT false,
  -- Not a secret: it is published in public DNS at _atrium-challenge.<domain>,
  -- and knowing it proves nothing unless one can also publish it in the
  -- domain's zone. So it is stored as is (to show it again), not as a hash.
  -- Unguessable (>= 128 bits) so that an old record left in a zone cannot be
  -- reused by another tenant, whose row gets a different token.
  verification_token   text NOT NULL,
  status               text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'verified', 'failed')),
  ssl_enabled          boolean NOT NULL DEFAULT true,
  custom_routing       jsonb,
  last_checked_at      timestamptz(3),
  last_error           text,
  -- Set when a verified domain's TXT record is found missing; it keeps routing
  -- through a grace period (a DNS hiccup must not take a portal down) and
  -- turns 'failed' after it. Cleared when the record is seen again.
  record_missing_since timestamptz(3),
  verified_at          timestamptz(3),
  created_at           timestamptz(3) NOT NULL DEFAULT now(),
  PRIMARY KEY (tenant_id, id),
  CONSTRAINT tenant_domains_domain_lowercase CHECK (domain = lower(domain))
);
-- Global, not per tenant: one domain belongs to at most one tenant (domain_already_used).
CREATE UNIQUE INDEX tenant_domains_domain_key ON tenant_domains (domain);
CREATE UNIQUE INDEX tenant_domains_one_primary ON tenant_domains (tenant_id) WHERE is_primary;
CREATE INDEX tenant_domains_status_last_checked_at_idx ON tenant_domains (status, last_checked_at);

ALTER TABLE tenant_domains ENABLE ROW LEVEL SECURITY;
ALTER TABLE tenant_domains FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON tenant_domains
  USING (tenant_id = current_setting('app.tenant_id', true) OR current_setting('app.platform_scope', true) = 'on')
  WITH CHECK (tenant_id = current_setting('app.tenant_id', true) OR current_setting('app.platform_scope', true) = 'on');
GRANT SELECT, INSERT, UPDATE, DELETE ON tenant_domains TO atrium_app;

-- Host resolution caches by host in every process: a domain added, verified,
-- made primary or removed must evict its tenant's entries everywhere at once.
-- Same channel and payload (the tenant id) as the tenants trigger.
CREATE FUNCTION atrium_notify_tenant_domain_changed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM pg_notify('atrium_tenant_changed', COALESCE(NEW.tenant_id, OLD.tenant_id));
  RETURN NULL;
END $$;
CREATE TRIGGER tenant_domains_notify_changed AFTER INSERT OR UPDATE OR DELETE ON tenant_domains
  FOR EACH ROW EXECUTE FUNCTION atrium_notify_tenant_domain_changed();

-- Host resolution for custom domains, before any tenant is known: the tenant of
-- one VERIFIED domain (pending and failed ones never route), the columns a
-- portal needs, whether the domain is the primary, and the tenant's verified
-- primary domain (where non-primary domains redirect).
CREATE FUNCTION atrium_tenant_for_domain(p_domain text)
RETURNS TABLE (id text, slug text, name text, status text, branding jsonb, is_primary boolean, primary_domain text, ssl_enabled boolean, custom_routing jsonb)
LANGUAGE sql STABLE SECURITY DEFINER
SET search_path = public
SET app.platform_scope = 'on'
AS $$
  SELECT t.id, t.slug, t.name, t.status, t.branding, d.is_primary,
         (SELECT p.domain FROM tenant_domains p WHERE p.tenant_id = d.tenant_id AND p.is_primary AND p.status = 'verified'),
         d.ssl_enabled, d.custom_routing
  FROM tenant_domains d JOIN tenants t ON t.id = d.tenant_id
  WHERE d.domain = p_domain AND d.status = 'verified'
$$;
REVOKE ALL ON FUNCTION atrium_tenant_for_domain(text) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION atrium_tenant_for_domain(text) TO atrium_app;
