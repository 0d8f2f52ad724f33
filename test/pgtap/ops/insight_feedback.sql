-- pgTAP: ops/insight_feedback — ops.insight_feedback (seed 003) and the merging upsert ops.upsert_insight_feedback().
BEGIN;
SELECT plan(61);

SELECT tests.table_conventions('ops.insight_feedback');
SELECT tests.function_conventions('ops.upsert_insight_feedback(varchar, varchar, integer, text, varchar, text)');

SELECT has_table('ops', 'insight_feedback', 'ops.insight_feedback: exists');
SELECT table_owner_is('ops', 'insight_feedback', 'chain_owner', 'ops.insight_feedback: owned by chain_owner');
SELECT ok(pg_catalog.obj_description('ops.insight_feedback'::regclass, 'pg_class') IS NOT NULL, 'ops.insight_feedback: has a comment');
SELECT is(ARRAY(SELECT a.attname || ' ' || pg_catalog.format_type(a.atttypid, a.atttypmod) || CASE WHEN a.attnotnull THEN ' not null' ELSE '' END
                  FROM pg_catalog.pg_attribute AS a WHERE a.attrelid = 'ops.insight_feedback'::regclass AND a.attnum > 0 AND NOT a.attisdropped
                 ORDER BY a.attnum),
          ARRAY['id uuid not null', 'insight_id character varying(100) not null', 'user_id character varying(100) not null',
                'rating integer', 'comment text', 'flag_type character varying(50)', 'flag_reason text',
                'created_at timestamp with time zone not null', 'updated_at timestamp with time zone not null'],
          'ops.insight_feedback: exactly the seed''s columns, types and nullability (timestamptz, D-O1)');
SELECT ok(pg_catalog.col_description('ops.insight_feedback'::regclass, a.attnum) IS NOT NULL,
          'ops.insight_feedback.' || a.attname || ': ' || pg_catalog.format_type(a.atttypid, a.atttypmod) || ', has a comment')
  FROM pg_catalog.pg_attribute AS a WHERE a.attrelid = 'ops.insight_feedback'::regclass AND a.attnum > 0 AND NOT a.attisdropped ORDER BY a.attnum;
SELECT col_is_pk('ops', 'insight_feedback', 'id', 'ops.insight_feedback.insight_feedback_pkey: id');
SELECT col_default_is('ops', 'insight_feedback', 'created_at', 'now()', 'ops.insight_feedback.created_at: default now()');
SELECT col_default_is('ops', 'insight_feedback', 'updated_at', 'now()', 'ops.insight_feedback.updated_at: default now()');
SELECT is((SELECT pg_catalog.pg_get_constraintdef(oid) FROM pg_catalog.pg_constraint
            WHERE conrelid = 'ops.insight_feedback'::regclass AND conname = 'uq_insight_user_feedback'),
          'UNIQUE (insight_id, user_id)', 'ops.insight_feedback.uq_insight_user_feedback: the seed''s UNIQUE (insight_id, user_id)');
SELECT is((SELECT pg_catalog.pg_get_constraintdef(oid) FROM pg_catalog.pg_constraint
            WHERE conrelid = 'ops.insight_feedback'::regclass AND conname = 'chk_rating_range'),
          'CHECK (((rating IS NULL) OR ((rating >= 1) AND (rating <= 5))))', 'ops.insight_feedback.chk_rating_range: the seed''s CHECK');
SELECT has_index('ops', 'insight_feedback', 'idx_feedback_insight', ARRAY['insight_id'], 'ops.insight_feedback.idx_feedback_insight: (insight_id)');
SELECT has_index('ops', 'insight_feedback', 'idx_feedback_user', ARRAY['user_id'], 'ops.insight_feedback.idx_feedback_user: (user_id)');
SELECT has_index('ops', 'insight_feedback', 'idx_feedback_created', ARRAY['created_at'], 'ops.insight_feedback.idx_feedback_created: (created_at)');
SELECT is((SELECT pg_catalog.pg_get_expr(indpred, indrelid) FROM pg_catalog.pg_index WHERE indexrelid = 'ops.insight_feedback_comments_idx'::regclass),
          '(comment IS NOT NULL)', 'ops.insight_feedback.insight_feedback_comments_idx: partial, comments only');
SELECT is((SELECT pg_catalog.pg_get_expr(indpred, indrelid) FROM pg_catalog.pg_index WHERE indexrelid = 'ops.insight_feedback_flagged_idx'::regclass),
          '(flag_type IS NOT NULL)', 'ops.insight_feedback.insight_feedback_flagged_idx: partial, flagged only');
SELECT ok((SELECT relrowsecurity AND relforcerowsecurity FROM pg_catalog.pg_class WHERE oid = 'ops.insight_feedback'::regclass),
          'ops.insight_feedback: row-level security enabled and forced');
SELECT policies_are('ops', 'insight_feedback', ARRAY['insight_feedback_select_owner', 'insight_feedback_select_app', 'insight_feedback_insert_app', 'insight_feedback_update_app',
                    'insight_feedback_delete_app', 'insight_feedback_select_readonly', 'insight_feedback_select_analytics'],
                    'ops.insight_feedback: policies (insight_feedback_select_owner, insight_feedback_select_app, insight_feedback_insert_app, insight_feedback_update_app, insight_feedback_delete_app, insight_feedback_select_readonly, insight_feedback_select_analytics)');
SELECT table_privs_are('ops', 'insight_feedback', 'chain_user', ARRAY[]::text[], 'ops.insight_feedback: chain_user has nothing');
SELECT triggers_are('ops', 'insight_feedback', ARRAY['insight_feedback_set_updated_at', 'notify_change', 'notify_change_truncate'],
                    'ops.insight_feedback: triggers (insight_feedback_set_updated_at and the change feed)');
SELECT function_privs_are('ops', 'upsert_insight_feedback', ARRAY['character varying', 'character varying', 'integer', 'text', 'character varying', 'text'],
                          'chain_app', ARRAY['EXECUTE'], 'ops.upsert_insight_feedback(): chain_app may execute');
SELECT function_privs_are('ops', 'upsert_insight_feedback', ARRAY['character varying', 'character varying', 'integer', 'text', 'character varying', 'text'],
                          'public', ARRAY[]::text[], 'ops.upsert_insight_feedback(): PUBLIC cannot execute');
SELECT results_eq($$SELECT time_column::text COLLATE "default", keep_hot, action FROM ops.retention_policies
                     WHERE table_name = 'ops.insight_feedback'::regclass$$,
                  $$VALUES ('created_at', interval '2 years', 'archive')$$,
                  'ops.insight_feedback: retention rule, archived after 2 years by created_at (D-O5)');

-- behaviour, as the backend
SELECT tests.act_as_role('chain_app');
CREATE TEMP TABLE ids (k text, id uuid) ON COMMIT DROP;
INSERT INTO ids SELECT 'first', ops.upsert_insight_feedback('insight-123', 'uid-a', 4);
SELECT ok((SELECT id IS NOT NULL FROM ids WHERE k = 'first'), 'ops.upsert_insight_feedback(): inserts and returns the id');
INSERT INTO ids SELECT 'flag', ops.upsert_insight_feedback('insight-123', 'uid-a', p_flag_type => 'spam', p_flag_reason => 'ads');
SELECT is((SELECT pg_catalog.count(DISTINCT id)::int FROM ids), 1, 'ops.upsert_insight_feedback(): the same row for the same user and insight');
SELECT is((SELECT (rating, flag_type, flag_reason)::text FROM ops.insight_feedback WHERE insight_id = 'insight-123' AND user_id = 'uid-a'),
          '(4,spam,ads)', 'ops.upsert_insight_feedback(): a later flag keeps the earlier rating (merge, D-O6)');
SELECT lives_ok($$SELECT ops.upsert_insight_feedback('insight-123', 'uid-a', 2, 'changed my mind')$$,
                'ops.upsert_insight_feedback(): a new rating replaces the old');
SELECT is((SELECT (rating, comment, flag_type)::text FROM ops.insight_feedback WHERE insight_id = 'insight-123' AND user_id = 'uid-a'),
          '(2,"changed my mind",spam)', 'ops.upsert_insight_feedback(): given values replace, NULLs keep');
SELECT throws_ok($$SELECT ops.upsert_insight_feedback('insight-123', 'uid-b', 6)$$, '23514', NULL,
                 'ops.insight_feedback.chk_rating_range: rejects a rating of 6');
SELECT throws_ok($$SELECT ops.upsert_insight_feedback('insight-123', 'uid-b', 0)$$, '23514', NULL,
                 'ops.insight_feedback.chk_rating_range: rejects a rating of 0');
SELECT throws_ok($$SELECT ops.upsert_insight_feedback('insight-123', 'uid-b', p_flag_type => 'boring')$$, '23514', NULL,
                 'ops.insight_feedback.insight_feedback_flag_type_check: rejects an unknown flag type (D-O7)');
SELECT throws_ok($$SELECT ops.upsert_insight_feedback('insight-123', 'uid-b', 3, p_flag_reason => 'why')$$, '23514', NULL,
                 'ops.insight_feedback.insight_feedback_flag_reason_check: a reason needs a flag');
SELECT throws_ok($$SELECT ops.upsert_insight_feedback(' ', 'uid-b', 3)$$, '23514', NULL,
                 'ops.insight_feedback.insight_feedback_insight_id_check: rejects a blank insight');
SELECT throws_ok($$SELECT ops.upsert_insight_feedback('insight-123', '', 3)$$, '23514', NULL,
                 'ops.insight_feedback.insight_feedback_user_id_check: rejects a blank user');
SELECT throws_ok($$SELECT ops.upsert_insight_feedback(NULL, 'uid-b', 3)$$, '23502', NULL,
                 'ops.insight_feedback.insight_id: not null');
SELECT throws_ok($$INSERT INTO ops.insight_feedback (insight_id, user_id, rating) VALUES ('insight-123', 'uid-a', 1)$$, '23505', NULL,
                 'ops.insight_feedback.uq_insight_user_feedback: a plain second insert for the pair is rejected');
SELECT tests.reset_role();
UPDATE ops.insight_feedback SET updated_at = '2000-01-01' WHERE user_id = 'uid-a';
SELECT FROM ops.upsert_insight_feedback('insight-123', 'uid-a', 5);
SELECT ok((SELECT updated_at > '2000-01-01' FROM ops.insight_feedback WHERE user_id = 'uid-a'),
          'ops.insight_feedback.insight_feedback_set_updated_at: an upsert that merges stamps updated_at');
SELECT tests.act_as_role('chain_analytics');
SELECT is((SELECT pg_catalog.count(*)::int FROM ops.insight_feedback), 1, 'ops.insight_feedback: chain_analytics reads every feedback');
SELECT throws_ok($$UPDATE ops.insight_feedback SET rating = 1$$, '42501', NULL, 'ops.insight_feedback: chain_analytics cannot write');
SELECT tests.act_as_role('chain_user');
SELECT throws_ok($$SELECT * FROM ops.insight_feedback$$, '42501', NULL, 'ops.insight_feedback: chain_user cannot read');
SELECT throws_ok($$SELECT ops.upsert_insight_feedback('insight-123', 'uid-z', 5)$$, '42501', NULL,
                 'ops.upsert_insight_feedback(): chain_user cannot execute');
SELECT tests.reset_role();

SELECT * FROM finish();
ROLLBACK;
