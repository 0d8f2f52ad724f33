-- pgTAP: memory lookups — the seed's usage and maintenance queries (checklist §2.8 M-Q1..M-Q6),
-- adapted to schema memory, are index-served (tests.uses_index / tests.prunes_to) on generated
-- volume (ANALYZEd; no planner setting changed). Results on the development fixture, the monitoring
-- statements M-Q7..M-Q11 and the lookups of the memory functions: test/python/test_lookups_memory.py.
BEGIN;
SELECT plan(9);

-- volume, generated server-side: 1000 wallets, 10 of everything each
SET LOCAL session_replication_role = replica;   -- bulk load: no guard, audit or notify triggers, no FK checks
CREATE TEMP TABLE w ON COMMIT DROP AS
SELECT g AS wn, 'W' || lpad(translate(g::text, '0', 'z'), 40, 'x') AS wallet FROM generate_series(0, 999) AS g;
INSERT INTO memory.merkle_trees (tree_address, max_depth, max_buffer_size) VALUES ('Tree' || repeat('x', 36), 20, 64);
INSERT INTO memory.batches (batch_id, owner_address, memory_count, merkle_tree_address, status, transaction_signature, confirmed_at,
                            total_cost_lamports, created_at)
SELECT 'b' || g, w.wallet, 2, 'Tree' || repeat('x', 36), CASE WHEN g % 10 = 0 THEN 'failed' ELSE 'completed' END::memory.batch_status,
       CASE WHEN g % 10 <> 0 THEN lpad(translate(g::text, '0', 'z'), 88, 'x') END, CASE WHEN g % 10 <> 0 THEN now() END,
       5000, now() - (g % 350) * interval '1 day'
  FROM generate_series(1, 10000) AS g JOIN w ON w.wn = g % 1000;
INSERT INTO memory.assets (asset_id, owner_address, arweave_id, content_hash, encryption_key_id, agent_id, memory_type, created_at)
SELECT 'a' || g, w.wallet, lpad(g::text, 43, 'x'), md5(g::text) || md5(g::text), 'k', 'agent', 'episodic', now() - (g % 350) * interval '1 day'
  FROM generate_series(1, 10000) AS g JOIN w ON w.wn = g % 1000;
INSERT INTO memory.access_grants (asset_id, grantee_address, grantor_address, created_at, expires_at, revoked_at, revoked_by)
SELECT 'a' || g, w2.wallet, w.wallet, now() - interval '1 day', CASE WHEN g % 4 = 0 THEN now() + interval '1 day' END,
       CASE WHEN g % 5 = 0 THEN now() END, CASE WHEN g % 5 = 0 THEN w.wallet END
  FROM generate_series(1, 10000) AS g JOIN w ON w.wn = g % 1000 JOIN w AS w2 ON w2.wn = (g * 7 + 1) % 1000;
INSERT INTO memory.cost_tracking (operation_type, operation_id, wallet_address, total_cost_lamports, "timestamp")
SELECT 'mint', 'op' || g, w.wallet, 5000 + g % 100, now() - (g % 350) * interval '1 day'
  FROM generate_series(1, 10000) AS g JOIN w ON w.wn = g % 1000;
INSERT INTO memory.minting_queue (request_id, owner_address, memory_content, agent_id, status, asset_id, completed_at, created_at)
SELECT 'r' || g, w.wallet, 'm', 'agent', 'completed', 'a1', now() - (g % 30) * interval '1 hour', now() - interval '2 days'
  FROM generate_series(1, 10000) AS g JOIN w ON w.wn = g % 1000;
UPDATE memory.minting_queue SET completed_at = now() - interval '8 days' WHERE id % 500 = 0;
SET LOCAL session_replication_role = origin;
SET LOCAL ROLE chain_owner;   -- an old month of the operation log, its partition made as maint does
CREATE TABLE memory.audit_logs_p2000_01 PARTITION OF memory.audit_logs FOR VALUES FROM ('2000-01-01 00:00:00+00') TO ('2000-02-01 00:00:00+00');
RESET ROLE;
INSERT INTO memory.audit_logs (wallet_address, action, "timestamp")
SELECT w.wallet, 'asset.mint', '2000-01-01'::timestamptz + g * interval '1 minute' FROM generate_series(1, 2000) AS g JOIN w ON w.wn = g % 1000;
ANALYZE memory.batches, memory.assets, memory.access_grants, memory.cost_tracking, memory.minting_queue, memory.audit_logs;

-- M-Q1: a user's memory assets, newest first
SELECT tests.uses_index($$SELECT * FROM memory.assets WHERE owner_address = 'W' || lpad('42', 40, 'x') ORDER BY created_at DESC$$,
                        'memory.assets_owner_address_created_at_idx',
                        'memory.assets_owner_address_created_at_idx: serves the seed''s query of a user''s assets, newest first (M-Q1)');
-- the same as that user, through the seed's owner_access policy
SELECT tests.act_as_wallet('W' || lpad('42', 40, 'x'));
SELECT tests.uses_index($$SELECT * FROM memory.assets WHERE owner_address = 'W' || lpad('42', 40, 'x') ORDER BY created_at DESC$$,
                        'memory.assets_owner_address_created_at_idx',
                        'memory.assets.assets_select_own: M-Q1 as the owner, RLS planned, is index-served');
SELECT tests.reset_role();
-- M-Q2: batch statistics of the last 30 days
SELECT tests.uses_index($$SELECT * FROM memory.batch_statistics WHERE date >= CURRENT_DATE - INTERVAL '30 days'$$,
                        'memory.batches_completed_day_idx',
                        'memory.batches_completed_day_idx: serves memory.batch_statistics filtered by date (M-Q2)');
-- M-Q3: a grantee's active grants with the owner
SELECT tests.uses_index($$SELECT ag.*, ma.owner_address FROM memory.access_grants ag JOIN memory.assets ma ON ag.asset_id = ma.asset_id
                          WHERE ag.grantee_address = 'W' || lpad('42', 40, 'x') AND ag.revoked_at IS NULL
                            AND (ag.expires_at IS NULL OR ag.expires_at > NOW())$$,
                        'memory.access_grants_live_grantee_expires_at_idx',
                        'memory.access_grants_live_grantee_expires_at_idx: serves a grantee''s active grants (M-Q3)');
SELECT tests.uses_index($$SELECT ag.*, ma.owner_address FROM memory.access_grants ag JOIN memory.assets ma ON ag.asset_id = ma.asset_id
                          WHERE ag.grantee_address = 'W' || lpad('42', 40, 'x') AND ag.revoked_at IS NULL
                            AND (ag.expires_at IS NULL OR ag.expires_at > NOW())$$,
                        'memory.assets_pkey', 'memory.assets.assets_pkey: serves the join to the granted asset (M-Q3)');
-- M-Q4: costs over time for one wallet
SELECT tests.uses_index($$SELECT DATE_TRUNC('day', timestamp) as date, COUNT(*) as operations, SUM(total_cost_lamports) as total_cost,
                                 AVG(total_cost_lamports) as avg_cost
                            FROM memory.cost_tracking WHERE wallet_address = 'W' || lpad('42', 40, 'x')
                           GROUP BY DATE_TRUNC('day', timestamp) ORDER BY date DESC$$,
                        'memory.cost_tracking_wallet_address_timestamp_idx',
                        'memory.cost_tracking_wallet_address_timestamp_idx: serves a wallet''s cost per day (M-Q4)');
-- M-Q5: cleanup of completed queue entries older than 7 days
SELECT tests.uses_index($$DELETE FROM memory.minting_queue WHERE status = 'completed' AND completed_at < NOW() - INTERVAL '7 days'$$,
                        'memory.minting_queue_completed_at_idx',
                        'memory.minting_queue_completed_at_idx: serves the seed''s 7-day cleanup (M-Q5)');
-- M-Q6: cleanup of audit logs older than 90 days: only the old month is read
SELECT set_eq($$SELECT DISTINCT (pg_catalog.regexp_match(l, 'Scan on (audit_logs_[a-z0-9_]+)'))[1]
                 FROM tests._explain($q$SELECT * FROM memory.audit_logs WHERE timestamp < NOW() - INTERVAL '90 days'$q$) AS l
                WHERE l ~ 'Scan on audit_logs_'$$,
              ARRAY['audit_logs_p2000_01', 'audit_logs_default'],
              'memory.audit_logs: the rows of the seed''s 90-day cleanup are read from the old month''s partition only, and the DEFAULT one (M-Q6)');
SELECT is((SELECT pg_catalog.count(*)::int FROM memory.assets WHERE owner_address = 'W' || lpad('42', 40, 'x')), 10,
          'memory.assets: M-Q1 returns the user''s 10 assets');

SELECT * FROM finish();
ROLLBACK;
