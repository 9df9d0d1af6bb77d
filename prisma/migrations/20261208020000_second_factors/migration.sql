-- Second factors belong to an account (users), not to a tenant: a member's
-- authenticator works on every tenant they belong to, like their password.
-- So, like users, these tables carry no tenant_id and no row-level security;
-- only the sign-in and account services touch them, always by user_id.

-- One TOTP authenticator per account. The secret must be readable again to
-- check codes, so it is sealed (AES-256-GCM, lib/webhooks/secret-box.ts).
-- confirmed_at NULL = enrolment started, not yet proven by a first code.
-- last_used_step: the RFC 6238 time step of the last accepted code; a code of
-- that step or an earlier one is refused (one conditional UPDATE decides).
CREATE TABLE user_totp_factors (
  user_id        text PRIMARY KEY REFERENCES users (id) ON DELETE CASCADE,
  secret_sealed  text NOT NULL,
  confirmed_at   timestamptz(3),
  last_used_step bigint,
  created_at     timestamptz(3) NOT NULL DEFAULT now()
);

-- Recovery codes: high-entropy, so a sha256 digest is enough; single use.
CREATE TABLE user_recovery_codes (
  id         text PRIMARY KEY,
  user_id    text NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  code_hash  text NOT NULL,
  used_at    timestamptz(3),
  created_at timestamptz(3) NOT NULL DEFAULT now()
);
CREATE UNIQUE INDEX user_recovery_codes_hash ON user_recovery_codes (user_id, code_hash);

GRANT SELECT, INSERT, UPDATE, DELETE ON user_totp_factors, user_recovery_codes TO atrium_app;
