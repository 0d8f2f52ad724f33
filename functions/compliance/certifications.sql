-- compliance.is_certification_current(c compliance.certifications) → boolean
--   The date-aware validity rule: is_valid AND issued_at <= now() AND (expires_at IS NULL OR
--   expires_at > now()). STABLE (now()), so it cannot be a generated column.
SET LOCAL search_path = pg_catalog, pg_temp;  -- resolve nothing through a schema someone else can write

CREATE FUNCTION compliance.is_certification_current(c compliance.certifications)
RETURNS boolean
LANGUAGE sql
STABLE
SET search_path = pg_catalog, pg_temp
AS $$
    SELECT c.is_valid AND c.issued_at <= pg_catalog.now() AND (c.expires_at IS NULL OR c.expires_at > pg_catalog.now())
$$;
COMMENT ON FUNCTION compliance.is_certification_current(compliance.certifications) IS
    'Date-aware validity: is_valid, already issued and not expired (expires_at NULL or in the future). NULL for a NULL row.';
REVOKE ALL ON FUNCTION compliance.is_certification_current(compliance.certifications) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION compliance.is_certification_current(compliance.certifications) TO chain_app, chain_user, chain_readonly;
