-- Rate limits become sliding windows. Fixed windows let twice a limit through
-- around a boundary (the whole limit just before it, the whole limit again just
-- after). Each key now keeps the times of the attempts it allowed that are still
-- inside its window — never more than the limit — so "N per window" holds over
-- every window, wherever it starts. Old counters are throttling state only.
DELETE FROM rate_limit_buckets;
ALTER TABLE rate_limit_buckets DROP CONSTRAINT rate_limit_buckets_pkey;
ALTER TABLE rate_limit_buckets
  DROP COLUMN window_start,
  DROP COLUMN count,
  ADD COLUMN hits timestamptz(3)[] NOT NULL DEFAULT '{}',
  ADD COLUMN expires_at timestamptz(3) NOT NULL DEFAULT now();
ALTER TABLE rate_limit_buckets ADD PRIMARY KEY (key);
-- The maintenance job deletes keys whose last allowed attempt has left its window.
CREATE INDEX rate_limit_buckets_expires_at_idx ON rate_limit_buckets (expires_at);

-- Takes `p_cost` attempts from `p_key`'s allowance of `p_limit` per `p_window_seconds`,
-- all or none. The upsert locks the key's row, so concurrent callers on every web
-- instance queue one behind the other and none is judged against a stale list.
-- A refused attempt records nothing, so hammering does not push the reopening back.
-- `retry_at` is when enough allowed attempts will have left the window (NULL when
-- `p_cost` exceeds `p_limit`: waiting cannot help). Runs with the caller's rights
-- (SECURITY INVOKER), so it can do nothing the caller could not do itself.
CREATE FUNCTION atrium_take_rate_limit(p_key text, p_limit integer, p_window_seconds double precision, p_cost integer)
RETURNS TABLE (allowed boolean, taken_at timestamptz, retry_at timestamptz)
LANGUAGE plpgsql AS $$
DECLARE
  w interval := make_interval(secs => p_window_seconds);
  t timestamptz;
  recent timestamptz[];
  n integer;
BEGIN
  INSERT INTO rate_limit_buckets AS b (key) VALUES (p_key)
    ON CONFLICT (key) DO UPDATE SET key = b.key
    RETURNING b.hits INTO recent;
  -- Read the clock once the row is ours; milliseconds, so the times survive a trip through JavaScript.
  t := date_trunc('milliseconds', clock_timestamp());
  SELECT coalesce(array_agg(h ORDER BY h), '{}') INTO recent FROM unnest(recent) AS h WHERE h > t - w;
  n := cardinality(recent);
  IF n + p_cost <= p_limit THEN
    recent := recent || array_fill(t, ARRAY[p_cost]);
    allowed := true;
    taken_at := t;
  ELSE
    allowed := false;
    IF p_cost <= p_limit THEN
      retry_at := recent[n + p_cost - p_limit] + w;
    END IF;
  END IF;
  UPDATE rate_limit_buckets SET hits = recent, expires_at = coalesce(recent[cardinality(recent)], t) + w WHERE key = p_key;
  RETURN NEXT;
END $$;
