-- Server-side sign-in sessions (lib/auth/sessions) and one-time tokens
-- (lib/auth/one-time-tokens.ts). The session cookie (a next-auth JWT) carries
-- the session's id as `sid`; a session is live only while its row exists, so
-- deleting the row signs the holder out at their next request.
--
-- Account-level tables like `users`, not tenant rows: a staff session has no
-- tenant, a token may exist before any account does (sign-up), and both are
-- looked up by an unguessable id or hash before any tenant scope is known.
-- No RLS, as for `users`; services filter by user/tenant explicitly.
CREATE TABLE auth_sessions (
  id                      text PRIMARY KEY,
  user_id                 text NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  kind                    text NOT NULL CHECK (kind IN ('staff', 'member')),
  tenant_id               text REFERENCES tenants(id) ON DELETE CASCADE,
  host                    text NOT NULL,
  ip                      text,
  user_agent              text,
  method                  text NOT NULL CHECK (method IN ('password', 'passkey', 'sso', 'break_glass', 'impersonation')),
  second_factor           text CHECK (second_factor IN ('totp', 'recovery_code', 'passkey')),
  second_factor_pending   boolean NOT NULL DEFAULT false,
  impersonation_grant_id  text,
  created_at              timestamptz(3) NOT NULL DEFAULT now(),
  last_seen_at            timestamptz(3) NOT NULL DEFAULT now(),
  expires_at              timestamptz(3) NOT NULL,
  reauthenticated_at      timestamptz(3),
  CHECK ((kind = 'member') = (tenant_id IS NOT NULL))
);
CREATE INDEX auth_sessions_user ON auth_sessions (user_id, created_at);
CREATE INDEX auth_sessions_tenant ON auth_sessions (tenant_id, user_id) WHERE tenant_id IS NOT NULL;
CREATE INDEX auth_sessions_expiry ON auth_sessions (expires_at);
GRANT SELECT, INSERT, UPDATE, DELETE ON auth_sessions TO atrium_app;

-- Single-use tokens: only the sha256 of the token is stored. `host` binds a
-- token to the host it was issued for (a reset link for one portal does not
-- work on another).
CREATE TABLE auth_tokens (
  id          text PRIMARY KEY,
  purpose     text NOT NULL,
  token_hash  text NOT NULL UNIQUE,
  user_id     text REFERENCES users(id) ON DELETE CASCADE,
  email       text,
  tenant_id   text REFERENCES tenants(id) ON DELETE CASCADE,
  host        text NOT NULL,
  data        jsonb NOT NULL DEFAULT '{}',
  expires_at  timestamptz(3) NOT NULL,
  used_at     timestamptz(3),
  created_at  timestamptz(3) NOT NULL DEFAULT now()
);
CREATE INDEX auth_tokens_expiry ON auth_tokens (expires_at);
CREATE INDEX auth_tokens_user ON auth_tokens (user_id, purpose) WHERE user_id IS NOT NULL;
GRANT SELECT, INSERT, UPDATE, DELETE ON auth_tokens TO atrium_app;
