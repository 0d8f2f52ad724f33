-- Deploy chaindb:education/user_summary to pg
-- requires: education/progress

BEGIN;

SET LOCAL ROLE chain_owner;

\ir ../../views/education/user_summary.sql

COMMIT;
