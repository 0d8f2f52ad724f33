-- pgTAP: core/user_tier — the enum core.user_tier.
BEGIN;
SELECT plan(4);

SELECT has_enum('core', 'user_tier', 'core.user_tier: exists');
SELECT enum_has_labels('core', 'user_tier', ARRAY['free', 'basic', 'premium', 'enterprise'],
                       'core.user_tier: labels, lowest first');
SELECT ok(pg_catalog.obj_description('core.user_tier'::regtype, 'pg_type') IS NOT NULL, 'core.user_tier: has a comment');
SELECT throws_ok($$SELECT 'gold'::core.user_tier$$, '22P02', NULL, 'core.user_tier: rejects an unknown tier');

SELECT * FROM finish();
ROLLBACK;
