-- One- and two-character search terms match at the start of a name or email only (no trigram
-- to look up): these indexes give them in order, so a term matching thousands of accounts
-- reads only the first few (GET /api/v1/search).
CREATE INDEX IF NOT EXISTS users_lower_email_prefix ON users (lower(email) text_pattern_ops);
CREATE INDEX IF NOT EXISTS users_lower_name_prefix ON users (lower(name) text_pattern_ops);
CREATE INDEX IF NOT EXISTS tenants_lower_name_prefix ON tenants (lower(name) text_pattern_ops);
