-- A tenant key made by one of the tenant's members carries at most what that
-- member holds now (checked at each request); one made by platform staff or an
-- operator keeps its grant. Which of the two made it is recorded here.
ALTER TABLE api_keys ADD COLUMN created_by_member boolean NOT NULL DEFAULT false;
