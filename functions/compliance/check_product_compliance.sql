-- compliance.check_product_compliance(p_product_id) → one row per ACTIVE standard, by standard_name
--   Seed check_product_compliance(): "Check product compliance status".
--   * compliance_status: the status of the product's LATEST check against the standard
--     (checked_at, then id), or 'not_checked' (hence text); one index probe of
--     checkpoint_checks_product_standard_checked_idx per standard (the upstream double LEFT JOIN
--     duplicated rows when a standard had several checks);
--   * certification_number / certificate_expires_at: the product's current certificate for the
--     standard if there is one, else its most recently issued one (expired, revoked or not yet
--     valid), else NULL; certificate_valid applies the date-aware rule
--     (compliance.is_certification_current), false without a certificate.
--   Empty for an unknown product. Security invoker: compliance data is public to every role that
--   may call it.
SET LOCAL search_path = pg_catalog, pg_temp;  -- resolve nothing through a schema someone else can write

CREATE FUNCTION compliance.check_product_compliance(p_product_id bigint)
RETURNS TABLE (
    standard_id             bigint,
    standard_code           text,
    standard_name           text,
    compliance_status       text,
    last_checked_at         timestamptz,
    certification_number    text,
    certificate_valid       boolean,
    certificate_expires_at  timestamptz)
LANGUAGE sql
STABLE
SET search_path = pg_catalog, pg_temp
AS $$
    SELECT s.id, s.standard_code, s.standard_name,
           COALESCE(k.compliance_status::text, 'not_checked'), k.checked_at,
           c.certification_number, COALESCE(c.is_current, false), c.expires_at
      FROM compliance.standards AS s
      LEFT JOIN LATERAL (
            SELECT cc.compliance_status, cc.checked_at
              FROM compliance.checkpoint_checks AS cc
             WHERE cc.product_id = p_product_id AND cc.standard_id = s.id
             ORDER BY cc.checked_at DESC, cc.id DESC
             LIMIT 1) AS k ON true
      LEFT JOIN LATERAL (
            SELECT ce.certification_number, ce.expires_at, compliance.is_certification_current(ce) AS is_current
              FROM compliance.certifications AS ce
             WHERE ce.product_id = p_product_id AND ce.standard_id = s.id
             ORDER BY compliance.is_certification_current(ce) DESC, ce.issued_at DESC, ce.id DESC
             LIMIT 1) AS c ON true
     WHERE s.is_active
       AND EXISTS (SELECT 1 FROM trace.products AS p WHERE p.product_id = p_product_id)
     ORDER BY s.standard_name, s.id
$$;
COMMENT ON FUNCTION compliance.check_product_compliance(bigint) IS
    'Seed check_product_compliance(): one row per active standard (by name): the latest check''s status or ''not_checked'', and the current certificate (else the latest issued) with certificate_valid by the date-aware rule (false without one). Empty for an unknown product.';
REVOKE ALL ON FUNCTION compliance.check_product_compliance(bigint) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION compliance.check_product_compliance(bigint) TO chain_app, chain_user, chain_readonly;
