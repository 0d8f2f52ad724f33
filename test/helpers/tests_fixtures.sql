-- test/helpers/tests_fixtures.sql — fixtures several pgTAP files share, one procedure each
-- (loaded after tests.sql into the test template; SECURITY INVOKER: the rows are inserted as the
-- test's owner, the session user, inside the file's transaction, gone at its ROLLBACK).

BEGIN;
SET LOCAL search_path = pg_catalog, pg_temp;

-- tests.tracechain_analytics_fixture(): the TraceChain rows the three analytics matview files
-- (compliance_summary, product_traceability_summary, user_activity_summary) and
-- analytics/update_analytics read:
--   user 1 manufactures products 100 (3 checkpoints over 25.5 h; stakeholders: itself, user 2 twice
--   (two roles), user 3 inactive) and 101 (nothing); user 2 records 2 checkpoints, has 2 point rows
--   and 3 token transactions (2 confirmed); user 4 has nothing
CREATE PROCEDURE tests.tracechain_analytics_fixture()
LANGUAGE sql
SET search_path = pg_catalog, pg_temp
AS $fixture$
INSERT INTO core.users (id, wallet_address, tier) OVERRIDING SYSTEM VALUE VALUES
    (1, '0x1111111111111111111111111111111111111111', 'enterprise'), (2, '0x2222222222222222222222222222222222222222', 'premium'),
    (3, '0x3333333333333333333333333333333333333333', 'basic'), (4, '0x4444444444444444444444444444444444444444', 'free');
INSERT INTO trace.products (product_id, product_name, product_type, manufacturer_id, batch_number, manufacture_date)
VALUES (100, 'Aspirin', 'pharmaceutical', 1, 'B-1', '2026-01-01'), (101, 'Coffee', 'food', 1, 'C-1', '2026-01-01');
INSERT INTO trace.stakeholders (id, product_id, user_id, role, added_by, is_active) OVERRIDING SYSTEM VALUE VALUES
    (50, 100, 2, 'distributor', 1, true), (51, 100, 2, 'logistics', 1, true), (52, 100, 3, 'retailer', 1, false);
INSERT INTO trace.checkpoints (id, product_id, "timestamp", location, stakeholder_id, status) OVERRIDING SYSTEM VALUE
SELECT 500, 100, '2026-01-02 00:00Z', 'Plant', id, 'manufactured' FROM trace.stakeholders WHERE product_id = 100 AND role = 'manufacturer';
INSERT INTO trace.checkpoints (id, product_id, "timestamp", location, stakeholder_id, status) OVERRIDING SYSTEM VALUE VALUES
    (501, 100, '2026-01-02 10:00Z', 'Port', 50, 'shipped'), (502, 100, '2026-01-03 01:30Z', 'Shop', 51, 'received');
INSERT INTO token.trace_points (user_id, points, points_type) VALUES (2, 10, 'checkpoint'), (2, 15, 'checkpoint');
INSERT INTO token.transactions (user_id, transaction_type, amount, status, block_number, confirmed_at) VALUES
    (2, 'reward', 100, 'confirmed', 1, now()), (2, 'reward', 50, 'confirmed', 2, now()), (2, 'transfer', 1000, 'pending', NULL, NULL);
INSERT INTO compliance.standards (id, standard_name, standard_code, category) OVERRIDING SYSTEM VALUE VALUES
    (1, 'GMP', 'GMP', 'regulatory'), (2, 'ISO', 'ISO', 'quality');
INSERT INTO compliance.checkpoint_checks (product_id, checkpoint_id, standard_id, compliance_status, checked_by) VALUES
    (100, 500, 1, 'passed', 3), (100, 501, 1, 'failed', 3), (100, 502, 1, 'passed', 3), (100, 502, 2, 'pending', 3);
INSERT INTO compliance.certifications (product_id, standard_id, certification_number, issued_by, issued_at, expires_at, is_valid) VALUES
    (100, 1, 'GMP-OLD', 'Lab', now() - interval '3 years', now() - interval '1 year', false),
    (100, 1, 'GMP-NEW', 'Lab', now() - interval '1 year', NULL, true),
    (100, 2, 'ISO-1', 'Lab', now() - interval '2 years', now() - interval '1 day', true);
$fixture$;
COMMENT ON PROCEDURE tests.tracechain_analytics_fixture() IS 'Test fixture shared by the analytics matview and update_analytics pgTAP files (test/helpers/tests_fixtures.sql).';

-- tests.memory_views_fixture(): the rows the three memory view files (active_assets, batch_statistics,
-- user_statistics) read: a tree, Ann's completed and pending batches, assets of Ann (one burned) and Bob
-- grants on a-ann-1: usable (Bob), exhausted (Cyd), revoked (Dee), expired (Eve)
CREATE PROCEDURE tests.memory_views_fixture()
LANGUAGE sql
SET search_path = pg_catalog, pg_temp
AS $fixture$
INSERT INTO memory.merkle_trees (tree_address, max_depth, max_buffer_size) VALUES ('TreeA1111111111111111111111111111111111111', 14, 64);
INSERT INTO memory.batches (batch_id, owner_address, memory_count, merkle_tree_address, total_cost_lamports, created_at) VALUES
    ('b-ann-1', 'Ann11111111111111111111111111111111111111111', 2, 'TreeA1111111111111111111111111111111111111', 15000, '2026-01-10 23:30:00+00'),
    ('b-ann-2', 'Ann11111111111111111111111111111111111111111', 4, 'TreeA1111111111111111111111111111111111111', 5000, '2026-01-10 01:00:00+00'),
    ('b-ann-3', 'Ann11111111111111111111111111111111111111111', 1, 'TreeA1111111111111111111111111111111111111', 1000, '2026-01-11 00:30:00+00'),
    ('b-bob-1', 'Bob11111111111111111111111111111111111111111', 3, 'TreeA1111111111111111111111111111111111111', 0, '2026-01-11 00:30:00+00');
UPDATE memory.batches SET status = 'processing' WHERE batch_id <> 'b-bob-1';
UPDATE memory.batches SET status = 'completed', confirmed_at = created_at + interval '1 minute', transaction_signature = repeat('5', 87) || right(batch_id, 1)
 WHERE batch_id <> 'b-bob-1';
INSERT INTO memory.assets (asset_id, owner_address, arweave_id, content_hash, batch_id, encryption_key_id, agent_id, memory_type, created_at) VALUES
    ('a-ann-1', 'Ann11111111111111111111111111111111111111111', repeat('a', 43), repeat('0', 64), 'b-ann-1', 'k1', 'agent-1', 'episodic', '2026-01-10 23:31:00+00'),
    ('a-ann-2', 'Ann11111111111111111111111111111111111111111', repeat('b', 43), repeat('1', 64), NULL, 'k1', 'agent-2', 'semantic', '2026-01-12 08:00:00+00'),
    ('a-ann-3', 'Ann11111111111111111111111111111111111111111', repeat('d', 43), repeat('3', 64), NULL, 'k1', 'agent-1', 'semantic', '2026-01-09 08:00:00+00'),
    ('a-bob-1', 'Bob11111111111111111111111111111111111111111', repeat('c', 43), repeat('2', 64), NULL, 'k2', 'agent-3', 'semantic', '2026-01-11 08:00:00+00');
UPDATE memory.assets SET burned_at = now() WHERE asset_id = 'a-ann-3';
INSERT INTO memory.access_grants (asset_id, grantee_address, grantor_address, max_access, created_at, expires_at) VALUES
    ('a-ann-1', 'Bob11111111111111111111111111111111111111111', 'Ann11111111111111111111111111111111111111111', NULL, now(), NULL),
    ('a-ann-1', 'Cyd11111111111111111111111111111111111111111', 'Ann11111111111111111111111111111111111111111', 1, now(), NULL),
    ('a-ann-1', 'Dee11111111111111111111111111111111111111111', 'Ann11111111111111111111111111111111111111111', NULL, now(), NULL),
    ('a-ann-1', 'Eve11111111111111111111111111111111111111111', 'Ann11111111111111111111111111111111111111111', NULL, now() - interval '2 days', now() - interval '1 day');
UPDATE memory.access_grants SET current_access = 1 WHERE grantee_address = 'Cyd11111111111111111111111111111111111111111';
UPDATE memory.access_grants SET revoked_at = now(), revoked_by = grantor_address WHERE grantee_address = 'Dee11111111111111111111111111111111111111111';
INSERT INTO memory.cost_tracking (operation_type, operation_id, wallet_address, total_cost_lamports) VALUES
    ('batch_mint', 'b-ann-1', 'Ann11111111111111111111111111111111111111111', 15000),
    ('transfer', 'x', 'Fay11111111111111111111111111111111111111111', 4000);
$fixture$;
COMMENT ON PROCEDURE tests.memory_views_fixture() IS 'Test fixture shared by the memory view pgTAP files (test/helpers/tests_fixtures.sql).';

COMMIT;
