-- Notifications and broadcasts (lib/notifications, issue 14 §4).
--
-- notifications: one message to one tenant's members (tenant_id set) or to
-- platform staff (tenant_id NULL, seen only in platform scope). A broadcast
-- writes one row per matching tenant (kind 'broadcast', broadcast_id set) when
-- it is sent, each in its own transaction. sent_at NULL with send_at set is a
-- scheduled send, picked up by the notifications job once send_at has passed.
-- canceled_at: a scheduled send withdrawn before it went out.
CREATE TABLE notifications (
  id             text PRIMARY KEY,
  tenant_id      text REFERENCES tenants(id) ON DELETE CASCADE,
  kind           text NOT NULL CHECK (kind IN ('notification', 'broadcast')),
  broadcast_id   text,
  severity       text NOT NULL CHECK (severity IN ('info', 'maintenance', 'billing', 'security')),
  title          text NOT NULL,
  body           text NOT NULL,
  link           text,
  -- Role keys / custom role ids the message is for (tenant rows), or the platform permission (staff rows); NULL = everyone.
  audience       jsonb,
  send_at        timestamptz(3) NOT NULL DEFAULT now(),
  expires_at     timestamptz(3),
  window_start   timestamptz(3),
  window_end     timestamptz(3),
  created_by     text,
  created_at     timestamptz(3) NOT NULL DEFAULT now(),
  sent_at        timestamptz(3),
  canceled_at    timestamptz(3),
  -- Filled when sent: members who got an inbox row, and mails queued.
  recipient_count integer NOT NULL DEFAULT 0,
  emailed_count   integer NOT NULL DEFAULT 0,
  CHECK (kind = 'notification' OR broadcast_id IS NOT NULL),
  CHECK ((window_start IS NULL) = (window_end IS NULL) AND (window_end IS NULL OR window_end > window_start)),
  CHECK (expires_at IS NULL OR expires_at > send_at)
);
-- A broadcast reaches each tenant once, even when its job runs again after a crash.
CREATE UNIQUE INDEX notifications_broadcast_tenant ON notifications (broadcast_id, tenant_id) WHERE broadcast_id IS NOT NULL;
CREATE INDEX notifications_tenant ON notifications (tenant_id, created_at DESC);
-- The job's queue: scheduled single-tenant sends not yet out.
CREATE INDEX notifications_due ON notifications (send_at) WHERE sent_at IS NULL AND canceled_at IS NULL;
-- The portal's maintenance banner.
CREATE INDEX notifications_maintenance ON notifications (tenant_id, window_end) WHERE severity = 'maintenance' AND window_end IS NOT NULL;

-- One row per member (or staff user) who has the message in their inbox.
-- Members whose preferences turn in-app off get no row (only the mail).
CREATE TABLE notification_recipients (
  notification_id text NOT NULL REFERENCES notifications(id) ON DELETE CASCADE,
  tenant_id       text REFERENCES tenants(id) ON DELETE CASCADE,
  user_id         text NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  created_at      timestamptz(3) NOT NULL DEFAULT now(),
  read_at         timestamptz(3),
  emailed_at      timestamptz(3),
  PRIMARY KEY (notification_id, user_id)
);
-- The inbox: a user's rows in one tenant (or among staff notices), newest first.
CREATE INDEX notification_recipients_inbox ON notification_recipients (user_id, tenant_id, created_at DESC);

ALTER TABLE notifications ENABLE ROW LEVEL SECURITY;
ALTER TABLE notifications FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON notifications
  USING (tenant_id = current_setting('app.tenant_id', true))
  WITH CHECK (tenant_id = current_setting('app.tenant_id', true));
CREATE POLICY platform_scope ON notifications TO atrium_platform USING (true) WITH CHECK (true);
GRANT SELECT, INSERT, UPDATE, DELETE ON notifications TO atrium_app;

ALTER TABLE notification_recipients ENABLE ROW LEVEL SECURITY;
ALTER TABLE notification_recipients FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON notification_recipients
  USING (tenant_id = current_setting('app.tenant_id', true))
  WITH CHECK (tenant_id = current_setting('app.tenant_id', true));
CREATE POLICY platform_scope ON notification_recipients TO atrium_platform USING (true) WITH CHECK (true);
GRANT SELECT, INSERT, UPDATE, DELETE ON notification_recipients TO atrium_app;

-- A message to many tenants (POST /tenants/broadcast). Platform-only: it holds
-- no tenant's rows, so it has no RLS and only atrium_platform may touch it
-- (withPlatformScope); atrium_app, in a tenant's scope, cannot read it at all.
-- The audience (filter) is evaluated when it is sent; tenants_total/tenants_done
-- follow the per-tenant sends.
CREATE TABLE broadcasts (
  id            text PRIMARY KEY,
  filter        jsonb NOT NULL,
  severity      text NOT NULL CHECK (severity IN ('info', 'maintenance', 'billing', 'security')),
  title         text NOT NULL,
  body          text NOT NULL,
  link          text,
  send_at       timestamptz(3) NOT NULL DEFAULT now(),
  expires_at    timestamptz(3),
  window_start  timestamptz(3),
  window_end    timestamptz(3),
  status        text NOT NULL CHECK (status IN ('scheduled', 'sending', 'sent', 'canceled')),
  tenants_total integer NOT NULL DEFAULT 0,
  tenants_done  integer NOT NULL DEFAULT 0,
  created_by    text,
  created_by_label text NOT NULL,
  created_at    timestamptz(3) NOT NULL DEFAULT now(),
  sent_at       timestamptz(3),
  canceled_at   timestamptz(3),
  CHECK ((window_start IS NULL) = (window_end IS NULL) AND (window_end IS NULL OR window_end > window_start)),
  CHECK (expires_at IS NULL OR expires_at > send_at)
);
CREATE INDEX broadcasts_recent ON broadcasts (created_at DESC);
CREATE INDEX broadcasts_due ON broadcasts (send_at) WHERE status IN ('scheduled', 'sending');
GRANT SELECT, INSERT, UPDATE, DELETE ON broadcasts TO atrium_platform;

-- Broadcasts target tenants by tag: settings.tags (a list of labels set like any setting), matched with `?`.
CREATE INDEX tenants_settings_tags ON tenants USING gin ((settings -> 'tags'));
