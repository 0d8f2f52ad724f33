-- Revert chaindb:payment/escrow_transactions from pg

BEGIN;

SELECT audit.disable_tracking('payment.escrow_transactions');
DROP TRIGGER contracts_amount_covers_escrow ON payment.contracts;
DROP TABLE payment.escrow_transactions;
DROP FUNCTION payment.check_contract_amount();
DROP FUNCTION payment.check_escrow_total();

COMMIT;
