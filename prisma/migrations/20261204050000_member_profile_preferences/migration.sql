-- Seed 000's POST /tenants/{id}/users carries `user.profile` (department,
-- location, phone, …) and `user.preferences` (timezone, locale, notifications).
-- Both belong to the person's place in this tenant, so they live on the
-- membership, not the global account; validated by the app (Zod), kept small.
ALTER TABLE memberships ADD COLUMN profile jsonb NOT NULL DEFAULT '{}'::jsonb;
ALTER TABLE memberships ADD COLUMN preferences jsonb NOT NULL DEFAULT '{}'::jsonb;
ALTER TABLE memberships ADD CONSTRAINT memberships_profile_object CHECK (jsonb_typeof(profile) = 'object' AND pg_column_size(profile) <= 4096);
ALTER TABLE memberships ADD CONSTRAINT memberships_preferences_object CHECK (jsonb_typeof(preferences) = 'object' AND pg_column_size(preferences) <= 4096);
