-- memory.reserve_leaves(p_tree text, p_count int) → bigint
--   Reserves p_count consecutive leaves of an active tree and returns the index of the first
--   (0-based). One UPDATE … WHERE current_size + p_count <= capacity … RETURNING: concurrent
--   callers queue on the tree's row lock and each re-checks the room left after the one before
--   it committed (READ COMMITTED re-evaluation), so two reservations never overlap and the leaf
--   count never passes the capacity (merkle_trees_size_within_capacity backs it up). The
--   reservation that fills the tree sets status 'full'.
--   Errors: p_count not positive → 22023; unknown tree → P0002; tree not active or without
--   p_count free leaves → 55000 (object_not_in_prerequisite_state), saying how many are left.
--   SECURITY INVOKER (chain_app updates trees under its own policies); EXECUTE: chain_app.
SET LOCAL search_path = pg_catalog, pg_temp;  -- resolve nothing through a schema someone else can write

CREATE FUNCTION memory.reserve_leaves(p_tree text, p_count integer)
RETURNS bigint
LANGUAGE plpgsql
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    v_first  bigint;
    v_tree   record;
BEGIN
    IF p_count IS NULL OR p_count < 1 THEN
        RAISE EXCEPTION 'memory.reserve_leaves: p_count must be 1 or more, not %', p_count
            USING ERRCODE = 'invalid_parameter_value';
    END IF;
    UPDATE memory.merkle_trees AS t
       SET current_size = t.current_size + p_count,
           last_mint_at = pg_catalog.now(),
           status = CASE WHEN t.current_size + p_count = t.capacity THEN 'full'::memory.tree_status ELSE t.status END
     WHERE t.tree_address = p_tree
       AND t.status = 'active'
       AND t.current_size + p_count <= t.capacity
    RETURNING t.current_size - p_count INTO v_first;
    IF FOUND THEN
        RETURN v_first;
    END IF;
    SELECT t.status, t.current_size, t.capacity INTO v_tree FROM memory.merkle_trees AS t WHERE t.tree_address = p_tree;
    IF NOT FOUND THEN
        RAISE EXCEPTION 'memory.reserve_leaves: no Merkle tree %', p_tree USING ERRCODE = 'no_data_found';
    END IF;
    RAISE EXCEPTION 'memory.reserve_leaves: tree % is % with % of % leaves used; % more do not fit',
                    p_tree, v_tree.status, v_tree.current_size, v_tree.capacity, p_count
        USING ERRCODE = 'object_not_in_prerequisite_state',
              HINT = 'Reserve in an active tree with room (memory.merkle_trees_active_utilization_idx lists them).';
END
$$;
COMMENT ON FUNCTION memory.reserve_leaves(text, integer) IS
    'Atomically reserves p_count leaves of an active tree, returns the first leaf index; never past capacity under concurrency; sets full at capacity; 55000 when they do not fit.';
REVOKE ALL ON FUNCTION memory.reserve_leaves(text, integer) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION memory.reserve_leaves(text, integer) TO chain_app;
