-- Transactional mail (invitations, …). A row is written in the same
-- transaction as the change that causes it, so a mail exists only if that
-- change committed; delivery happens afterwards, with retries.
--   pending: waiting for (another) delivery attempt
--   sent:    delivered to the SMTP server; bodies are cleared
--   failed:  the last attempt failed; retried until attempts reach the cap
--   outbox:  no SMTP_URL is configured: never sent, kept for the console's outbox
CREATE TABLE mail_outbox (
  id              text PRIMARY KEY,
  tenant_id       text REFERENCES tenants (id) ON DELETE CASCADE,
  to_address      text NOT NULL,
  subject         text NOT NULL,
  html            text,
  text            text,
  kind            text NOT NULL,
  status          text NOT NULL,
  attempts        integer NOT NULL DEFAULT 0,
  last_error      text,
  next_attempt_at timestamptz(3) NOT NULL DEFAULT now(),
  created_at      timestamptz(3) NOT NULL DEFAULT now(),
  sent_at         timestamptz(3),
  CONSTRAINT mail_outbox_status_check CHECK (status IN ('pending', 'sent', 'failed', 'outbox'))
);
CREATE INDEX mail_outbox_created_at_id_idx ON mail_outbox (created_at, id);
CREATE INDEX mail_outbox_due_idx ON mail_outbox (next_attempt_at) WHERE status IN ('pending', 'failed');
CREATE INDEX mail_outbox_tenant_id_idx ON mail_outbox (tenant_id);

-- Same wall as the tenant-owned tables: a tenant's transaction may write (and
-- see) its own mail only; delivery and the console read through platform scope.
-- Rows without a tenant are platform-only.
ALTER TABLE mail_outbox ENABLE ROW LEVEL SECURITY;
ALTER TABLE mail_outbox FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON mail_outbox
  USING (tenant_id = current_setting('app.tenant_id', true) OR current_setting('app.platform_scope', true) = 'on')
  WITH CHECK (tenant_id = current_setting('app.tenant_id', true) OR current_setting('app.platform_scope', true) = 'on');

GRANT SELECT, INSERT, UPDATE, DELETE ON mail_outbox TO atrium_app;
