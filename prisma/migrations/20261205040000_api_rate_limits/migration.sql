-- Per-request API limits (seed 000's rate-limit table, the plans' API calls per
-- hour), taken by apiRoute on every /api/v1 request. The sliding log of
-- rate_limit_buckets keeps one timestamp per allowed attempt: right for sign-in
-- or 10 tenant creations an hour, but a plan's 25,000 calls an hour would mean
-- rewriting a 200 KB array per request. Here each key keeps counts in 60 buckets
-- per window (1 s for a minute, 1 min for an hour), so a row stays under 1 KB
-- whatever the limit. Every bucket the window touches counts whole, the oldest
-- partly-expired one included: "N per window" still holds over every window,
-- wherever it starts (never more, as a fixed window or a token bucket would
-- allow); the price is that a refused caller may wait up to one bucket longer
-- than an exact log would make them.
--
-- Unlogged: it is throttling state, rewritten on every request, and not worth a
-- WAL record and an fsync each time. After a crash PostgreSQL empties it (every
-- caller starts with a full allowance), and a standby does not have it.
CREATE UNLOGGED TABLE api_rate_limits (
  key        text PRIMARY KEY,
  bucket_ids bigint[] NOT NULL DEFAULT '{}',
  counts     integer[] NOT NULL DEFAULT '{}',
  expires_at timestamptz(3) NOT NULL DEFAULT now()
);
-- The maintenance job deletes keys whose last counted request has left its window.
CREATE INDEX api_rate_limits_expires_at_idx ON api_rate_limits (expires_at);
GRANT SELECT, INSERT, UPDATE, DELETE ON api_rate_limits TO atrium_app;

-- Takes one request from each key's allowance (p_limits[i] per p_windows[i]
-- seconds), all or none: a request refused by one limit counts against no other.
-- The rows are locked in key order (so two requests sharing keys cannot
-- deadlock) before the clock is read, so concurrent callers on every instance
-- queue one behind the other and none is judged against a stale count. A
-- refused request records nothing. Answers, per key in the order given: whether
-- the request was allowed, what remains, and in how many milliseconds the oldest
-- counted request leaves the window (with nothing remaining: when the next
-- request will be allowed). Runs with the caller's rights (SECURITY INVOKER).
CREATE FUNCTION atrium_take_api_limits(p_keys text[], p_limits integer[], p_windows integer[])
RETURNS TABLE (limit_key text, allowed boolean, remaining integer, reset_ms bigint)
LANGUAGE plpgsql AS $$
DECLARE
  now_ms bigint;
  ok boolean;
BEGIN
  INSERT INTO api_rate_limits AS r (key) SELECT DISTINCT k FROM unnest(p_keys) AS k ORDER BY 1
    ON CONFLICT (key) DO UPDATE SET key = r.key;
  now_ms := floor(extract(epoch FROM clock_timestamp()) * 1000);

  SELECT bool_and(coalesce(u.used, 0) < q.lim) INTO ok
  FROM unnest(p_keys, p_limits, p_windows) AS q(k, lim, win)
  CROSS JOIN LATERAL (SELECT greatest(q.win::bigint * 1000 / 60, 1) AS width) w
  JOIN api_rate_limits r ON r.key = q.k
  LEFT JOIN LATERAL (SELECT sum(b.c)::integer AS used FROM unnest(r.bucket_ids, r.counts) AS b(id, c) WHERE b.id >= now_ms / w.width - 60) u ON true;

  IF ok THEN
    UPDATE api_rate_limits r SET (bucket_ids, counts, expires_at) = (
      SELECT array_agg(x.id ORDER BY x.id), array_agg(x.c ORDER BY x.id), to_timestamp((max(x.id) + 61) * w.width / 1000.0)
      FROM (
        SELECT b.id, sum(b.c)::integer AS c
        FROM (
          SELECT t.id, t.c FROM unnest(r.bucket_ids, r.counts) AS t(id, c) WHERE t.id >= now_ms / w.width - 60
          UNION ALL SELECT now_ms / w.width, 1
        ) b
        GROUP BY b.id
      ) x
    )
    FROM unnest(p_keys, p_windows) AS q(k, win)
    CROSS JOIN LATERAL (SELECT greatest(q.win::bigint * 1000 / 60, 1) AS width) w
    WHERE r.key = q.k;
  END IF;

  RETURN QUERY
  SELECT q.k, ok, q.lim - coalesce(u.used, 0), coalesce((u.oldest + 61) * w.width - now_ms, 0)
  FROM unnest(p_keys, p_limits, p_windows) WITH ORDINALITY AS q(k, lim, win, n)
  CROSS JOIN LATERAL (SELECT greatest(q.win::bigint * 1000 / 60, 1) AS width) w
  JOIN api_rate_limits r ON r.key = q.k
  LEFT JOIN LATERAL (
    SELECT sum(b.c)::integer AS used, min(b.id) AS oldest FROM unnest(r.bucket_ids, r.counts) AS b(id, c) WHERE b.id >= now_ms / w.width - 60
  ) u ON true
  ORDER BY q.n;
END $$;
