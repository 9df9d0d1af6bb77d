-- POST …/scale's notification_settings, kept so a scheduled scaling notifies
-- the same people when the job applies it, and how many mails it queued.
ALTER TABLE tenant_scalings
  ADD COLUMN notify jsonb NOT NULL DEFAULT '{"notify_admin": true, "notify_users": false}',
  ADD COLUMN notifications_queued integer NOT NULL DEFAULT 0;
