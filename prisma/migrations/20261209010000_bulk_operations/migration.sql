-- Bulk tenant operations (lib/bulk, POST /api/v1/tenants/bulk). An operation
-- is one request: which change, to which tenants (tenant_ids or the list's
-- filter, as asked), with what data; it has one item per tenant it resolved
-- to. Items are the job's work queue, claimed FOR UPDATE SKIP LOCKED with a
-- lease as fleet migration items are, and they keep each tenant's outcome.

-- Platform-only: no tenant owns an operation (it spans many), so it has no
-- tenant_id and no tenant policy; only atrium_platform (withPlatformScope)
-- may touch it at all, never a plain atrium_app session.
CREATE TABLE bulk_operations (
  id              text PRIMARY KEY,
  operation       text NOT NULL CHECK (operation IN ('activate', 'deactivate', 'delete', 'update_features', 'update_settings', 'change_plan', 'apply_template')),
  tenant_ids      jsonb,
  filter          jsonb,
  data            jsonb NOT NULL DEFAULT '{}',
  reason          text,
  dry_run         boolean NOT NULL DEFAULT false,
  status          text NOT NULL DEFAULT 'queued' CHECK (status IN ('queued', 'running', 'completed', 'failed')),
  total           integer NOT NULL DEFAULT 0,
  succeeded       integer NOT NULL DEFAULT 0,
  skipped         integer NOT NULL DEFAULT 0,
  failed          integer NOT NULL DEFAULT 0,
  concurrency     integer NOT NULL DEFAULT 4 CHECK (concurrency BETWEEN 1 AND 16),
  retry_of        text REFERENCES bulk_operations(id) ON DELETE SET NULL,
  created_by      text NOT NULL,
  created_by_id   text,
  idempotency_key text,
  created_at      timestamptz(3) NOT NULL DEFAULT now(),
  started_at      timestamptz(3),
  finished_at     timestamptz(3),
  CHECK ((tenant_ids IS NULL) <> (filter IS NULL))
);
CREATE INDEX bulk_operations_recent ON bulk_operations (created_at DESC);
CREATE INDEX bulk_operations_open ON bulk_operations (created_at) WHERE status IN ('queued', 'running');
REVOKE ALL ON bulk_operations FROM PUBLIC;
GRANT SELECT, INSERT, UPDATE, DELETE ON bulk_operations TO atrium_platform;

CREATE TABLE bulk_operation_items (
  operation_id text NOT NULL REFERENCES bulk_operations(id) ON DELETE CASCADE,
  tenant_id    text NOT NULL REFERENCES tenants(id) ON DELETE CASCADE,
  position     integer NOT NULL,
  tenant_name  text NOT NULL,
  status       text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'running', 'succeeded', 'skipped', 'failed')),
  reason       text,
  error        text,
  changes      jsonb NOT NULL DEFAULT '[]',
  attempts     integer NOT NULL DEFAULT 0,
  lease_until  timestamptz(3),
  finished_at  timestamptz(3),
  PRIMARY KEY (operation_id, tenant_id)
);
-- The job's claim: the next pending (or expired running) item of an operation, in order.
CREATE INDEX bulk_operation_items_queue ON bulk_operation_items (operation_id, position) WHERE status IN ('pending', 'running');
-- The results view pages through one status of one operation.
CREATE INDEX bulk_operation_items_status ON bulk_operation_items (operation_id, status, position);
CREATE INDEX bulk_operation_items_tenant ON bulk_operation_items (tenant_id);

ALTER TABLE bulk_operation_items ENABLE ROW LEVEL SECURITY;
ALTER TABLE bulk_operation_items FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON bulk_operation_items
  USING (tenant_id = current_setting('app.tenant_id', true))
  WITH CHECK (tenant_id = current_setting('app.tenant_id', true));
CREATE POLICY platform_scope ON bulk_operation_items TO atrium_platform USING (true) WITH CHECK (true);
GRANT SELECT, INSERT, UPDATE, DELETE ON bulk_operation_items TO atrium_app;
