-- Deploy chaindb:payment/escrow_transactions to pg
-- requires: payment/contracts

BEGIN;

SET LOCAL search_path = pg_catalog, pg_temp;  -- resolve nothing through a schema someone else can write

SET LOCAL ROLE chain_owner;

CREATE TABLE payment.escrow_transactions (
    id                   bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    payment_contract_id  bigint NOT NULL REFERENCES payment.contracts (id),
    amount               numeric(36, 18) NOT NULL CHECK (amount > 0),
    status               token.transaction_status NOT NULL DEFAULT 'pending',
    created_at           timestamptz NOT NULL DEFAULT pg_catalog.now(),
    released_at          timestamptz,
    released_by          bigint REFERENCES core.users (id),
    tx_hash              text UNIQUE CHECK (tx_hash ~ '^0x[0-9a-f]{64}$'),
    metadata             jsonb NOT NULL DEFAULT '{}' CHECK (pg_catalog.jsonb_typeof(metadata) = 'object'),
    CONSTRAINT escrow_transactions_release_consistent CHECK ((released_at IS NULL) = (released_by IS NULL))
);
CREATE INDEX escrow_transactions_payment_contract_id_idx ON payment.escrow_transactions (payment_contract_id);
CREATE INDEX escrow_transactions_status_idx ON payment.escrow_transactions (status);
CREATE INDEX escrow_transactions_released_by_idx ON payment.escrow_transactions (released_by);

\ir ../../functions/payment/escrow_transactions.sql

CREATE TRIGGER escrow_transactions_within_contract BEFORE INSERT OR UPDATE OF amount, status, payment_contract_id
    ON payment.escrow_transactions
    FOR EACH ROW EXECUTE FUNCTION payment.check_escrow_total();
CREATE TRIGGER contracts_amount_covers_escrow BEFORE UPDATE OF amount ON payment.contracts
    FOR EACH ROW WHEN (NEW.amount < OLD.amount) EXECUTE FUNCTION payment.check_contract_amount();

COMMENT ON TABLE payment.escrow_transactions IS 'Seed escrow_transactions: funds moved into or released from a payment contract''s escrow. The amounts of a contract''s non-failed, non-cancelled escrow transactions never sum above the contract amount (locking triggers on both tables). History (RESTRICT). Audited. RLS: the contract''s two parties read them.';
COMMENT ON COLUMN payment.escrow_transactions.id IS 'Identity.';
COMMENT ON COLUMN payment.escrow_transactions.payment_contract_id IS 'The contract (RESTRICT).';
COMMENT ON COLUMN payment.escrow_transactions.amount IS 'Amount, > 0, in the contract''s currency.';
COMMENT ON COLUMN payment.escrow_transactions.status IS 'pending, confirmed, failed or cancelled; failed and cancelled ones do not count towards the contract amount.';
COMMENT ON COLUMN payment.escrow_transactions.created_at IS 'When it was recorded.';
COMMENT ON COLUMN payment.escrow_transactions.released_at IS 'When it was released to the seller; set together with released_by.';
COMMENT ON COLUMN payment.escrow_transactions.released_by IS 'Who released it.';
COMMENT ON COLUMN payment.escrow_transactions.tx_hash IS 'Transaction hash, 0x + 64 lower-case hex; unique.';
COMMENT ON COLUMN payment.escrow_transactions.metadata IS 'Further data as a JSON object.';
COMMENT ON CONSTRAINT escrow_transactions_release_consistent ON payment.escrow_transactions IS 'released_at and released_by are set together.';
COMMENT ON INDEX payment.escrow_transactions_payment_contract_id_idx IS 'Escrow transactions of a contract (seed index; FK; RLS; the total check).';
COMMENT ON INDEX payment.escrow_transactions_status_idx IS 'Escrow transactions by status (seed index).';
COMMENT ON INDEX payment.escrow_transactions_released_by_idx IS 'FK to core.users (released_by).';
COMMENT ON TRIGGER escrow_transactions_within_contract ON payment.escrow_transactions IS 'Locks the contract and rejects (23514) escrow amounts above the contract amount.';
COMMENT ON TRIGGER contracts_amount_covers_escrow ON payment.contracts IS 'Rejects (23514) lowering a contract amount below its counted escrow total.';

\ir ../../roles/payment/escrow_transactions.sql

SELECT audit.enable_tracking('payment.escrow_transactions');

COMMIT;
