-- payment.check_escrow_total() → trigger (BEFORE INSERT OR UPDATE OF amount, status,
--   payment_contract_id ON payment.escrow_transactions, row)
--   Locks the contract row (FOR NO KEY UPDATE: concurrent escrow writers of one contract queue, so
--   two inserts cannot both see room for themselves), then raises check_violation (23514) when the
--   amounts of the contract's other counted escrow transactions (status not failed/cancelled) plus
--   this one exceed the contract amount. A failed or cancelled row is not counted and never
--   rejected. Runs as the writer (chain_app; the manufacturing milestones precedent).
--
-- payment.check_contract_amount() → trigger (BEFORE UPDATE OF amount ON payment.contracts, row,
--   when the amount decreases): rejects (23514) an amount below the counted escrow total. The
--   contract row being updated is already locked by the UPDATE itself.
SET LOCAL search_path = pg_catalog, pg_temp;  -- resolve nothing through a schema someone else can write

CREATE FUNCTION payment.check_escrow_total()
RETURNS trigger
LANGUAGE plpgsql
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    v_total numeric;
    v_other numeric;
BEGIN
    IF NEW.status IN ('failed', 'cancelled') THEN
        RETURN NEW;
    END IF;
    SELECT c.amount INTO v_total
      FROM payment.contracts AS c
     WHERE c.id = NEW.payment_contract_id
       FOR NO KEY UPDATE;
    IF NOT FOUND THEN
        RETURN NEW;  -- the foreign key reports the missing contract
    END IF;
    SELECT COALESCE(pg_catalog.sum(e.amount), 0) INTO v_other
      FROM payment.escrow_transactions AS e
     WHERE e.payment_contract_id = NEW.payment_contract_id
       AND e.status NOT IN ('failed', 'cancelled')
       AND e.id IS DISTINCT FROM NEW.id;
    IF v_other + NEW.amount > v_total THEN
        RAISE EXCEPTION 'payment.escrow_transactions: escrow amounts % + % exceed the amount % of contract %',
                        v_other, NEW.amount, v_total, NEW.payment_contract_id
            USING ERRCODE = 'check_violation', CONSTRAINT = 'escrow_transactions_within_contract';
    END IF;
    RETURN NEW;
END
$$;
COMMENT ON FUNCTION payment.check_escrow_total() IS
    'Trigger: locks the payment contract and rejects (23514) escrow transactions whose counted amounts (not failed/cancelled) would exceed the contract amount.';
REVOKE ALL ON FUNCTION payment.check_escrow_total() FROM PUBLIC;

CREATE FUNCTION payment.check_contract_amount()
RETURNS trigger
LANGUAGE plpgsql
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    v_escrowed numeric;
BEGIN
    SELECT COALESCE(pg_catalog.sum(e.amount), 0) INTO v_escrowed
      FROM payment.escrow_transactions AS e
     WHERE e.payment_contract_id = NEW.id
       AND e.status NOT IN ('failed', 'cancelled');
    IF v_escrowed > NEW.amount THEN
        RAISE EXCEPTION 'payment.contracts: amount % of contract % is below its escrowed total %',
                        NEW.amount, NEW.id, v_escrowed
            USING ERRCODE = 'check_violation', CONSTRAINT = 'contracts_amount_covers_escrow';
    END IF;
    RETURN NEW;
END
$$;
COMMENT ON FUNCTION payment.check_contract_amount() IS
    'Trigger: rejects (23514) lowering a payment contract''s amount below the sum of its counted escrow transactions.';
REVOKE ALL ON FUNCTION payment.check_contract_amount() FROM PUBLIC;
