-- Deploy chaindb:governance/active_proposals to pg
-- requires: governance/proposals

BEGIN;

SET LOCAL ROLE chain_owner;

\ir ../../views/governance/active_proposals.sql

COMMIT;
