-- pgTAP: memory/has_access — memory.has_access() and memory.consume_grant(): access checks and atomic use counting (the race for the last use: test/python/test_memory_concurrency.py).
BEGIN;
SELECT plan(36);

-- func memory.has_access(text, core.wallet_address): 4 assertions
SELECT tests.function_conventions('memory.has_access(text, core.wallet_address)');

-- func memory.consume_grant(text, core.wallet_address): 4 assertions
SELECT tests.function_conventions('memory.consume_grant(text, core.wallet_address)');

-- fixture, as the test's owner: Ann's assets and grants to Bob (limited), Cyd (expiring), Dee (revoked)
INSERT INTO memory.assets (asset_id, owner_address, arweave_id, content_hash, encryption_key_id, agent_id, memory_type) VALUES
    ('a-ann-1', 'Ann11111111111111111111111111111111111111111', repeat('a', 43), repeat('0', 64), 'k1', 'agent-1', 'episodic'),
    ('a-ann-2', 'Ann11111111111111111111111111111111111111111', repeat('b', 43), repeat('1', 64), 'k1', 'agent-1', 'semantic');
INSERT INTO memory.access_grants (asset_id, grantee_address, grantor_address, max_access, expires_at) VALUES
    ('a-ann-1', 'Bob11111111111111111111111111111111111111111', 'Ann11111111111111111111111111111111111111111', 2, NULL),
    ('a-ann-1', 'Cyd11111111111111111111111111111111111111111', 'Ann11111111111111111111111111111111111111111', NULL, now() + interval '1 hour'),
    ('a-ann-1', 'Dee11111111111111111111111111111111111111111', 'Ann11111111111111111111111111111111111111111', NULL, NULL),
    ('a-ann-2', 'Bob11111111111111111111111111111111111111111', 'Ann11111111111111111111111111111111111111111', NULL, NULL);
UPDATE memory.access_grants SET revoked_at = now(), revoked_by = grantor_address WHERE grantee_address = 'Dee11111111111111111111111111111111111111111';

-- behaviour: memory.has_access (as the backend)
SELECT ok(memory.has_access('a-ann-1', 'Ann11111111111111111111111111111111111111111'), 'memory.has_access(): the owner has access');
SELECT ok(memory.has_access('a-ann-1', 'Bob11111111111111111111111111111111111111111'), 'memory.has_access(): a usable limited grant gives access');
SELECT ok(memory.has_access('a-ann-1', 'Cyd11111111111111111111111111111111111111111'), 'memory.has_access(): an unexpired grant gives access');
SELECT ok(NOT memory.has_access('a-ann-1', 'Dee11111111111111111111111111111111111111111'), 'memory.has_access(): a revoked grant gives none');
SELECT ok(NOT memory.has_access('a-ann-1', 'Eve11111111111111111111111111111111111111111'), 'memory.has_access(): no grant, no access');
SELECT ok(NOT memory.has_access('a-none', 'Ann11111111111111111111111111111111111111111'), 'memory.has_access(): an unknown asset gives none');
SELECT ok(NOT memory.has_access('a-ann-1', NULL), 'memory.has_access(): a NULL wallet has none');

-- behaviour: memory.consume_grant counts uses
SELECT is(memory.consume_grant('a-ann-1', 'Bob11111111111111111111111111111111111111111'), 1, 'memory.consume_grant(): one use counted, one left');
SELECT is((SELECT current_access FROM memory.access_grants WHERE asset_id = 'a-ann-1' AND grantee_address = 'Bob11111111111111111111111111111111111111111'), 1,
          'memory.consume_grant(): current_access advanced');
SELECT isnt((SELECT last_accessed_at FROM memory.access_grants WHERE asset_id = 'a-ann-1' AND grantee_address = 'Bob11111111111111111111111111111111111111111'), NULL,
            'memory.consume_grant(): last_accessed_at stamped');
SELECT is(memory.consume_grant('a-ann-1', 'Bob11111111111111111111111111111111111111111'), 0, 'memory.consume_grant(): the last use, none left');
SELECT throws_ok($$SELECT memory.consume_grant('a-ann-1', 'Bob11111111111111111111111111111111111111111')$$, '42501', NULL,
                 'memory.consume_grant(): an exhausted grant is refused');
SELECT ok(NOT memory.has_access('a-ann-1', 'Bob11111111111111111111111111111111111111111'), 'memory.has_access(): an exhausted grant gives none');
SELECT is(memory.consume_grant('a-ann-1', 'Cyd11111111111111111111111111111111111111111'), NULL::integer, 'memory.consume_grant(): unlimited grant, NULL left');
SELECT is(memory.consume_grant('a-ann-1', 'Ann11111111111111111111111111111111111111111'), NULL::integer, 'memory.consume_grant(): the owner is not counted');
SELECT throws_ok($$SELECT memory.consume_grant('a-ann-1', 'Dee11111111111111111111111111111111111111111')$$, '42501', NULL,
                 'memory.consume_grant(): a revoked grant is refused');
SELECT throws_ok($$SELECT memory.consume_grant('a-ann-1', NULL)$$, '42501', NULL, 'memory.consume_grant(): a NULL wallet is refused');
-- an expired grant (granted two days ago for one day)
INSERT INTO memory.access_grants (asset_id, grantee_address, grantor_address, created_at, expires_at) VALUES
    ('a-ann-1', 'Fay11111111111111111111111111111111111111111', 'Ann11111111111111111111111111111111111111111', now() - interval '2 days', now() - interval '1 day');
SELECT ok(NOT memory.has_access('a-ann-1', 'Fay11111111111111111111111111111111111111111'), 'memory.has_access(): an expired grant gives none');
SELECT throws_ok($$SELECT memory.consume_grant('a-ann-1', 'Fay11111111111111111111111111111111111111111')$$, '42501', NULL,
                 'memory.consume_grant(): an expired grant is refused');

-- behaviour: as end users
SELECT tests.act_as_wallet('Bob11111111111111111111111111111111111111111');
SELECT ok(memory.has_access('a-ann-2'), 'memory.has_access(): defaults to the caller''s wallet');
SELECT is(memory.consume_grant('a-ann-2'), NULL::integer, 'memory.consume_grant(): an end user uses its own grant');
SELECT throws_ok($$SELECT memory.consume_grant('a-ann-2', 'Cyd11111111111111111111111111111111111111111')$$, '42501', NULL,
                 'memory.consume_grant(): an end user cannot spend another wallet''s grant');
SELECT throws_ok($$UPDATE memory.access_grants SET current_access = 0$$, '42501', NULL,
                 'memory.access_grants.current_access: an end user cannot reset its counter');
SELECT tests.act_as_wallet('Eve11111111111111111111111111111111111111111');
SELECT ok(NOT memory.has_access('a-ann-2'), 'memory.has_access(): a stranger has none');
SELECT tests.reset_role();
UPDATE memory.assets SET burned_at = now() WHERE asset_id = 'a-ann-2';
SELECT ok(NOT memory.has_access('a-ann-2', 'Ann11111111111111111111111111111111111111111'), 'memory.has_access(): a burned asset gives no access, not even to its owner');
SELECT throws_ok($$SELECT memory.consume_grant('a-ann-2', 'Bob11111111111111111111111111111111111111111')$$, '42501', NULL,
                 'memory.consume_grant(): a grant on a burned asset is refused');
SELECT function_privs_are('memory', 'has_access', ARRAY['text', 'core.wallet_address'], 'chain_readonly', ARRAY[]::text[],
                          'memory.has_access(): chain_readonly cannot execute');
SELECT function_privs_are('memory', 'consume_grant', ARRAY['text', 'core.wallet_address'], 'chain_user', ARRAY['EXECUTE'],
                          'memory.consume_grant(): chain_user may execute');

SELECT * FROM finish();
ROLLBACK;
