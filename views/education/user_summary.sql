-- education.user_summary [user_education_summary] — education progress per user, and whether the
-- user is READY FOR TRADING:
--     ready_for_trading  ⇔  at least one module is published and required, and the user has
--                           completed every published required module (education.modules
--                           is_published AND is_required) with quiz_score >= its min_quiz_score.
-- One row per user visible to the caller: security_invoker, so an end user gets its own row only
-- (RLS of core.users and education.progress), chain_app and chain_readonly every user.
-- Drafts (unpublished modules) count nowhere for end users (modules' RLS hides them).

SET LOCAL search_path = pg_catalog, pg_temp;  -- resolve nothing through a schema someone else can write
CREATE VIEW education.user_summary WITH (security_invoker = true) AS
SELECT u.id                                            AS user_id,
       r.required_modules,
       s.required_passed,
       s.modules_started,
       s.modules_completed,
       s.average_score,
       COALESCE(s.total_attempts, 0)                   AS total_attempts,
       s.last_completed_at,
       (r.required_modules > 0 AND s.required_passed = r.required_modules) AS ready_for_trading
  FROM core.users AS u
 CROSS JOIN (SELECT pg_catalog.count(*)::integer AS required_modules
               FROM education.modules WHERE is_published AND is_required) AS r
 CROSS JOIN LATERAL (
        SELECT pg_catalog.count(*) FILTER (WHERE p.status IN ('in_progress', 'completed'))::integer AS modules_started,
               pg_catalog.count(*) FILTER (WHERE p.status = 'completed')::integer AS modules_completed,
               pg_catalog.count(*) FILTER (WHERE p.status = 'completed' AND m.is_published AND m.is_required
                                           AND p.quiz_score >= m.min_quiz_score)::integer AS required_passed,
               pg_catalog.round(pg_catalog.avg(p.quiz_score), 2) AS average_score,
               pg_catalog.sum(p.attempts)::integer AS total_attempts,
               pg_catalog.max(p.completed_at) AS last_completed_at
          FROM education.progress AS p
          JOIN education.modules AS m ON m.id = p.module_id
         WHERE p.user_id = u.id) AS s;

COMMENT ON VIEW education.user_summary IS
    'Education progress per user [user_education_summary]; ready_for_trading = every published required module completed with at least its pass mark (and there is at least one). security_invoker.';
COMMENT ON COLUMN education.user_summary.user_id IS 'The user.';
COMMENT ON COLUMN education.user_summary.required_modules IS 'Published required modules (the same for every user).';
COMMENT ON COLUMN education.user_summary.required_passed IS 'Of those, completed by the user with at least the pass mark.';
COMMENT ON COLUMN education.user_summary.modules_started IS 'Modules in progress or completed.';
COMMENT ON COLUMN education.user_summary.modules_completed IS 'Modules completed.';
COMMENT ON COLUMN education.user_summary.average_score IS 'Mean quiz score over graded modules (2 decimals), NULL when none.';
COMMENT ON COLUMN education.user_summary.total_attempts IS 'Quiz attempts over all modules.';
COMMENT ON COLUMN education.user_summary.last_completed_at IS 'Latest completion.';
COMMENT ON COLUMN education.user_summary.ready_for_trading IS 'True when every published required module is passed (see the view comment).';

-- read-only view: no DML for the backend (default privileges gave it), SELECT for end users
REVOKE INSERT, UPDATE, DELETE ON education.user_summary FROM chain_app;
GRANT SELECT ON education.user_summary TO chain_user;
