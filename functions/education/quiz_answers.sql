-- The quiz answer key, kept from end users and reporting.
--
-- education.quiz_without_answers(p_quiz jsonb) → jsonb  IMMUTABLE
--   The quiz with the "answer" of every question removed (everything else kept): the expression
--   of the generated column education.modules.quiz_questions, the one chain_user and
--   chain_readonly read (column privileges hide education.modules.quiz from them).
-- education.grade_quiz(p_module_id bigint, p_answers jsonb) → smallint
--   The score (0..100, rounded) of a submission: p_answers is a JSON array, one answer per
--   question in order, compared with the key as JSON values (type and case count); a missing
--   answer is wrong; a quiz without questions scores 100. SQLSTATE 22023 when p_answers is not an
--   array, P0002 for an unknown module (or one the caller cannot see). SECURITY INVOKER: it
--   reads the key with the caller's privileges, which only chain_app (and the owner's
--   superuser) hold; STABLE, search_path pinned. Executable by chain_app only: the backend
--   grades and records the attempt (education.progress quiz_score, attempts, status); an end
--   user that could call it could probe the key one answer at a time.
SET LOCAL search_path = pg_catalog, pg_temp;  -- resolve nothing through a schema someone else can write

CREATE FUNCTION education.quiz_without_answers(p_quiz jsonb)
RETURNS jsonb
LANGUAGE sql
IMMUTABLE
PARALLEL SAFE
SET search_path = pg_catalog, pg_temp
AS $$
    SELECT CASE WHEN pg_catalog.jsonb_typeof(p_quiz -> 'questions') = 'array'
                THEN pg_catalog.jsonb_set(p_quiz, '{questions}',
                         COALESCE((SELECT pg_catalog.jsonb_agg(CASE WHEN pg_catalog.jsonb_typeof(q.value) = 'object'
                                                                    THEN q.value OPERATOR(pg_catalog.-) 'answer'
                                                                    ELSE q.value END ORDER BY q.ordinality)
                                     FROM pg_catalog.jsonb_array_elements(p_quiz -> 'questions') WITH ORDINALITY AS q),
                                  '[]'::jsonb))
                ELSE p_quiz END
$$;
COMMENT ON FUNCTION education.quiz_without_answers(jsonb) IS
    'A quiz without its answer key (every question''s "answer" removed); the expression of education.modules.quiz_questions.';
REVOKE ALL ON FUNCTION education.quiz_without_answers(jsonb) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION education.quiz_without_answers(jsonb) TO chain_app, chain_user, chain_readonly;

CREATE FUNCTION education.grade_quiz(p_module_id bigint, p_answers jsonb)
RETURNS smallint
LANGUAGE plpgsql
STABLE
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    v_questions jsonb;
    v_total     integer;
    v_right     integer;
BEGIN
    IF pg_catalog.jsonb_typeof(p_answers) IS DISTINCT FROM 'array' THEN
        RAISE EXCEPTION 'education.grade_quiz: the answers must be a JSON array, one answer per question'
            USING ERRCODE = 'invalid_parameter_value';
    END IF;
    SELECT m.quiz -> 'questions' INTO v_questions FROM education.modules AS m WHERE m.id = p_module_id;
    IF NOT FOUND THEN
        RAISE EXCEPTION 'education.grade_quiz: module % does not exist', p_module_id
            USING ERRCODE = 'no_data_found';
    END IF;
    v_total := pg_catalog.jsonb_array_length(v_questions);
    IF v_total = 0 THEN
        RETURN 100;
    END IF;
    SELECT pg_catalog.count(*) INTO v_right
      FROM pg_catalog.jsonb_array_elements(v_questions) WITH ORDINALITY AS q (question, n)
     WHERE (p_answers -> (q.n::integer - 1)) OPERATOR(pg_catalog.=) (q.question -> 'answer');
    RETURN pg_catalog.round(100.0 * v_right / v_total)::smallint;
END
$$;
COMMENT ON FUNCTION education.grade_quiz(bigint, jsonb) IS
    'Score 0..100 of a quiz submission (a JSON array of answers in question order) against the hidden answer key; chain_app only.';
REVOKE ALL ON FUNCTION education.grade_quiz(bigint, jsonb) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION education.grade_quiz(bigint, jsonb) TO chain_app;
