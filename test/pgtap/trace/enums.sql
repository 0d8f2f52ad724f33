-- pgTAP: trace/enums — labels, comments and owner of the three trace enums; fixtures use every value (test_tracechain.py).
BEGIN;
SELECT plan(13);

-- structure (from the deployed catalog)
SELECT enum_has_labels('trace', 'product_type', ARRAY['pharmaceutical', 'electronics', 'luxury', 'food', 'clothing', 'cosmetics', 'automotive', 'agricultural', 'other']::name[], 'trace.product_type: labels pharmaceutical, electronics, luxury, food, clothing, cosmetics, automotive, agricultural, other');
SELECT ok(pg_catalog.obj_description('trace.product_type'::regtype, 'pg_type') IS NOT NULL, 'trace.product_type: has a comment');
SELECT is((SELECT typowner::regrole::text FROM pg_catalog.pg_type WHERE oid = 'trace.product_type'::regtype), 'chain_owner', 'trace.product_type: owned by chain_owner');
SELECT enum_has_labels('trace', 'checkpoint_status', ARRAY['manufactured', 'quality_checked', 'packaged', 'shipped', 'in_transit', 'received', 'stored', 'sold', 'recalled', 'disposed']::name[], 'trace.checkpoint_status: labels manufactured, quality_checked, packaged, shipped, in_transit, received, stored, sold, recalled, disposed');
SELECT ok(pg_catalog.obj_description('trace.checkpoint_status'::regtype, 'pg_type') IS NOT NULL, 'trace.checkpoint_status: has a comment');
SELECT is((SELECT typowner::regrole::text FROM pg_catalog.pg_type WHERE oid = 'trace.checkpoint_status'::regtype), 'chain_owner', 'trace.checkpoint_status: owned by chain_owner');
SELECT enum_has_labels('trace', 'stakeholder_role', ARRAY['manufacturer', 'distributor', 'retailer', 'consumer', 'regulator', 'auditor', 'logistics', 'quality_control']::name[], 'trace.stakeholder_role: labels manufacturer, distributor, retailer, consumer, regulator, auditor, logistics, quality_control');
SELECT ok(pg_catalog.obj_description('trace.stakeholder_role'::regtype, 'pg_type') IS NOT NULL, 'trace.stakeholder_role: has a comment');
SELECT is((SELECT typowner::regrole::text FROM pg_catalog.pg_type WHERE oid = 'trace.stakeholder_role'::regtype), 'chain_owner', 'trace.stakeholder_role: owned by chain_owner');

-- behaviour
SELECT throws_ok($$SELECT 'spaceship'::trace.product_type$$, '22P02', NULL, 'trace.product_type: rejects an unknown type');
SELECT throws_ok($$SELECT 'lost'::trace.checkpoint_status$$, '22P02', NULL, 'trace.checkpoint_status: rejects an unknown status');
SELECT throws_ok($$SELECT 'king'::trace.stakeholder_role$$, '22P02', NULL, 'trace.stakeholder_role: rejects an unknown role');
SELECT ok('manufactured'::trace.checkpoint_status < 'disposed'::trace.checkpoint_status, 'trace.checkpoint_status: in supply-chain order');

SELECT * FROM finish();
ROLLBACK;
