-- Issue 13 part C. An account's address is verified when it proved it owns it.
-- Verified unless said otherwise (the default): an accepted invitation, a
-- sign-up link or an IdP's verified email prove it, and every account that
-- exists before this migration counts as verified. Only accounts staff create
-- directly (lib/members/add-member.ts, lib/users/create-staff-user.ts) start
-- NULL, until the link mailed to them is used (or a password reset, whose
-- link reached the address too).
ALTER TABLE users ADD COLUMN email_verified_at timestamptz(3) DEFAULT now();
UPDATE users SET email_verified_at = created_at;

-- Where each account has signed in from (network: the /24 of an IPv4 or /64
-- of an IPv6 address; agent: the browser family and OS): the first sign-in
-- from a pair not seen within 90 days raises security.new_sign_in_location
-- (lib/security-alerts/note-sign-in.ts). Account-level like users (no tenant,
-- no RLS); bounded per account by note-sign-in's eviction.
CREATE TABLE sign_in_locations (
  user_id       text NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  network       text NOT NULL,
  agent         text NOT NULL,
  first_seen_at timestamptz(3) NOT NULL DEFAULT now(),
  last_seen_at  timestamptz(3) NOT NULL DEFAULT now(),
  PRIMARY KEY (user_id, network, agent)
);
CREATE INDEX sign_in_locations_user_id_last_seen_at_idx ON sign_in_locations (user_id, last_seen_at);
GRANT SELECT, INSERT, UPDATE, DELETE ON sign_in_locations TO atrium_app;
