-- Starter application tables in every tenant's own schema (search_path is set
-- to that schema by the runner, so names are unqualified).
CREATE TABLE users (
  id         uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  email      varchar(255) NOT NULL UNIQUE,
  name       varchar(255) NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now()
);
