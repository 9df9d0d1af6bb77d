-- Staff impersonation with tenant approval (lib/impersonation). One row per
-- request; its status moves requested → approved | denied | revoked (the
-- request withdrawn), and approved → expired | revoked (nothing else). The clock starts at approval: starts_at is
-- the approval, expires_at = starts_at + duration_minutes. Sessions opened
-- under a grant carry its id (auth_sessions.impersonation_grant_id) and end
-- with it.
CREATE TABLE impersonation_grants (
  id               text PRIMARY KEY,
  tenant_id        text NOT NULL REFERENCES tenants(id) ON DELETE CASCADE,
  staff_user_id    text NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  staff_email      text NOT NULL,
  reason           text NOT NULL,
  mode             text NOT NULL CHECK (mode IN ('read_only', 'full')),
  duration_minutes integer NOT NULL CHECK (duration_minutes BETWEEN 1 AND 240),
  status           text NOT NULL CHECK (status IN ('requested', 'approved', 'denied', 'expired', 'revoked')),
  requested_at     timestamptz(3) NOT NULL DEFAULT now(),
  decided_at       timestamptz(3),
  decided_by       text,
  starts_at        timestamptz(3),
  expires_at       timestamptz(3),
  revoked_at       timestamptz(3),
  revoked_by       text,
  CHECK (status = 'requested' OR decided_at IS NOT NULL),
  CHECK (status NOT IN ('approved', 'expired') OR (starts_at IS NOT NULL AND expires_at IS NOT NULL))
);
CREATE INDEX impersonation_grants_tenant ON impersonation_grants (tenant_id, requested_at DESC);
-- The expiry sweep reads only live grants.
CREATE INDEX impersonation_grants_live ON impersonation_grants (expires_at) WHERE status = 'approved';
ALTER TABLE impersonation_grants ENABLE ROW LEVEL SECURITY;
ALTER TABLE impersonation_grants FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON impersonation_grants
  USING (tenant_id = current_setting('app.tenant_id', true))
  WITH CHECK (tenant_id = current_setting('app.tenant_id', true));
CREATE POLICY platform_scope ON impersonation_grants TO atrium_platform USING (true) WITH CHECK (true);
GRANT SELECT, INSERT, UPDATE, DELETE ON impersonation_grants TO atrium_app;
