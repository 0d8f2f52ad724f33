-- pgTAP: education/modules — education.modules, education.module_prerequisites, the difficulty
-- enum, the cycle check, privileges and catalogue RLS.
BEGIN;
SELECT plan(115);

-- structure: education.modules
SELECT has_table('education', 'modules', 'education.modules: exists');
SELECT tests.table_conventions('education.modules');  -- 9: owner, comments, RLS forced, indexed FKs/policy columns, PUBLIC, backend access
SELECT columns_are('education', 'modules', ARRAY['id', 'slug', 'title', 'description', 'content', 'quiz', 'position',
                   'difficulty', 'min_quiz_score', 'is_required', 'estimated_minutes', 'is_published', 'created_at',
                   'updated_at', 'quiz_questions'], 'education.modules: exactly these columns (quiz_questions: education/quiz_answers)');
SELECT col_type_is('education', 'modules', c, t, 'education.modules.' || c || ': ' || t)
  FROM (VALUES ('id', 'bigint'), ('content', 'jsonb'), ('quiz', 'jsonb'), ('position', 'integer'),
               ('difficulty', 'education.module_difficulty'), ('min_quiz_score', 'smallint'),
               ('is_published', 'boolean'), ('updated_at', 'timestamp with time zone')) AS v (c, t);
SELECT ok(pg_catalog.col_description('education.modules'::regclass, a.attnum) IS NOT NULL
          AND (a.attnotnull OR a.attname IN ('description', 'estimated_minutes', 'quiz_questions')),
          'education.modules.' || a.attname || ': has a comment; NOT NULL unless optional')
  FROM pg_catalog.pg_attribute AS a WHERE a.attrelid = 'education.modules'::regclass AND a.attnum > 0 ORDER BY a.attnum;
SELECT set_eq(pg_catalog.format('SELECT conname::text FROM pg_catalog.pg_constraint WHERE conrelid = %L::regclass', 'education.modules'),
              v, 'education.modules: exactly the constraints ' || pg_catalog.array_to_string(v, ', '))
  FROM (VALUES (ARRAY['modules_pkey', 'modules_slug_key', 'modules_slug_check', 'modules_title_check', 'modules_content_check',
                      'modules_position_check', 'modules_min_quiz_score_check', 'modules_estimated_minutes_check',
                      'modules_position_key', 'modules_quiz_shape'])) AS x (v);
SELECT indexes_are('education', 'modules', ARRAY['modules_pkey', 'modules_slug_key', 'modules_position_key',
                   'modules_published_position_idx'], 'education.modules: exactly these indexes');
SELECT has_index('education', 'modules', 'modules_published_position_idx', ARRAY['is_published', '"position"'],
                 'education.modules.modules_published_position_idx: on (is_published, position)');
SELECT ok((SELECT condeferrable FROM pg_catalog.pg_constraint WHERE conname = 'modules_position_key'),
          'education.modules.modules_position_key: deferrable');
SELECT triggers_are('education', 'modules', ARRAY['modules_set_updated_at'], 'education.modules: exactly these triggers');
SELECT trigger_is('education', 'modules', 'modules_set_updated_at', 'core', 'set_updated_at',
                  'education.modules.modules_set_updated_at: calls core.set_updated_at()');
SELECT enum_has_labels('education', 'module_difficulty', ARRAY['beginner', 'intermediate', 'advanced'],
                       'education.module_difficulty: beginner, intermediate, advanced');

-- structure: education.module_prerequisites
SELECT has_table('education', 'module_prerequisites', 'education.module_prerequisites: exists');
SELECT tests.table_conventions('education.module_prerequisites');  -- 9: owner, comments, RLS forced, indexed FKs/policy columns, PUBLIC, backend access
SELECT columns_are('education', 'module_prerequisites', ARRAY['module_id', 'prerequisite_id', 'created_at'],
                   'education.module_prerequisites: exactly these columns');
SELECT ok(pg_catalog.col_description('education.module_prerequisites'::regclass, a.attnum) IS NOT NULL AND a.attnotnull,
          'education.module_prerequisites.' || a.attname || ': has a comment, NOT NULL')
  FROM pg_catalog.pg_attribute AS a WHERE a.attrelid = 'education.module_prerequisites'::regclass AND a.attnum > 0 ORDER BY a.attnum;
SELECT col_is_pk('education', 'module_prerequisites', ARRAY['module_id', 'prerequisite_id'],
                 'education.module_prerequisites.module_prerequisites_pkey: (module_id, prerequisite_id)');
SELECT fk_ok('education', 'module_prerequisites', 'module_id', 'education', 'modules', 'id',
             'education.module_prerequisites: module_prerequisites_module_id_fkey references modules');
SELECT fk_ok('education', 'module_prerequisites', 'prerequisite_id', 'education', 'modules', 'id',
             'education.module_prerequisites: module_prerequisites_prerequisite_id_fkey references modules');
SELECT has_check('education', 'module_prerequisites', 'education.module_prerequisites.module_prerequisites_not_self: checked');
SELECT indexes_are('education', 'module_prerequisites', ARRAY['module_prerequisites_pkey', 'module_prerequisites_prerequisite_id_idx'],
                   'education.module_prerequisites: exactly these indexes (module_prerequisites_prerequisite_id_idx)');
SELECT triggers_are('education', 'module_prerequisites', ARRAY['module_prerequisites_acyclic'],
                    'education.module_prerequisites: exactly these triggers');
SELECT trigger_is('education', 'module_prerequisites', 'module_prerequisites_acyclic', 'education', 'check_prerequisite_cycle',
                  'education.module_prerequisites.module_prerequisites_acyclic: calls education.check_prerequisite_cycle()');
SELECT function_returns('education', 'check_prerequisite_cycle', ARRAY[]::name[], 'trigger',
                        'education.check_prerequisite_cycle(): returns trigger');
SELECT function_privs_are('education', 'check_prerequisite_cycle', ARRAY[]::name[], 'public', ARRAY[]::text[],
                          'education.check_prerequisite_cycle(): PUBLIC cannot execute');

-- privileges and RLS
SELECT table_privs_are('education', 'modules', 'chain_app', ARRAY['DELETE', 'INSERT', 'SELECT', 'UPDATE'], 'education.modules: chain_app has DML');
SELECT table_privs_are('education', 'modules', 'chain_user', ARRAY[]::text[], 'education.modules: chain_user reads column-wise (no quiz answer key)');
SELECT table_privs_are('education', 'modules', 'chain_readonly', ARRAY[]::text[], 'education.modules: chain_readonly reads column-wise (no quiz answer key)');
SELECT table_privs_are('education', 'module_prerequisites', 'chain_user', ARRAY['SELECT'], 'education.module_prerequisites: chain_user reads');
SELECT policies_are('education', 'modules', ARRAY['modules_select_published', 'modules_select_app', 'modules_insert_app',
                    'modules_update_app', 'modules_delete_app', 'modules_select_readonly', 'modules_select_owner'], 'education.modules: exactly these policies');
SELECT policy_roles_are('education', 'modules', 'modules_select_published', ARRAY['chain_user'],
                        'education.modules.modules_select_published: TO chain_user');
SELECT policy_roles_are('education', 'modules', 'modules_select_readonly', ARRAY['chain_readonly'],
                        'education.modules.modules_select_readonly: TO chain_readonly');
SELECT policy_cmd_is('education', 'modules', p::name, c, 'education.modules.' || p || ': FOR ' || c)
  FROM (VALUES ('modules_select_app', 'select'), ('modules_insert_app', 'insert'), ('modules_update_app', 'update'),
               ('modules_delete_app', 'delete')) AS v (p, c);
SELECT policies_are('education', 'module_prerequisites', ARRAY['module_prerequisites_select_published',
                    'module_prerequisites_select_app', 'module_prerequisites_insert_app', 'module_prerequisites_update_app',
                    'module_prerequisites_delete_app', 'module_prerequisites_select_readonly', 'module_prerequisites_select_owner'],
                    'education.module_prerequisites: exactly these policies');
SELECT policy_cmd_is('education', 'module_prerequisites', p::name, c, 'education.module_prerequisites.' || p || ': FOR ' || c)
  FROM (VALUES ('module_prerequisites_select_published', 'select'), ('module_prerequisites_select_app', 'select'),
               ('module_prerequisites_insert_app', 'insert'), ('module_prerequisites_update_app', 'update'),
               ('module_prerequisites_delete_app', 'delete')) AS v (p, c);

-- behaviour: constraints (ids and positions 4101.. are this file's own)
INSERT INTO education.modules (id, slug, title, position, is_published, quiz) OVERRIDING SYSTEM VALUE VALUES
    (4101, 't-mod-basics', 'Grid basics', 4101, true, '{"questions": [{"question": "What is a grid?", "options": ["a", "b"], "answer": 0}]}'),
    (4102, 't-mod-ranges', 'Price ranges', 4102, true, '{"questions": []}'),
    (4103, 't-mod-draft', 'Draft', 4103, false, '{"questions": []}');
SELECT throws_ok($$INSERT INTO education.modules (slug, title, position) VALUES ('Bad Slug', 'x', 4190)$$,
                 '23514', NULL, 'education.modules.slug: rejects a malformed slug');
SELECT throws_ok($$INSERT INTO education.modules (slug, title, position) VALUES ('t-mod-basics', 'x', 4190)$$,
                 '23505', NULL, 'education.modules.modules_slug_key: rejects a duplicate slug');
SELECT throws_ok($$INSERT INTO education.modules (slug, title, position) VALUES ('t-x1', '  ', 4190)$$,
                 '23514', NULL, 'education.modules.title: rejects a blank title');
SELECT throws_ok($$INSERT INTO education.modules (slug, title, position) VALUES ('t-x2', 'x', 4101)$$,
                 '23505', NULL, 'education.modules.modules_position_key: rejects a taken position');
SELECT throws_ok($$INSERT INTO education.modules (slug, title, position) VALUES ('t-x3', 'x', 0)$$,
                 '23514', NULL, 'education.modules.position: rejects zero');
SELECT throws_ok($$INSERT INTO education.modules (slug, title, position, min_quiz_score) VALUES ('t-x4', 'x', 4190, 101)$$,
                 '23514', NULL, 'education.modules.min_quiz_score: rejects a pass mark above 100');
SELECT throws_ok($$INSERT INTO education.modules (slug, title, position, min_quiz_score) VALUES ('t-x5', 'x', 4190, -1)$$,
                 '23514', NULL, 'education.modules.min_quiz_score: rejects a negative pass mark');
SELECT throws_ok($$INSERT INTO education.modules (slug, title, position, content) VALUES ('t-x6', 'x', 4190, '[]')$$,
                 '23514', NULL, 'education.modules.content: rejects a non-object');
SELECT throws_ok($$INSERT INTO education.modules (slug, title, position, quiz) VALUES ('t-x7', 'x', 4190, '{"questions": [{"question": "q"}]}')$$,
                 '23514', NULL, 'education.modules.modules_quiz_shape: rejects a question without its answer');
SELECT throws_ok($$INSERT INTO education.modules (slug, title, position, quiz) VALUES ('t-x8', 'x', 4190, '{"items": []}')$$,
                 '23514', NULL, 'education.modules.modules_quiz_shape: rejects a quiz without questions');
SELECT throws_ok($$INSERT INTO education.modules (slug, title, position, estimated_minutes) VALUES ('t-x9', 'x', 4190, 0)$$,
                 '23514', NULL, 'education.modules.estimated_minutes: rejects zero');
SELECT throws_ok($$INSERT INTO education.modules (slug, title, position, difficulty) VALUES ('t-x10', 'x', 4190, 'expert')$$,
                 '22P02', NULL, 'education.modules.difficulty: rejects an unknown difficulty');
SELECT lives_ok($$UPDATE education.modules SET position = CASE id WHEN 4101 THEN 4102 ELSE 4101 END WHERE id IN (4101, 4102)$$,
                'education.modules.modules_position_key: two modules swap positions in one statement');
UPDATE education.modules SET position = CASE id WHEN 4101 THEN 4101 ELSE 4102 END WHERE id IN (4101, 4102);

-- behaviour: prerequisites
INSERT INTO education.module_prerequisites (module_id, prerequisite_id) VALUES (4102, 4101), (4103, 4102);
SELECT throws_ok($$INSERT INTO education.module_prerequisites (module_id, prerequisite_id) VALUES (4101, 4101)$$,
                 '23514', NULL, 'education.module_prerequisites.module_prerequisites_not_self: rejects a self-requirement');
SELECT throws_ok($$INSERT INTO education.module_prerequisites (module_id, prerequisite_id) VALUES (4101, 4102)$$,
                 '22023', NULL, 'education.check_prerequisite_cycle: rejects a direct cycle');
SELECT throws_ok($$INSERT INTO education.module_prerequisites (module_id, prerequisite_id) VALUES (4101, 4103)$$,
                 '22023', 'education.module_prerequisites: module 4101 cannot require module 4103: that would close a cycle',
                 'education.module_prerequisites.module_prerequisites_acyclic: rejects a cycle through another module, naming both');
SELECT lives_ok($$INSERT INTO education.module_prerequisites (module_id, prerequisite_id) VALUES (4103, 4101)$$,
                'education.check_prerequisite_cycle(): accepts a redundant but acyclic requirement');
SELECT throws_ok($$DELETE FROM education.modules WHERE id = 4101$$, '23503', NULL,
                 'education.module_prerequisites.prerequisite_id: a required module cannot be deleted');
SELECT throws_ok($$INSERT INTO education.module_prerequisites (module_id, prerequisite_id) VALUES (4101, 999999)$$,
                 '23503', NULL, 'education.module_prerequisites.module_prerequisites_prerequisite_id_fkey: rejects an unknown module');

-- behaviour: updated_at
UPDATE education.modules SET updated_at = '2000-01-01' WHERE id = 4102;
UPDATE education.modules SET title = 'Price ranges 2' WHERE id = 4102;
SELECT is((SELECT updated_at FROM education.modules WHERE id = 4102), pg_catalog.now(),
          'education.modules.modules_set_updated_at: fires on update');

-- behaviour: catalogue RLS
SELECT tests.act_as(NULL);
SELECT results_eq($$SELECT id FROM education.modules WHERE id BETWEEN 4101 AND 4103 ORDER BY id$$, ARRAY[4101::bigint, 4102],
                  'education.modules.modules_select_published: chain_user sees published modules only');
SELECT results_eq($$SELECT module_id FROM education.module_prerequisites WHERE module_id BETWEEN 4101 AND 4103 ORDER BY 1$$,
                  ARRAY[4102::bigint], 'education.module_prerequisites: module_prerequisites_select_published hides requirements of drafts');
SELECT throws_ok($$INSERT INTO education.modules (slug, title, position) VALUES ('t-user', 'x', 4191)$$, '42501', NULL,
                 'education.modules: chain_user cannot create modules');
SELECT tests.act_as_role('chain_readonly');
SELECT is((SELECT pg_catalog.count(*)::int FROM education.modules WHERE id BETWEEN 4101 AND 4103), 2,
          'education.modules.modules_select_readonly: chain_readonly sees published modules only');
SELECT results_eq($$SELECT module_id FROM education.module_prerequisites WHERE module_id BETWEEN 4101 AND 4103 ORDER BY 1$$,
                  ARRAY[4102::bigint], 'education.module_prerequisites.module_prerequisites_select_readonly: chain_readonly does not see requirements of drafts');
SELECT tests.act_as_role('chain_app');
SELECT is((SELECT pg_catalog.count(*)::int FROM education.modules WHERE id BETWEEN 4101 AND 4103), 3,
          'education.modules.modules_select_app: chain_app sees drafts too');
SELECT is((SELECT pg_catalog.count(*)::int FROM education.module_prerequisites WHERE module_id BETWEEN 4101 AND 4103), 3,
          'education.module_prerequisites.module_prerequisites_select_app: chain_app sees every requirement');
SELECT lives_ok($$UPDATE education.modules SET is_published = true WHERE id = 4103$$,
                'education.modules.modules_update_app: chain_app publishes a module');
SELECT lives_ok($$INSERT INTO education.modules (slug, title, position) VALUES ('t-app', 'By the app', 4192)$$,
                'education.modules.modules_insert_app: chain_app creates a module');
SELECT lives_ok($$DELETE FROM education.module_prerequisites WHERE module_id = 4103 AND prerequisite_id = 4101$$,
                'education.module_prerequisites.module_prerequisites_delete_app: chain_app removes a requirement');
SELECT lives_ok($$UPDATE education.module_prerequisites SET created_at = created_at WHERE module_id = 4102$$,
                'education.module_prerequisites.module_prerequisites_update_app: chain_app updates a requirement');
SELECT lives_ok($$INSERT INTO education.module_prerequisites (module_id, prerequisite_id) VALUES (4103, 4101)$$,
                'education.module_prerequisites.module_prerequisites_insert_app: chain_app adds a requirement');
SELECT lives_ok($$DELETE FROM education.modules WHERE slug = 't-app'$$, 'education.modules.modules_delete_app: chain_app deletes a module');
SELECT tests.act_as_role('chain_owner');
SELECT isnt_empty($$SELECT 1 FROM education.modules$$, 'education.modules.modules_select_owner: the owner reads every row under FORCE RLS (definer code, matview refresh)');
SELECT tests.reset_role();

SELECT * FROM finish();
ROLLBACK;
