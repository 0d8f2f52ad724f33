-- Deploy chaindb:core/backend_access_tables to pg
-- requires: core/backend_access
-- requires: core/users
-- requires: blockchain/transactions
-- requires: blockchain/price_feeds
-- requires: trading/escrows
-- requires: trading/grids
-- requires: manufacturing/milestones
-- requires: manufacturing/quality_assurance
-- requires: governance/votes
-- requires: education/progress
-- requires: education/practice_sessions
-- requires: auth/sessions

BEGIN;

SET LOCAL search_path = pg_catalog, pg_temp;  -- resolve nothing through a schema someone else can write

SET LOCAL ROLE chain_owner;

\ir ../../roles/core/backend_access_tables.sql

COMMIT;
