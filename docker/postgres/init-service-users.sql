-- One login role per service, each owning only its own schema: no service can read or write another's data.
-- The postgres image runs this once, when the data volume is empty, with psql as POSTGRES_USER in POSTGRES_DB
-- (integrity_square). It uses psql variables, so it needs psql, not a plain SQL client.
-- The passwords come from the container environment (docker-compose.yml), so compose is their only source.

\set ON_ERROR_STOP on
\getenv budgets_password BUDGETS_DB_PASSWORD
\getenv monitoring_password MONITORING_DB_PASSWORD
\getenv road_cases_password ROAD_CASES_DB_PASSWORD
\getenv fines_password FINES_DB_PASSWORD

SELECT :{?budgets_password} AND :{?monitoring_password} AND :{?road_cases_password} AND :{?fines_password}
  AS passwords_set \gset
\if :passwords_set
\else
  DO $$ BEGIN RAISE EXCEPTION 'set BUDGETS_DB_PASSWORD, MONITORING_DB_PASSWORD, ROAD_CASES_DB_PASSWORD and FINES_DB_PASSWORD'; END $$;
\endif

SELECT current_database() AS db \gset

-- Nothing for PUBLIC: only the roles granted below may connect, and nobody may use the public schema.
REVOKE ALL ON DATABASE :"db" FROM PUBLIC;
REVOKE ALL ON SCHEMA public FROM PUBLIC;

CREATE ROLE budgets_svc LOGIN PASSWORD :'budgets_password';
CREATE SCHEMA budgets AUTHORIZATION budgets_svc;

CREATE ROLE monitoring_svc LOGIN PASSWORD :'monitoring_password';
CREATE SCHEMA monitoring AUTHORIZATION monitoring_svc;

CREATE ROLE road_cases_svc LOGIN PASSWORD :'road_cases_password';
CREATE SCHEMA road_cases AUTHORIZATION road_cases_svc;

CREATE ROLE fines_svc LOGIN PASSWORD :'fines_password';
CREATE SCHEMA fines AUTHORIZATION fines_svc;

-- CONNECT to log in. CREATE on the database only because each service runs CREATE SCHEMA IF NOT EXISTS for its
-- own schema at start (migrate-under-lock.ts), and Postgres checks that privilege even when the schema exists.
-- It lets a role add new schemas, never use another role's: a schema's privileges belong to its owner.
GRANT CONNECT, CREATE ON DATABASE :"db" TO budgets_svc, monitoring_svc, road_cases_svc, fines_svc;
