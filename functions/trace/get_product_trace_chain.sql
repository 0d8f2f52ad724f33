-- trace.get_product_trace_chain(p_product_id) → the product's traceability chain, step by step.
--   Seed get_product_trace_chain(): "Get complete traceability chain". One row per checkpoint in
--   sequence_order (1..n), read through traceability_chain_product_sequence_key, with the
--   checkpoint's data and the recording stakeholder's id, role and wallet (core.users has no
--   display name: D-T6). Empty for an unknown product.
--   SECURITY DEFINER: the chain is public traceability data, but an end user sees only its own
--   core.users row, and the stakeholders' wallets are part of the public chain (they are on-chain
--   anyway); it returns nothing else of core.users.
SET LOCAL search_path = pg_catalog, pg_temp;  -- resolve nothing through a schema someone else can write

CREATE FUNCTION trace.get_product_trace_chain(p_product_id bigint)
RETURNS TABLE (
    sequence_order      integer,
    checkpoint_id       bigint,
    "timestamp"         timestamptz,
    location            text,
    stakeholder_id      bigint,
    stakeholder_role    trace.stakeholder_role,
    stakeholder_wallet  core.wallet_address,
    status              trace.checkpoint_status,
    temperature         numeric,
    humidity            numeric,
    duration_hours      numeric,
    additional_data     jsonb)
LANGUAGE sql
STABLE
SECURITY DEFINER
SET search_path = pg_catalog, pg_temp
AS $$
    SELECT t.sequence_order, t.checkpoint_id, c."timestamp", c.location, t.to_stakeholder_id, s.role,
           u.wallet_address, c.status, c.temperature, c.humidity, t.duration_hours, c.additional_data
      FROM trace.traceability_chain AS t
      JOIN trace.checkpoints AS c ON c.id = t.checkpoint_id
      JOIN trace.stakeholders AS s ON s.id = t.to_stakeholder_id
      JOIN core.users AS u ON u.id = s.user_id
     WHERE t.product_id = p_product_id
     ORDER BY t.sequence_order
$$;
COMMENT ON FUNCTION trace.get_product_trace_chain(bigint) IS
    'Seed get_product_trace_chain(): the product''s traceability chain in sequence_order (1..n) with checkpoint data and the recording stakeholder''s id, role and wallet (D-T6: no display name). Empty for an unknown product. SECURITY DEFINER (wallets of other users); index-served by traceability_chain_product_sequence_key.';
REVOKE ALL ON FUNCTION trace.get_product_trace_chain(bigint) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION trace.get_product_trace_chain(bigint) TO chain_app, chain_user, chain_readonly;
