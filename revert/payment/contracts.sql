-- Revert chaindb:payment/contracts from pg

BEGIN;

SELECT audit.disable_tracking('payment.contracts');
DROP TABLE payment.contracts;

COMMIT;
