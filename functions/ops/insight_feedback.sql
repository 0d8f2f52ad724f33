-- ops.upsert_insight_feedback(p_insight_id, p_user_id, p_rating, p_comment, p_flag_type, p_flag_reason) → uuid
--   The seed's write pattern "upsert on user-insight combination": inserts the feedback of
--   p_user_id on p_insight_id, or merges it into the existing row (decision D-O6): a NULL
--   argument keeps the stored value, so a later flag does not erase an earlier rating. Returns
--   the row's id (the same id on every later call for the pair). Constraints apply as for a
--   plain INSERT (rating 1..5, flag type, a flag reason only with a flag).
--   One statement (INSERT … ON CONFLICT ON CONSTRAINT uq_insight_user_feedback DO UPDATE), so
--   concurrent calls for one pair never fail on the unique constraint.
--   SECURITY INVOKER: the caller's privileges and policies apply (chain_app).
CREATE FUNCTION ops.upsert_insight_feedback(
    p_insight_id  varchar,
    p_user_id     varchar,
    p_rating      integer DEFAULT NULL,
    p_comment     text DEFAULT NULL,
    p_flag_type   varchar DEFAULT NULL,
    p_flag_reason text DEFAULT NULL)
RETURNS uuid
LANGUAGE sql
SET search_path = pg_catalog, pg_temp
AS $$
    INSERT INTO ops.insight_feedback AS f (insight_id, user_id, rating, comment, flag_type, flag_reason)
    VALUES (p_insight_id, p_user_id, p_rating, p_comment, p_flag_type, p_flag_reason)
    ON CONFLICT ON CONSTRAINT uq_insight_user_feedback DO UPDATE
       SET rating      = COALESCE(EXCLUDED.rating, f.rating),
           comment     = COALESCE(EXCLUDED.comment, f.comment),
           flag_type   = COALESCE(EXCLUDED.flag_type, f.flag_type),
           flag_reason = COALESCE(EXCLUDED.flag_reason, f.flag_reason)
    RETURNING f.id
$$;
COMMENT ON FUNCTION ops.upsert_insight_feedback(varchar, varchar, integer, text, varchar, text) IS
    'Seed 003 upsert on (insight_id, user_id): inserts, or merges into the existing feedback (NULL arguments keep stored values, D-O6); returns the feedback id.';
REVOKE ALL ON FUNCTION ops.upsert_insight_feedback(varchar, varchar, integer, text, varchar, text) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION ops.upsert_insight_feedback(varchar, varchar, integer, text, varchar, text) TO chain_app;
