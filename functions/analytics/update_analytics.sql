-- analytics.update_analytics() → TABLE(products_upserted int, users_upserted int)
--   Seed update_analytics(): "Update analytics tables". D-T14: each aggregate is computed once, by
--   the materialized views; this function copies them into the analytics tables, so refresh the
--   views first (maint.run_maintenance does: refresh, then update_analytics):
--     product_analytics ← product_traceability_summary ⋈ compliance_summary, trust_score =
--                         trace.calculate_product_trust_score(product_id) (live)
--     user_analytics    ← user_activity_summary, trust_rating = trace.calculate_trust_score(user_id)
--                         (live); only users with some TraceChain activity (products, checkpoints,
--                         points or token transactions): core.users serves every platform.
--   Upserts by primary key and writes a row only when something changed (ON CONFLICT ... WHERE
--   old IS DISTINCT FROM new), so it is idempotent: a second run without new data changes nothing
--   and returns (0, 0). Returns how many rows were inserted or changed. Rows of deleted products
--   and users go by CASCADE. SECURITY DEFINER (chain_owner: it alone writes analytics); EXECUTE
--   for chain_analytics and chain_app.
SET LOCAL search_path = pg_catalog, pg_temp;  -- resolve nothing through a schema someone else can write

CREATE FUNCTION analytics.update_analytics()
RETURNS TABLE (products_upserted integer, users_upserted integer)
LANGUAGE plpgsql
SECURITY DEFINER
SET search_path = pg_catalog, pg_temp
AS $$
BEGIN
    WITH src AS (
        SELECT t.product_id, t.total_checkpoints, t.total_stakeholders, t.trace_duration_hours, c.compliance_score,
               trace.calculate_product_trust_score(t.product_id) AS trust_score, t.last_checkpoint_at
          FROM analytics.product_traceability_summary AS t
          LEFT JOIN analytics.compliance_summary AS c ON c.product_id = t.product_id
         WHERE EXISTS (SELECT 1 FROM trace.products AS p WHERE p.product_id = t.product_id)
    ), up AS (
        INSERT INTO analytics.product_analytics AS a (product_id, total_checkpoints, total_stakeholders,
                                                      trace_duration_hours, compliance_score, trust_score,
                                                      last_checkpoint_at)
        SELECT * FROM src
        ON CONFLICT (product_id) DO UPDATE
           SET total_checkpoints = excluded.total_checkpoints, total_stakeholders = excluded.total_stakeholders,
               trace_duration_hours = excluded.trace_duration_hours, compliance_score = excluded.compliance_score,
               trust_score = excluded.trust_score, last_checkpoint_at = excluded.last_checkpoint_at,
               updated_at = pg_catalog.now()
         WHERE (a.total_checkpoints, a.total_stakeholders, a.trace_duration_hours, a.compliance_score, a.trust_score,
                a.last_checkpoint_at)
               IS DISTINCT FROM
               (excluded.total_checkpoints, excluded.total_stakeholders, excluded.trace_duration_hours,
                excluded.compliance_score, excluded.trust_score, excluded.last_checkpoint_at)
        RETURNING 1
    )
    SELECT pg_catalog.count(*)::integer INTO products_upserted FROM up;

    WITH src AS (
        SELECT s.user_id, s.total_products, s.total_checkpoints, s.total_trace_points, s.total_trace_tokens,
               trace.calculate_trust_score(s.user_id) AS trust_rating, s.last_activity_at
          FROM analytics.user_activity_summary AS s
         WHERE s.last_activity_at IS NOT NULL
           AND EXISTS (SELECT 1 FROM core.users AS u WHERE u.id = s.user_id)
    ), up AS (
        INSERT INTO analytics.user_analytics AS a (user_id, total_products, total_checkpoints, total_trace_points,
                                                   total_trace_tokens, trust_rating, last_activity_at)
        SELECT * FROM src
        ON CONFLICT (user_id) DO UPDATE
           SET total_products = excluded.total_products, total_checkpoints = excluded.total_checkpoints,
               total_trace_points = excluded.total_trace_points, total_trace_tokens = excluded.total_trace_tokens,
               trust_rating = excluded.trust_rating, last_activity_at = excluded.last_activity_at,
               updated_at = pg_catalog.now()
         WHERE (a.total_products, a.total_checkpoints, a.total_trace_points, a.total_trace_tokens, a.trust_rating,
                a.last_activity_at)
               IS DISTINCT FROM
               (excluded.total_products, excluded.total_checkpoints, excluded.total_trace_points,
                excluded.total_trace_tokens, excluded.trust_rating, excluded.last_activity_at)
        RETURNING 1
    )
    SELECT pg_catalog.count(*)::integer INTO users_upserted FROM up;

    RETURN NEXT;
END
$$;
COMMENT ON FUNCTION analytics.update_analytics() IS
    'Seed update_analytics(): upserts analytics.product_analytics and analytics.user_analytics from the refreshed matviews (D-T14; refresh them first) with live trust scores; writes only changed rows, so it is idempotent (a repeat returns 0, 0). Returns the rows inserted or changed. SECURITY DEFINER.';
REVOKE ALL ON FUNCTION analytics.update_analytics() FROM PUBLIC;
GRANT EXECUTE ON FUNCTION analytics.update_analytics() TO chain_analytics, chain_app;
