-- The tenant list orders by (column, id); matching indexes let deep pages and
-- every sortable column be served without sorting the whole table (the
-- benchmark saw on-disk sorts for updated_at and plan at 10,000 tenants).
DROP INDEX tenants_created_at_idx;
CREATE INDEX tenants_created_at_id_idx ON tenants (created_at, id);
CREATE INDEX tenants_updated_at_id_idx ON tenants (updated_at, id);
CREATE INDEX tenants_name_id_idx ON tenants (name, id);
CREATE INDEX tenants_status_id_idx ON tenants (status, id);
CREATE INDEX tenants_plan_id_idx ON tenants (plan, id);
