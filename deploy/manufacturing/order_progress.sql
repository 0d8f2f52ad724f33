-- Deploy chaindb:manufacturing/order_progress to pg
-- requires: manufacturing/milestones

BEGIN;

SET LOCAL ROLE chain_owner;

\ir ../../functions/manufacturing/order_progress.sql

COMMIT;
