-- Outgoing webhooks (issue 10 §4). Every table carries tenant_id: the tenant
-- that owns the endpoint, or NULL for a platform endpoint (staff only, gets
-- every tenant's events). A NULL tenant_id never equals app.tenant_id, so the
-- tenant policy hides platform rows from every tenant transaction; only
-- atrium_platform (withPlatformScope, the delivery worker) sees them.

CREATE TABLE webhook_endpoints (
  id                          text PRIMARY KEY,
  tenant_id                   text REFERENCES tenants (id) ON DELETE CASCADE,
  url                         text NOT NULL,
  description                 text NOT NULL DEFAULT '',
  event_types                 text[] NOT NULL,
  enabled                     boolean NOT NULL DEFAULT true,
  -- Why it is off: manual (PATCH enabled:false), gone (a 410), failing (5 days of failures).
  disabled_reason             text,
  disabled_at                 timestamptz(3),
  -- Start of the current unbroken run of failed attempts; cleared by a success.
  failing_since               timestamptz(3),
  -- AES-256-GCM ciphertexts of whsec_ secrets (lib/webhooks/secret-box.ts): the
  -- worker must sign with them, so they cannot be hashes. The previous secret
  -- signs too until previous_secret_expires_at (rotation overlap).
  secret_ciphertext           text NOT NULL,
  previous_secret_ciphertext  text,
  previous_secret_expires_at  timestamptz(3),
  created_by                  text,
  created_at                  timestamptz(3) NOT NULL DEFAULT now(),
  updated_at                  timestamptz(3) NOT NULL DEFAULT now(),
  CONSTRAINT webhook_endpoints_disabled_reason_check CHECK (disabled_reason IN ('manual', 'gone', 'failing'))
);
CREATE INDEX webhook_endpoints_tenant_id_idx ON webhook_endpoints (tenant_id, created_at);
-- publishEvent's one lookup: enabled endpoints of the event's tenant plus the platform's.
CREATE INDEX webhook_endpoints_subscribed_idx ON webhook_endpoints (tenant_id) WHERE enabled;

-- The outbox: one row per event × endpoint, written in the transaction of the
-- change. body is the exact JSON that is signed and sent, byte for byte.
--   pending:   waiting for its first attempt
--   retrying:  an attempt failed; next_attempt_at says when the next one is
--   succeeded: a 2xx answer
--   failed:    dead-lettered (schedule exhausted, or the endpoint answered 410)
CREATE TABLE webhook_messages (
  id               text PRIMARY KEY,
  tenant_id        text,
  endpoint_id      text NOT NULL REFERENCES webhook_endpoints (id) ON DELETE CASCADE,
  event_id         text NOT NULL,
  event_type       text NOT NULL,
  event_tenant_id  text,
  body             text NOT NULL,
  status           text NOT NULL DEFAULT 'pending',
  attempts         integer NOT NULL DEFAULT 0,
  next_attempt_at  timestamptz(3) NOT NULL DEFAULT now(),
  last_attempt_at  timestamptz(3),
  last_status_code integer,
  last_error       text,
  delivered_at     timestamptz(3),
  created_at       timestamptz(3) NOT NULL DEFAULT now(),
  CONSTRAINT webhook_messages_status_check CHECK (status IN ('pending', 'retrying', 'succeeded', 'failed')),
  CONSTRAINT webhook_messages_event_endpoint_key UNIQUE (endpoint_id, event_id)
);
CREATE INDEX webhook_messages_due_idx ON webhook_messages (next_attempt_at) WHERE status IN ('pending', 'retrying');
CREATE INDEX webhook_messages_endpoint_created_idx ON webhook_messages (endpoint_id, created_at DESC, id DESC);
-- No index on tenant_id here or below: every read names the endpoint, and each index is paid by every publish.

-- Every delivery attempt, for the delivery log and the 24 h chart.
CREATE TABLE webhook_attempts (
  id            text PRIMARY KEY,
  tenant_id     text,
  message_id    text NOT NULL REFERENCES webhook_messages (id) ON DELETE CASCADE,
  endpoint_id   text NOT NULL REFERENCES webhook_endpoints (id) ON DELETE CASCADE,
  attempt       integer NOT NULL,
  attempted_at  timestamptz(3) NOT NULL,
  succeeded     boolean NOT NULL,
  status_code   integer,
  duration_ms   integer NOT NULL,
  response_body text,
  error         text
);
CREATE INDEX webhook_attempts_message_idx ON webhook_attempts (message_id, attempted_at);
CREATE INDEX webhook_attempts_endpoint_time_idx ON webhook_attempts (endpoint_id, attempted_at);

DO $$
DECLARE t text;
BEGIN
  FOREACH t IN ARRAY ARRAY['webhook_endpoints', 'webhook_messages', 'webhook_attempts'] LOOP
    EXECUTE format('ALTER TABLE %I ENABLE ROW LEVEL SECURITY', t);
    EXECUTE format('ALTER TABLE %I FORCE ROW LEVEL SECURITY', t);
    EXECUTE format($p$CREATE POLICY tenant_isolation ON %I
      USING (tenant_id = current_setting('app.tenant_id', true))
      WITH CHECK (tenant_id = current_setting('app.tenant_id', true))$p$, t);
    EXECUTE format('CREATE POLICY platform_scope ON %I TO atrium_platform USING (true) WITH CHECK (true)', t);
    EXECUTE format('GRANT SELECT, INSERT, UPDATE, DELETE ON %I TO atrium_app', t);
  END LOOP;
END $$;

-- publishEvent's outbox write. A tenant's transaction cannot see platform
-- endpoints (nor write their rows), yet they receive every tenant's events:
-- this function, run as its owner, matches the event against the enabled
-- endpoints of its tenant and of the platform and writes one row for each, in
-- the caller's transaction. It writes only for the tenant of the caller's own
-- scope (or any, from platform scope or the owner's own connection), and its
-- NOTIFY is delivered at COMMIT only, so a rolled-back change wakes nobody.
-- p_patterns: the type and the wildcards that cover it ('*', 'member.*').
-- p_endpoint: one endpoint only ("send test event"), subscribed or not.
CREATE FUNCTION atrium_enqueue_webhook(p_event_tenant text, p_event_id text, p_type text, p_patterns text[], p_body text, p_endpoint text DEFAULT NULL)
RETURNS integer
LANGUAGE plpgsql SECURITY DEFINER SET search_path = public AS $$
DECLARE
  n integer;
BEGIN
  IF p_event_tenant IS DISTINCT FROM current_setting('app.tenant_id', true) AND current_setting('role') NOT IN ('atrium_platform', 'none') THEN
    RAISE EXCEPTION 'webhook events may only be published for the tenant in scope' USING ERRCODE = '42501';
  END IF;
  INSERT INTO webhook_messages (id, tenant_id, endpoint_id, event_id, event_type, event_tenant_id, body)
  SELECT 'msg_' || replace(gen_random_uuid()::text, '-', ''), e.tenant_id, e.id, p_event_id, p_type, p_event_tenant, p_body
  FROM webhook_endpoints e
  WHERE (e.tenant_id = p_event_tenant OR e.tenant_id IS NULL)
    AND CASE WHEN p_endpoint IS NULL THEN e.enabled AND e.event_types && p_patterns ELSE e.id = p_endpoint END;
  GET DIAGNOSTICS n = ROW_COUNT;
  IF n > 0 THEN
    PERFORM pg_notify('atrium_webhooks', '');
  END IF;
  RETURN n;
END $$;
REVOKE ALL ON FUNCTION atrium_enqueue_webhook(text, text, text, text[], text, text) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION atrium_enqueue_webhook(text, text, text, text[], text, text) TO atrium_app;

