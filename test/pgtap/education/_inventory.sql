-- pgTAP: education — every object of the schema, so an unexpected one fails.
BEGIN;
SELECT plan(5);

SELECT tables_are('education', ARRAY['modules', 'module_prerequisites', 'progress', 'practice_sessions'], 'education: exactly these tables');
SELECT views_are('education', ARRAY['user_summary'], 'education: exactly these views');
SELECT materialized_views_are('education', ARRAY[]::name[], 'education: no materialized views');
SELECT functions_are('education', ARRAY['check_prerequisite_cycle', 'check_module_unlock', 'grade_quiz', 'quiz_without_answers'],
                     'education: exactly these functions (education.check_prerequisite_cycle, education.check_module_unlock)');
SELECT enums_are('education', ARRAY['module_difficulty', 'progress_status', 'practice_status'], 'education: exactly these enums');

SELECT * FROM finish();
ROLLBACK;
