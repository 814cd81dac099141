-- Two login roles per service: <name>_svc owns the service's schema and runs its migrations (DATABASE_OWNER_URL);
-- <name>_runtime is what the service runs as (DATABASE_URL), with only what <name>_svc grants it after each migration
-- run (libs/platform/src/database/runtime-privileges.ts): SELECT and INSERT on the append-only tables, row rights on
-- the others, never ownership (an owner may disable the append-only triggers). No service can read or write
-- another's data.
-- The postgres image runs this once, when the data volume is empty, with psql as POSTGRES_USER in POSTGRES_DB
-- (integrity_square). It uses psql variables, so it needs psql, not a plain SQL client.
-- The passwords come from the container environment (docker-compose.yml), so compose is their only source.
-- The lines between ">>> services:render <region>" and "<<<" name every service: `npm run services:render` writes
-- them from libs/contracts/src/services.registry.ts; edit the registry, not them.

\set ON_ERROR_STOP on
-- >>> services:render getenv
\getenv budgets_password BUDGETS_DB_PASSWORD
\getenv monitoring_password MONITORING_DB_PASSWORD
\getenv road_cases_password ROAD_CASES_DB_PASSWORD
\getenv fines_password FINES_DB_PASSWORD
\getenv budgets_runtime_password BUDGETS_RUNTIME_DB_PASSWORD
\getenv monitoring_runtime_password MONITORING_RUNTIME_DB_PASSWORD
\getenv road_cases_runtime_password ROAD_CASES_RUNTIME_DB_PASSWORD
\getenv fines_runtime_password FINES_RUNTIME_DB_PASSWORD
-- <<< services:render

-- >>> services:render passwords-set
SELECT :{?budgets_password}
  AND :{?monitoring_password}
  AND :{?road_cases_password}
  AND :{?fines_password}
  AND :{?budgets_runtime_password}
  AND :{?monitoring_runtime_password}
  AND :{?road_cases_runtime_password}
  AND :{?fines_runtime_password}
  AS passwords_set \gset
\if :passwords_set
\else
  DO $$ BEGIN RAISE EXCEPTION 'set BUDGETS_DB_PASSWORD, ..., FINES_DB_PASSWORD and BUDGETS_RUNTIME_DB_PASSWORD, ..., FINES_RUNTIME_DB_PASSWORD'; END $$;
\endif
-- <<< services:render

SELECT current_database() AS db \gset

-- Nothing for PUBLIC: only the roles granted below may connect, and nobody may use the public schema.
REVOKE ALL ON DATABASE :"db" FROM PUBLIC;
REVOKE ALL ON SCHEMA public FROM PUBLIC;

-- >>> services:render roles
CREATE ROLE budgets_svc LOGIN PASSWORD :'budgets_password';
CREATE SCHEMA budgets AUTHORIZATION budgets_svc;
CREATE ROLE budgets_runtime LOGIN PASSWORD :'budgets_runtime_password';

CREATE ROLE monitoring_svc LOGIN PASSWORD :'monitoring_password';
CREATE SCHEMA monitoring AUTHORIZATION monitoring_svc;
CREATE ROLE monitoring_runtime LOGIN PASSWORD :'monitoring_runtime_password';

CREATE ROLE road_cases_svc LOGIN PASSWORD :'road_cases_password';
CREATE SCHEMA road_cases AUTHORIZATION road_cases_svc;
CREATE ROLE road_cases_runtime LOGIN PASSWORD :'road_cases_runtime_password';

CREATE ROLE fines_svc LOGIN PASSWORD :'fines_password';
CREATE SCHEMA fines AUTHORIZATION fines_svc;
CREATE ROLE fines_runtime LOGIN PASSWORD :'fines_runtime_password';
-- <<< services:render

-- CONNECT to log in. CREATE on the database, for the owners only, because each service's owner runs CREATE SCHEMA
-- IF NOT EXISTS for its own schema at start (migrate-under-lock.ts), and Postgres checks that privilege even when the
-- schema exists. It lets a role add new schemas, never use another role's: a schema's privileges belong to its owner.
-- The runtime roles get nothing more here: USAGE on their schema and their table rights come from its owner.
-- >>> services:render grants
GRANT CONNECT, CREATE ON DATABASE :"db" TO budgets_svc, monitoring_svc, road_cases_svc, fines_svc;
GRANT CONNECT ON DATABASE :"db" TO budgets_runtime, monitoring_runtime, road_cases_runtime, fines_runtime;
-- <<< services:render
