-- Run once as a PostgreSQL superuser (psql -f postgresql-setup.sql), then put the password in iterwatch.env.
-- iterwatch creates and migrates its tables itself (Flyway) when the first instance starts.
CREATE ROLE iterwatch LOGIN PASSWORD 'change-me';
CREATE DATABASE iterwatch OWNER iterwatch;
-- Each instance holds at most 10 connections (its pool); two instances: 20. max_connections (default 100)
-- is enough unless the server is shared with much else.
-- pg_hba.conf: let the iterwatch hosts in with a password, e.g.
--   host  iterwatch  iterwatch  10.0.0.0/24  scram-sha-256
