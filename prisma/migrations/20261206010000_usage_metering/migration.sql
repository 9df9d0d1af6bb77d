-- Usage metering (issue 11 §1). Every number comes in through one statement
-- (lib/usage/ingest-usage-events.ts): it claims the event ids, writes the raw
-- events and adds the rows it actually inserted to the hourly and daily
-- rollups, the distinct-users keys and the latest gauges. Nothing rescans.

-- The old demo table held figures nothing measured: it becomes the daily rollup.
DROP TABLE tenant_usage_daily;
CREATE TABLE tenant_usage_daily (
  tenant_id text NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
  meter     text NOT NULL,
  -- '' when the meter has none; the feature for feature_used, the status class for atrium_api_calls.
  dimension text NOT NULL DEFAULT '',
  day       date NOT NULL,
  sum       double precision NOT NULL DEFAULT 0,
  count     bigint NOT NULL DEFAULT 0,
  min       double precision NOT NULL DEFAULT 0,
  max       double precision NOT NULL DEFAULT 0,
  PRIMARY KEY (tenant_id, meter, day, dimension)
);

CREATE TABLE usage_rollup_hourly (
  tenant_id text NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
  meter     text NOT NULL,
  dimension text NOT NULL DEFAULT '',
  hour      timestamptz(3) NOT NULL,
  sum       double precision NOT NULL DEFAULT 0,
  count     bigint NOT NULL DEFAULT 0,
  min       double precision NOT NULL DEFAULT 0,
  max       double precision NOT NULL DEFAULT 0,
  PRIMARY KEY (tenant_id, meter, hour, dimension)
);
CREATE INDEX usage_rollup_hourly_hour_idx ON usage_rollup_hourly (hour);

-- Raw events, one partition per UTC day (RANGE on occurred_at). No default
-- partition: an event whose day has no partition is refused by PostgreSQL, and
-- the ingest creates the missing day (atrium_usage_ensure_partitions) and tries
-- again; the sampler job keeps a week ahead. Expired days go whole
-- (atrium_usage_drop_partitions). No foreign key: each row would pay a check,
-- and the ingest already refuses unknown tenants; a purge deletes them.
CREATE TABLE usage_events (
  tenant_id   text NOT NULL,
  event_id    text NOT NULL,
  meter       text NOT NULL,
  dimension   text NOT NULL DEFAULT '',
  value       double precision NOT NULL,
  occurred_at timestamptz(3) NOT NULL,
  properties  jsonb NOT NULL DEFAULT '{}',
  received_at timestamptz(3) NOT NULL DEFAULT now(),
  -- Must hold the partition key, so it cannot deduplicate ids (usage_event_keys
  -- does); it is the one index, serving a tenant's time ranges and purges.
  PRIMARY KEY (tenant_id, occurred_at, event_id)
) PARTITION BY RANGE (occurred_at);

-- A unique index on a partitioned table must contain the partition key, so ids
-- are claimed here instead: (tenant, id) once, whatever timestamp comes with
-- it. Kept USAGE_RAW_RETENTION_DAYS after first seen, pruned by that column.
CREATE TABLE usage_event_keys (
  tenant_id  text NOT NULL,
  event_id   text NOT NULL,
  first_seen timestamptz(3) NOT NULL DEFAULT now(),
  PRIMARY KEY (tenant_id, event_id)
);
CREATE INDEX usage_event_keys_first_seen_idx ON usage_event_keys (first_seen);

-- Who was counted per day, meter and dimension (active_user; feature_used per
-- feature): distinct users over any period without reading raw events.
CREATE TABLE usage_daily_users (
  tenant_id text NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
  meter     text NOT NULL,
  dimension text NOT NULL DEFAULT '',
  day       date NOT NULL,
  user_id   text NOT NULL,
  PRIMARY KEY (tenant_id, meter, day, dimension, user_id)
);

-- The newest sample of each gauge (members, storage, connections…).
CREATE TABLE usage_gauges_latest (
  tenant_id   text NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
  meter       text NOT NULL,
  dimension   text NOT NULL DEFAULT '',
  value       double precision NOT NULL,
  measured_at timestamptz(3) NOT NULL,
  PRIMARY KEY (tenant_id, meter, dimension)
);

DO $$
DECLARE t text;
BEGIN
  FOREACH t IN ARRAY ARRAY['tenant_usage_daily', 'usage_rollup_hourly', 'usage_events', 'usage_event_keys', 'usage_daily_users', 'usage_gauges_latest'] LOOP
    EXECUTE format('ALTER TABLE %I ENABLE ROW LEVEL SECURITY', t);
    EXECUTE format('ALTER TABLE %I FORCE ROW LEVEL SECURITY', t);
    EXECUTE format($p$CREATE POLICY tenant_isolation ON %I USING (tenant_id = current_setting('app.tenant_id', true)) WITH CHECK (tenant_id = current_setting('app.tenant_id', true))$p$, t);
    EXECUTE format('CREATE POLICY platform_scope ON %I TO atrium_platform USING (true) WITH CHECK (true)', t);
    EXECUTE format('GRANT SELECT, INSERT, UPDATE, DELETE ON %I TO atrium_app', t);
  END LOOP;
END $$;

-- Partitions are DDL on a table the app role does not own: two narrow functions
-- owned by the migration's role do it. Names are usage_events_pYYYYMMDD.
CREATE FUNCTION atrium_usage_ensure_partitions(from_day date, to_day date) RETURNS integer
LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
DECLARE
  d date := from_day;
  made integer := 0;
  name text;
BEGIN
  IF to_day - from_day > 400 THEN RAISE EXCEPTION 'at most 400 days of partitions at once'; END IF;
  WHILE d <= to_day LOOP
    name := 'usage_events_p' || to_char(d, 'YYYYMMDD');
    IF to_regclass(name) IS NULL THEN
      -- Two ingests may find the same day missing: one creates it, the other waits and skips.
      PERFORM pg_advisory_xact_lock(727275, (d - date '2000-01-01'));
      IF to_regclass(name) IS NULL THEN
        EXECUTE format('CREATE TABLE %I PARTITION OF usage_events FOR VALUES FROM (%L) TO (%L)',
          name, (d::timestamp AT TIME ZONE 'UTC'), ((d + 1)::timestamp AT TIME ZONE 'UTC'));
        made := made + 1;
      END IF;
    END IF;
    d := d + 1;
  END LOOP;
  RETURN made;
END $$;

CREATE FUNCTION atrium_usage_drop_partitions(before_day date) RETURNS text[]
LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
DECLARE
  p record;
  dropped text[] := '{}';
BEGIN
  FOR p IN
    SELECT c.relname FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid
    WHERE i.inhparent = 'usage_events'::regclass AND c.relname ~ '^usage_events_p[0-9]{8}$'
      AND to_date(substr(c.relname, 15), 'YYYYMMDD') < before_day
    ORDER BY c.relname
  LOOP
    EXECUTE format('DROP TABLE %I', p.relname);
    dropped := dropped || p.relname::text;
  END LOOP;
  RETURN dropped;
END $$;

REVOKE ALL ON FUNCTION atrium_usage_ensure_partitions(date, date) FROM PUBLIC;
REVOKE ALL ON FUNCTION atrium_usage_drop_partitions(date) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION atrium_usage_ensure_partitions(date, date) TO atrium_app;
GRANT EXECUTE ON FUNCTION atrium_usage_drop_partitions(date) TO atrium_app;

-- The days an ingest can accept from now on (35 back, a week ahead); the job keeps it going.
SELECT atrium_usage_ensure_partitions((now() AT TIME ZONE 'UTC')::date - 40, (now() AT TIME ZONE 'UTC')::date + 7);
