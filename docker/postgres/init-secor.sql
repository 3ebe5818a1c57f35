-- Runs once, when the postgres container initialises an EMPTY data volume (as the superuser).
-- Creates the role the application connects as: it can log in and owns its database, but it is
-- not a superuser and cannot create roles or databases.
-- LOCAL DEFAULT PASSWORD 'secor': fine for docker compose on a developer machine; anywhere else,
-- change it here (before first start) or with ALTER ROLE, and update DATABASE_URL to match.
CREATE ROLE secor WITH LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOREPLICATION PASSWORD 'secor';

-- Owning the database makes secor the pg_database_owner, which on PostgreSQL 15+ is what grants
-- CREATE on the public schema (PUBLIC no longer has it), so migrations can create tables.
CREATE DATABASE secor OWNER secor;
