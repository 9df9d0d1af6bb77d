-- Each new rollup row paid a foreign-key check, and each check a KEY SHARE row
-- lock on its tenant (a heap write, a MultiXact when batches overlap): up to
-- three per event. The ingest now locks each of a batch's tenants once
-- (FOR KEY SHARE in the statement, which also skips unknown tenants), and the
-- purge deletes the tenant first, then its usage rows, so nothing is orphaned.
ALTER TABLE tenant_usage_daily DROP CONSTRAINT tenant_usage_daily_tenant_id_fkey;
ALTER TABLE usage_rollup_hourly DROP CONSTRAINT usage_rollup_hourly_tenant_id_fkey;
ALTER TABLE usage_daily_users DROP CONSTRAINT usage_daily_users_tenant_id_fkey;
ALTER TABLE usage_gauges_latest DROP CONSTRAINT usage_gauges_latest_tenant_id_fkey;
