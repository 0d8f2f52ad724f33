-- Revert chaindb:manufacturing/quality_assurance from pg

BEGIN;

DROP TABLE manufacturing.quality_assurance;
DROP TYPE manufacturing.qa_result;

COMMIT;
