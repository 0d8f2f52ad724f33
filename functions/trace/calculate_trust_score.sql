-- trace.calculate_trust_score(p_user_id) → numeric(5,2), 0..100
--   Seed calculate_trust_score(): "Calculate user trust score"; the seed gives no formula, this is
--   the upstream one (D-T9), computed live (not from the compliance_summary matview):
--     products    = active products the user manufactures
--     checkpoints = checkpoints recorded on those products (by anyone)
--     base        = least(50, 2 × products + 0.5 × checkpoints)
--     bonus       = 0.5 × average compliance score of those products that have checks, where a
--                   product's compliance score = 100 × passed checks / all its checks
--                   (0 when none of them has a check)
--     score       = round(least(100, base + bonus), 2)
--   0 for an unknown user or one without active products.
--
-- trace.calculate_product_trust_score(p_product_id) → numeric(5,2), 0..100, NULL for an unknown
--   product. The seed has product_analytics.trust_score but no formula anywhere; PROJECT CHOICE
--   (D-T9): round(0.6 × compliance score + 0.4 × 100 × (active standards with a current
--   certificate) / (active standards), 2), a missing part counting 0, clamped to 0..100.
--
-- Both STABLE, security invoker: they read only public traceability and compliance data
-- (chain_user reads all of it); analytics.update_analytics (definer, chain_owner) calls them
-- through the *_select_owner policies.
SET LOCAL search_path = pg_catalog, pg_temp;  -- resolve nothing through a schema someone else can write

CREATE FUNCTION trace.calculate_trust_score(p_user_id bigint)
RETURNS numeric(5, 2)
LANGUAGE sql
STABLE
SET search_path = pg_catalog, pg_temp
AS $$
    WITH mine AS (
        SELECT p.product_id
          FROM trace.products AS p
         WHERE p.manufacturer_id = p_user_id AND p.is_active
    ), counts AS (
        SELECT (SELECT pg_catalog.count(*) FROM mine) AS products,
               (SELECT pg_catalog.count(*) FROM trace.checkpoints AS c JOIN mine USING (product_id)) AS checkpoints
    ), scores AS (
        SELECT 100.0 * pg_catalog.count(*) FILTER (WHERE k.compliance_status = 'passed') / pg_catalog.count(*) AS score
          FROM compliance.checkpoint_checks AS k JOIN mine USING (product_id)
         GROUP BY k.product_id
    )
    SELECT pg_catalog.round(LEAST(100,
               LEAST(50, 2 * n.products + 0.5 * n.checkpoints)
               + 0.5 * COALESCE((SELECT pg_catalog.avg(s.score) FROM scores AS s), 0)), 2)::numeric(5, 2)
      FROM counts AS n
$$;
COMMENT ON FUNCTION trace.calculate_trust_score(bigint) IS
    'Seed calculate_trust_score(): user trust score 0..100 = round(least(100, least(50, 2 × active products manufactured + 0.5 × checkpoints on them) + 0.5 × average compliance score of those products with checks (100 × passed / all checks; 0 when none has checks)), 2). Upstream formula (D-T9), computed live.';
REVOKE ALL ON FUNCTION trace.calculate_trust_score(bigint) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION trace.calculate_trust_score(bigint) TO chain_app, chain_user, chain_readonly, chain_analytics;

CREATE FUNCTION trace.calculate_product_trust_score(p_product_id bigint)
RETURNS numeric(5, 2)
LANGUAGE sql
STABLE
SET search_path = pg_catalog, pg_temp
AS $$
    SELECT pg_catalog.round(GREATEST(0, LEAST(100,
               0.6 * COALESCE((SELECT 100.0 * pg_catalog.count(*) FILTER (WHERE k.compliance_status = 'passed')
                                       / NULLIF(pg_catalog.count(*), 0)
                                 FROM compliance.checkpoint_checks AS k WHERE k.product_id = p.product_id), 0)
             + 0.4 * COALESCE((SELECT 100.0 * pg_catalog.count(*) FILTER (
                                         WHERE EXISTS (SELECT 1 FROM compliance.certifications AS ce
                                                        WHERE ce.product_id = p.product_id AND ce.standard_id = s.id
                                                          AND ce.is_valid
                                                          AND compliance.is_certification_current(ce)))
                                       / NULLIF(pg_catalog.count(*), 0)
                                 FROM compliance.standards AS s WHERE s.is_active), 0))), 2)::numeric(5, 2)
      FROM trace.products AS p
     WHERE p.product_id = p_product_id
$$;
COMMENT ON FUNCTION trace.calculate_product_trust_score(bigint) IS
    'Product trust score 0..100 (product_analytics.trust_score; PROJECT CHOICE, the seed has no formula, D-T9) = round(0.6 × compliance score (100 × passed / all checks) + 0.4 × 100 × active standards with a current certificate / active standards, 2); a missing part counts 0; clamped 0..100; NULL for an unknown product.';
REVOKE ALL ON FUNCTION trace.calculate_product_trust_score(bigint) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION trace.calculate_product_trust_score(bigint) TO chain_app, chain_user, chain_readonly, chain_analytics;
