-- Reading a tenant's branding now needs the branding:read permission (before,
-- any access to the tenant passed). Built-in roles carry it in code; custom
-- roles and tenant keys that may edit branding get it here, so what could edit
-- it can still read it (new grants of branding:update include it too).
-- These tables force row-level security even on their owner, who runs this
-- migration: lifted for the statement and put back in the same transaction.
ALTER TABLE tenant_roles NO FORCE ROW LEVEL SECURITY;
UPDATE tenant_roles SET permissions = array_append(permissions, 'branding:read')
  WHERE 'branding:update' = ANY (permissions) AND NOT ('branding:read' = ANY (permissions));
ALTER TABLE tenant_roles FORCE ROW LEVEL SECURITY;

ALTER TABLE api_keys NO FORCE ROW LEVEL SECURITY;
UPDATE api_keys SET permissions = array_append(permissions, 'branding:read')
  WHERE scope = 'tenant' AND 'branding:update' = ANY (permissions) AND NOT ('branding:read' = ANY (permissions));
ALTER TABLE api_keys FORCE ROW LEVEL SECURITY;
