-- Passkeys (WebAuthn credentials, lib/auth/passkeys). A passkey belongs to an
-- account, like its password, so the table has no tenant column and no RLS (as
-- users). It is bound to the relying-party id it was registered on: the host
-- name without port (console host, <slug>.<root> or a tenant's verified custom
-- domain); it is only offered and accepted on that host.
CREATE TABLE user_passkeys (
  id             text PRIMARY KEY,
  user_id        text NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  credential_id  text NOT NULL,
  public_key     bytea NOT NULL,
  counter        bigint NOT NULL DEFAULT 0 CHECK (counter >= 0),
  transports     text[] NOT NULL DEFAULT '{}',
  rp_id          text NOT NULL,
  name           text NOT NULL,
  backed_up      boolean NOT NULL DEFAULT false,
  device_type    text NOT NULL DEFAULT 'singleDevice' CHECK (device_type IN ('singleDevice', 'multiDevice')),
  created_at     timestamptz(3) NOT NULL DEFAULT now(),
  last_used_at   timestamptz(3)
);
CREATE UNIQUE INDEX user_passkeys_credential_id_key ON user_passkeys (credential_id);
CREATE INDEX user_passkeys_user_rp ON user_passkeys (user_id, rp_id);
GRANT SELECT, INSERT, UPDATE, DELETE ON user_passkeys TO atrium_app;
