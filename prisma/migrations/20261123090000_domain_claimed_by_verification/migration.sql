-- A domain belongs to the tenant that proves it (a verified TXT record), not
-- to the first one that types it: any number of tenants may hold it pending,
-- at most one verified. A tenant lists a domain once.
DROP INDEX tenant_domains_domain_key;
CREATE UNIQUE INDEX tenant_domains_verified_domain_key ON tenant_domains (domain) WHERE status = 'verified';
CREATE UNIQUE INDEX tenant_domains_tenant_id_domain_key ON tenant_domains (tenant_id, domain);
