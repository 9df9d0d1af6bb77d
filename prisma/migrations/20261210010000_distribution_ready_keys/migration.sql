-- Keys Citus can distribute by tenant (lib/db/distribution.ts, docs/scaling.md): the
-- distribution column in every primary key and unique index, and foreign keys between
-- distributed tables through it. Only keys change; no row is rewritten or lost
-- (tests/integration/distribution-ready-migration.test.ts).

-- audit_events: platform events have no tenant, so the table is distributed by its chain
-- key (the tenant's id, or 'platform'), which the chain heads already use. A generated
-- column fills it in the one rewrite ADD COLUMN needs (no UPDATE, so the append-only
-- trigger stays on); DROP EXPRESSION then makes it a plain column writers set themselves,
-- as a distributed INSERT must name its distribution column. The CHECK keeps it honest.
ALTER TABLE audit_events ADD COLUMN chain_key text GENERATED ALWAYS AS (coalesce(tenant_id, 'platform')) STORED;
ALTER TABLE audit_events ALTER COLUMN chain_key DROP EXPRESSION;
ALTER TABLE audit_events
  ALTER COLUMN chain_key SET NOT NULL,
  ADD CONSTRAINT audit_events_chain_key CHECK (chain_key = coalesce(tenant_id, 'platform')),
  DROP CONSTRAINT audit_events_pkey,
  ADD CONSTRAINT audit_events_pkey PRIMARY KEY (chain_key, id);
DROP INDEX audit_events_chain_seq_key;
CREATE UNIQUE INDEX audit_events_chain_seq_key ON audit_events (chain_key, seq);

-- chain_key is tenant_id said again: the hash leaves it out, so every stored hash stays valid.
CREATE OR REPLACE FUNCTION atrium_audit_event_hash(e audit_events) RETURNS text
  LANGUAGE sql STABLE AS $$
  SELECT encode(sha256(convert_to(atrium_jcs(
    (SELECT jsonb_object_agg(key, value) FROM jsonb_each(to_jsonb(e) - 'hash' - 'chain_key') WHERE value <> 'null'::jsonb)
      || jsonb_build_object('created_at', to_char(e.created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'))
  ), 'UTF8')), 'hex')
$$;

-- Retention walks one chain by (chain_key, seq) and deletes by the new primary key.
CREATE OR REPLACE FUNCTION atrium_prune_audit_chain(p_chain_key text, p_cutoff timestamptz, p_limit integer)
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
    WHERE a.chain_key = p_chain_key AND a.created_at >= p_cutoff;
  WITH doomed AS (
    SELECT a.id FROM audit_events a
    WHERE a.chain_key = p_chain_key AND a.seq < coalesce(stop_seq, 9223372036854775807)
    ORDER BY a.seq LIMIT p_limit
  ), gone AS (
    DELETE FROM audit_events a USING doomed d WHERE a.chain_key = p_chain_key AND a.id = d.id RETURNING a.seq, a.hash
  )
  SELECT count(*), max(g.seq), (array_agg(g.hash ORDER BY g.seq DESC))[1] INTO pruned, last_seq, last_hash FROM gone g;
  IF pruned > 0 THEN
    INSERT INTO audit_checkpoints (chain_key, tenant_id, seq, hash, pruned_count)
      VALUES (p_chain_key, nullif(p_chain_key, 'platform'), last_seq, last_hash, pruned);
  END IF;
  RETURN NEXT;
END $$;

-- Tenant-owned tables keyed by id alone: (tenant_id, id).
ALTER TABLE tenant_scalings DROP CONSTRAINT tenant_scalings_pkey, ADD CONSTRAINT tenant_scalings_pkey PRIMARY KEY (tenant_id, id);
ALTER TABLE tenant_notices DROP CONSTRAINT tenant_notices_pkey, ADD CONSTRAINT tenant_notices_pkey PRIMARY KEY (tenant_id, id);
ALTER TABLE tenant_exports DROP CONSTRAINT tenant_exports_pkey, ADD CONSTRAINT tenant_exports_pkey PRIMARY KEY (tenant_id, id);
ALTER TABLE tenant_backups DROP CONSTRAINT tenant_backups_pkey, ADD CONSTRAINT tenant_backups_pkey PRIMARY KEY (tenant_id, id);
ALTER TABLE tenant_restores DROP CONSTRAINT tenant_restores_pkey, ADD CONSTRAINT tenant_restores_pkey PRIMARY KEY (tenant_id, id);
ALTER TABLE impersonation_grants DROP CONSTRAINT impersonation_grants_pkey, ADD CONSTRAINT impersonation_grants_pkey PRIMARY KEY (tenant_id, id);

-- Invoices and what hangs off them: the foreign keys go first (they depend on invoices_pkey),
-- and come back composite. A pending charge's invoice being deleted clears invoice_id only
-- (SET NULL with a column list), never its tenant_id.
ALTER TABLE invoice_line_items DROP CONSTRAINT invoice_line_items_invoice_id_fkey;
ALTER TABLE billing_pending_charges DROP CONSTRAINT billing_pending_charges_invoice_id_fkey;
ALTER TABLE invoices
  DROP CONSTRAINT invoices_pkey,
  ADD CONSTRAINT invoices_pkey PRIMARY KEY (tenant_id, id),
  -- Numbers come from invoice_number_seq, unique across tenants by construction.
  DROP CONSTRAINT invoices_number_key,
  ADD CONSTRAINT invoices_number_key UNIQUE (tenant_id, number);
ALTER TABLE invoice_line_items
  DROP CONSTRAINT invoice_line_items_pkey,
  ADD CONSTRAINT invoice_line_items_pkey PRIMARY KEY (tenant_id, id),
  DROP CONSTRAINT invoice_line_items_invoice_id_position_key,
  ADD CONSTRAINT invoice_line_items_invoice_id_position_key UNIQUE (tenant_id, invoice_id, position),
  ADD CONSTRAINT invoice_line_items_invoice_id_fkey FOREIGN KEY (tenant_id, invoice_id) REFERENCES invoices (tenant_id, id) ON DELETE CASCADE;
ALTER TABLE billing_pending_charges
  DROP CONSTRAINT billing_pending_charges_pkey,
  ADD CONSTRAINT billing_pending_charges_pkey PRIMARY KEY (tenant_id, id),
  ADD CONSTRAINT billing_pending_charges_invoice_id_fkey FOREIGN KEY (tenant_id, invoice_id) REFERENCES invoices (tenant_id, id) ON DELETE SET NULL (invoice_id);

-- Secrets and names unique across tenants by construction (256-bit random tokens; role
-- names PostgreSQL itself keeps unique): the index keeps its leading column for the
-- lookup before the tenant is known, and gains tenant_id.
DROP INDEX tenant_invitations_token_hash_key;
CREATE UNIQUE INDEX tenant_invitations_token_hash_key ON tenant_invitations (token_hash, tenant_id);
ALTER TABLE tenant_db_roles DROP CONSTRAINT tenant_db_roles_role_name_key, ADD CONSTRAINT tenant_db_roles_role_name_key UNIQUE (role_name, tenant_id);
