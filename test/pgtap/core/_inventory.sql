-- pgTAP: core — exactly these objects (an unexpected one fails). Later changes adding to core
-- extend these lists.
BEGIN;
SELECT plan(11);

SELECT tables_are('core', ARRAY['users', 'state_transitions'], 'core: tables');
SELECT views_are('core', ARRAY[]::name[], 'core: views');
SELECT materialized_views_are('core', ARRAY[]::name[], 'core: materialized views');
SELECT functions_are('core', ARRAY['normalize_wallet', 'set_updated_at', 'current_user_id', 'current_wallet',
                     'primary_key_columns', 'notify_change', 'enable_notify', 'disable_notify', 'user_stats',
                     'enable_backend_access', 'enable_schema_access',
                     'is_enum_label', 'enforce_transition', 'enable_state_machine'], 'core: functions');
SELECT enums_are('core', ARRAY['user_tier'], 'core: enums');
SELECT domains_are('core', ARRAY['wallet_address'], 'core: domains');
SELECT sequences_are('core', ARRAY['users_id_seq'], 'core: sequences');
SELECT indexes_are('core', 'users', ARRAY['users_pkey', 'users_wallet_address_key', 'users_email_lower_key',
                   'users_tier_idx', 'users_created_at_idx'], 'core.users: indexes');
SELECT triggers_are('core', 'users', ARRAY['users_set_updated_at', 'notify_change', 'notify_change_truncate',
                    'audit_capture', 'audit_capture_truncate'], 'core.users: triggers');
SELECT policies_are('core', 'users', ARRAY['users_select_own', 'users_update_own', 'users_select_app', 'users_insert_app',
                    'users_update_app', 'users_delete_app', 'users_select_readonly', 'users_select_owner'], 'core.users: policies');
SELECT is((SELECT pg_catalog.array_agg(t.typname::text ORDER BY t.typname) FROM pg_catalog.pg_type AS t
            WHERE t.typnamespace = 'core'::regnamespace AND t.typtype NOT IN ('b', 'c') AND t.typelem = 0),
          ARRAY['user_tier', 'wallet_address'], 'core: types (enums and domains)');

SELECT * FROM finish();
ROLLBACK;
