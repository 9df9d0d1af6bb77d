-- Invoices (issue 14 §3, lib/billing/invoices). One invoice per tenant and
-- billing period, made by generateInvoice (the monthly job or a staff member's
-- "generate now"); its lines are a snapshot, so later plan or price edits never
-- change an invoice already written. Amounts are integer cents.

-- Numbers are platform-wide and never reused (ATR-2026-000123); a sequence
-- hands them out without a lock, and a rolled-back generation only leaves a gap.
CREATE SEQUENCE invoice_number_seq AS bigint START 1;
GRANT USAGE ON SEQUENCE invoice_number_seq TO atrium_app;

CREATE TABLE invoices (
  id             text PRIMARY KEY,
  tenant_id      text NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
  number         text NOT NULL UNIQUE,
  -- [period_start, period_end): the first day of the month and the first day of the next.
  period_start   date NOT NULL,
  period_end     date NOT NULL CHECK (period_end > period_start),
  currency       text NOT NULL,
  subtotal_cents integer NOT NULL,
  tax_cents      integer NOT NULL DEFAULT 0,
  total_cents    integer NOT NULL,
  status         text NOT NULL CHECK (status IN ('draft', 'issued', 'paid', 'void')),
  issued_at      timestamptz(3),
  paid_at        timestamptz(3),
  voided_at      timestamptz(3),
  created_at     timestamptz(3) NOT NULL DEFAULT now(),
  CHECK (total_cents = subtotal_cents + tax_cents)
);
-- What makes generation idempotent: a second run for the same tenant and
-- period meets this index and returns the invoice already there.
CREATE UNIQUE INDEX invoices_tenant_period ON invoices (tenant_id, period_start, period_end);
CREATE INDEX invoices_tenant_created ON invoices (tenant_id, period_start DESC);

CREATE TABLE invoice_line_items (
  id           text PRIMARY KEY,
  invoice_id   text NOT NULL REFERENCES invoices (id) ON DELETE CASCADE,
  tenant_id    text NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
  position     integer NOT NULL,
  kind         text NOT NULL CHECK (kind IN ('plan', 'add_on', 'proration', 'overage')),
  description  text NOT NULL,
  quantity     numeric(14, 3) NOT NULL,
  unit_cents   integer NOT NULL,
  amount_cents integer NOT NULL,
  UNIQUE (invoice_id, position)
);
CREATE INDEX invoice_line_items_tenant ON invoice_line_items (tenant_id);

-- Charges that happen between invoices (a prorated upgrade, a credit for a
-- downgrade): written by addPendingCharge in the transaction that caused them,
-- picked up by the next invoice whose period ends after them (invoice_id set).
CREATE TABLE billing_pending_charges (
  id           text PRIMARY KEY,
  tenant_id    text NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
  kind         text NOT NULL CHECK (kind IN ('proration', 'add_on', 'plan', 'overage')),
  description  text NOT NULL,
  amount_cents integer NOT NULL,
  currency     text NOT NULL,
  created_at   timestamptz(3) NOT NULL DEFAULT now(),
  invoice_id   text REFERENCES invoices (id) ON DELETE SET NULL
);
CREATE INDEX billing_pending_charges_open ON billing_pending_charges (tenant_id, created_at) WHERE invoice_id IS NULL;

ALTER TABLE invoices ENABLE ROW LEVEL SECURITY;
ALTER TABLE invoices FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON invoices
  USING (tenant_id = current_setting('app.tenant_id', true))
  WITH CHECK (tenant_id = current_setting('app.tenant_id', true));
CREATE POLICY platform_scope ON invoices TO atrium_platform USING (true) WITH CHECK (true);

ALTER TABLE invoice_line_items ENABLE ROW LEVEL SECURITY;
ALTER TABLE invoice_line_items FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON invoice_line_items
  USING (tenant_id = current_setting('app.tenant_id', true))
  WITH CHECK (tenant_id = current_setting('app.tenant_id', true));
CREATE POLICY platform_scope ON invoice_line_items TO atrium_platform USING (true) WITH CHECK (true);

ALTER TABLE billing_pending_charges ENABLE ROW LEVEL SECURITY;
ALTER TABLE billing_pending_charges FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON billing_pending_charges
  USING (tenant_id = current_setting('app.tenant_id', true))
  WITH CHECK (tenant_id = current_setting('app.tenant_id', true));
CREATE POLICY platform_scope ON billing_pending_charges TO atrium_platform USING (true) WITH CHECK (true);

-- Invoices are never deleted by the app (void instead); lines and charges are
-- written once, and a charge is only updated to attach it to its invoice.
GRANT SELECT, INSERT, UPDATE ON invoices TO atrium_app;
GRANT SELECT, INSERT ON invoice_line_items TO atrium_app;
GRANT SELECT, INSERT, UPDATE ON billing_pending_charges TO atrium_app;
