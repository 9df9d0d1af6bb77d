-- Tamper evidence for audit_events (issue 10 §2).
--
-- Each tenant's events form a hash chain, and platform events (tenant_id NULL)
-- one of their own: `seq` numbers a chain from 1 without gaps, `prev_hash` is
-- the previous event's `hash` (64 zeros for the first), and `hash` is the
-- SHA-256 (hex) of the RFC 8785 (JCS) serialisation of the row's other
-- columns as a JSON object: created_at as an RFC 3339 UTC string with
-- milliseconds, columns holding NULL left out (so a column added later with
-- NULL in old rows keeps their hashes). The writer (lib/audit/
-- record-audit-event.ts) computes it in Node with the `canonicalize` package;
-- the functions below compute the same in SQL, to chain the rows written
-- before this migration and so that tests can check both agree.

-- RFC 8785 number: ECMAScript's Number.prototype.toString of the IEEE double.
-- float8's text is the shortest round-trip digits (extra_float_digits >= 1),
-- which are ECMAScript's digits; only the layout (exponent thresholds) differs.
CREATE FUNCTION atrium_jcs_number(n numeric) RETURNS text
  LANGUAGE plpgsql IMMUTABLE STRICT SET extra_float_digits = 1 AS $$
DECLARE
  s text := (n::float8)::text;
  neg boolean := false;
  mant text;
  e int := 0;
  d text;
  p int;  -- the decimal point sits after p digits of d (ECMAScript's n)
  k int;
BEGIN
  IF n = 0 THEN RETURN '0'; END IF;
  IF left(s, 1) = '-' THEN neg := true; s := substr(s, 2); END IF;
  IF position('e' IN s) > 0 THEN
    mant := split_part(s, 'e', 1);
    e := split_part(s, 'e', 2)::int;
  ELSE
    mant := s;
  END IF;
  d := split_part(mant, '.', 1) || split_part(mant, '.', 2);
  p := length(split_part(mant, '.', 1)) + e;
  WHILE left(d, 1) = '0' LOOP d := substr(d, 2); p := p - 1; END LOOP;
  d := rtrim(d, '0');
  k := length(d);
  IF k <= p AND p <= 21 THEN
    s := d || repeat('0', p - k);
  ELSIF 0 < p AND p <= 21 THEN
    s := left(d, p) || '.' || substr(d, p + 1);
  ELSIF -6 < p AND p <= 0 THEN
    s := '0.' || repeat('0', -p) || d;
  ELSE
    s := left(d, 1) || CASE WHEN k > 1 THEN '.' || substr(d, 2) ELSE '' END
         || 'e' || CASE WHEN p - 1 >= 0 THEN '+' ELSE '-' END || abs(p - 1)::text;
  END IF;
  RETURN CASE WHEN neg THEN '-' || s ELSE s END;
END $$;

-- RFC 8785 serialisation of a jsonb value. Strings: jsonb's own escaping is
-- JSON.stringify's (\" \\ \b \f \n \r \t, other controls as \u00xx). Keys sort
-- by code point (COLLATE "C" on UTF-8), which is RFC 8785's UTF-16 order for
-- every key below U+E000 — all of Atrium's own field names.
CREATE FUNCTION atrium_jcs(v jsonb) RETURNS text
  LANGUAGE plpgsql IMMUTABLE STRICT AS $$
BEGIN
  CASE jsonb_typeof(v)
    WHEN 'object' THEN
      RETURN '{' || coalesce((SELECT string_agg(to_json(key)::text || ':' || atrium_jcs(value), ',' ORDER BY key COLLATE "C") FROM jsonb_each(v)), '') || '}';
    WHEN 'array' THEN
      RETURN '[' || coalesce((SELECT string_agg(atrium_jcs(value), ',' ORDER BY ord) FROM jsonb_array_elements(v) WITH ORDINALITY AS x(value, ord)), '') || ']';
    WHEN 'number' THEN
      RETURN atrium_jcs_number(v::text::numeric);
    ELSE
      RETURN v::text;
  END CASE;
END $$;

ALTER TABLE audit_events ADD COLUMN seq bigint, ADD COLUMN prev_hash text, ADD COLUMN hash text;

-- The hash of one stored row: every column but `hash`, NULLs left out.
CREATE FUNCTION atrium_audit_event_hash(e audit_events) RETURNS text
  LANGUAGE sql STABLE AS $$
  SELECT encode(sha256(convert_to(atrium_jcs(
    (SELECT jsonb_object_agg(key, value) FROM jsonb_each(to_jsonb(e) - 'hash') WHERE value <> 'null'::jsonb)
      || jsonb_build_object('created_at', to_char(e.created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'))
  ), 'UTF8')), 'hex')
$$;

-- Chain the rows already there, in (created_at, id) order per chain.
ALTER TABLE audit_events DISABLE TRIGGER audit_events_no_update;
UPDATE audit_events a SET seq = s.seq
  FROM (SELECT id, row_number() OVER (PARTITION BY tenant_id ORDER BY created_at, id) AS seq FROM audit_events) s
  WHERE a.id = s.id;
DO $$
DECLARE
  r audit_events;
  chain text := NULL;
  prev text;
BEGIN
  FOR r IN SELECT * FROM audit_events ORDER BY coalesce(tenant_id, 'platform'), seq LOOP
    IF chain IS DISTINCT FROM coalesce(r.tenant_id, 'platform') THEN
      chain := coalesce(r.tenant_id, 'platform');
      prev := repeat('0', 64);
    END IF;
    r.prev_hash := prev;
    r.hash := atrium_audit_event_hash(r);
    UPDATE audit_events SET prev_hash = r.prev_hash, hash = r.hash WHERE id = r.id;
    prev := r.hash;
  END LOOP;
END $$;
ALTER TABLE audit_events ENABLE TRIGGER audit_events_no_update;
ALTER TABLE audit_events ALTER COLUMN seq SET NOT NULL, ALTER COLUMN prev_hash SET NOT NULL, ALTER COLUMN hash SET NOT NULL;
-- One event per position in each chain; also the verifier's and pruner's walk.
CREATE UNIQUE INDEX audit_events_chain_seq_key ON audit_events ((coalesce(tenant_id, 'platform')), seq);

-- The head of each chain: its last seq and hash. A writer locks its chain's
-- row (FOR UPDATE) in its own transaction, so concurrent writers of one chain
-- take turns and never fork it, while other tenants' writers do not wait.
CREATE TABLE audit_chain_heads (
  chain_key text PRIMARY KEY,
  tenant_id text,
  seq       bigint NOT NULL,
  hash      text NOT NULL,
  CONSTRAINT audit_chain_heads_key CHECK (chain_key = coalesce(tenant_id, 'platform'))
);
INSERT INTO audit_chain_heads (chain_key, tenant_id, seq, hash)
  SELECT DISTINCT ON (coalesce(tenant_id, 'platform')) coalesce(tenant_id, 'platform'), tenant_id, seq, hash
  FROM audit_events ORDER BY coalesce(tenant_id, 'platform'), seq DESC;

-- Where pruning (retention) cut each chain: the last removed event's seq and
-- hash, so verification starts there and still proves everything after it.
CREATE TABLE audit_checkpoints (
  chain_key    text NOT NULL,
  tenant_id    text,
  seq          bigint NOT NULL,
  hash         text NOT NULL,
  pruned_count bigint NOT NULL,
  created_at   timestamptz(3) NOT NULL DEFAULT now(),
  PRIMARY KEY (chain_key, seq),
  CONSTRAINT audit_checkpoints_key CHECK (chain_key = coalesce(tenant_id, 'platform'))
);

ALTER TABLE audit_chain_heads ENABLE ROW LEVEL SECURITY;
ALTER TABLE audit_chain_heads FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON audit_chain_heads
  USING (tenant_id = current_setting('app.tenant_id', true))
  WITH CHECK (tenant_id = current_setting('app.tenant_id', true));
CREATE POLICY platform_scope ON audit_chain_heads TO atrium_platform USING (true) WITH CHECK (true);

ALTER TABLE audit_checkpoints ENABLE ROW LEVEL SECURITY;
ALTER TABLE audit_checkpoints FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON audit_checkpoints
  USING (tenant_id = current_setting('app.tenant_id', true))
  WITH CHECK (tenant_id = current_setting('app.tenant_id', true));
CREATE POLICY platform_scope ON audit_checkpoints TO atrium_platform USING (true) WITH CHECK (true);

-- Writers advance heads; nobody but the two functions below deletes.
GRANT SELECT, INSERT, UPDATE ON audit_chain_heads TO atrium_app;
GRANT SELECT ON audit_checkpoints TO atrium_app;
-- Append-only stays as it was (SELECT, INSERT only; the trigger refuses UPDATE
-- even to the owner). Said again here in case a grant crept in.
REVOKE UPDATE, DELETE, TRUNCATE ON audit_events FROM atrium_app, atrium_platform, PUBLIC;

-- The only ways audit rows leave, each deleting exactly what it is for, so
-- the app roles need no DELETE grant. Owned by the migrating user.

-- Purge: every audit row (and chain state) of a tenant being purged, that is
-- one already scheduled for deletion; the caller deletes the tenant after.
CREATE FUNCTION atrium_purge_tenant_audit(p_tenant_id text) RETURNS bigint
  LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
DECLARE
  n bigint;
BEGIN
  IF NOT EXISTS (SELECT 1 FROM tenants WHERE id = p_tenant_id AND status = 'pending_deletion' AND final_deletion_date IS NOT NULL) THEN
    RAISE EXCEPTION 'tenant % is not scheduled for deletion; its audit log stays', p_tenant_id USING ERRCODE = 'insufficient_privilege';
  END IF;
  DELETE FROM audit_events WHERE tenant_id = p_tenant_id;
  GET DIAGNOSTICS n = ROW_COUNT;
  DELETE FROM audit_chain_heads WHERE chain_key = p_tenant_id;
  DELETE FROM audit_checkpoints WHERE chain_key = p_tenant_id;
  RETURN n;
END $$;

-- Retention: the oldest events of one chain created before p_cutoff, at most
-- p_limit, always a prefix of what is left (a younger event stops it), and
-- never anything younger than a day; records the checkpoint in the same
-- statement's transaction. Takes the chain's head lock, as writers do.
CREATE FUNCTION atrium_prune_audit_chain(p_chain_key text, p_cutoff timestamptz, p_limit integer)
  RETURNS TABLE (pruned bigint, last_seq bigint, last_hash text)
  LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
DECLARE
  stop_seq bigint;
BEGIN
  IF p_cutoff > now() - interval '1 day' THEN
    RAISE EXCEPTION 'audit events younger than a day are never pruned' USING ERRCODE = 'insufficient_privilege';
  END IF;
  IF p_limit < 1 OR p_limit > 10000 THEN
    RAISE EXCEPTION 'prune batch must be 1..10000' USING ERRCODE = 'invalid_parameter_value';
  END IF;
  PERFORM 1 FROM audit_chain_heads h WHERE h.chain_key = p_chain_key FOR UPDATE;
  SELECT min(a.seq) INTO stop_seq FROM audit_events a
    WHERE coalesce(a.tenant_id, 'platform') = p_chain_key AND a.created_at >= p_cutoff;
  WITH doomed AS (
    SELECT a.id FROM audit_events a
    WHERE coalesce(a.tenant_id, 'platform') = p_chain_key AND a.seq < coalesce(stop_seq, 9223372036854775807)
    ORDER BY a.seq LIMIT p_limit
  ), gone AS (
    DELETE FROM audit_events a USING doomed d WHERE a.id = d.id RETURNING a.seq, a.hash
  )
  SELECT count(*), max(g.seq), (array_agg(g.hash ORDER BY g.seq DESC))[1] INTO pruned, last_seq, last_hash FROM gone g;
  IF pruned > 0 THEN
    INSERT INTO audit_checkpoints (chain_key, tenant_id, seq, hash, pruned_count)
      VALUES (p_chain_key, nullif(p_chain_key, 'platform'), last_seq, last_hash, pruned);
  END IF;
  RETURN NEXT;
END $$;

REVOKE ALL ON FUNCTION atrium_purge_tenant_audit(text) FROM PUBLIC;
REVOKE ALL ON FUNCTION atrium_prune_audit_chain(text, timestamptz, integer) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION atrium_purge_tenant_audit(text) TO atrium_app;
GRANT EXECUTE ON FUNCTION atrium_prune_audit_chain(text, timestamptz, integer) TO atrium_app;
