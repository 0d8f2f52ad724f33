-- Revert chaindb:governance/active_proposals from pg

BEGIN;

DROP VIEW governance.active_proposals;

COMMIT;
