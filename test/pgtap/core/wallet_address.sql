-- pgTAP: core/wallet_address — the domain core.wallet_address and core.normalize_wallet().
BEGIN;
SELECT plan(22);

SELECT has_domain('core', 'wallet_address', 'core.wallet_address: exists');
SELECT domain_type_is('core', 'wallet_address', 'text', 'core.wallet_address: based on text');
SELECT ok(pg_catalog.obj_description('core.wallet_address'::regtype, 'pg_type') IS NOT NULL,
          'core.wallet_address: has a comment');
SELECT is((SELECT conname::text FROM pg_catalog.pg_constraint WHERE contypid = 'core.wallet_address'::regtype),
          'wallet_address_format', 'core.wallet_address.wallet_address_format: the one domain constraint');

-- accepted stored forms
SELECT lives_ok($$SELECT '0x52908400098527886e0f7030069857d2e4169ee7'::core.wallet_address$$,
                'core.wallet_address: accepts a lower-case EVM address');
SELECT lives_ok($$SELECT '1A1zP1eP5QGefi2DMPTfTL5SLmv7DivfNa'::core.wallet_address$$,
                'core.wallet_address: accepts a Bitcoin P2PKH address');
SELECT lives_ok($$SELECT '3J98t1WpEZ73CNmQviecrnyiWrnqRhWNLy'::core.wallet_address$$,
                'core.wallet_address: accepts a Bitcoin P2SH address');
SELECT lives_ok($$SELECT 'bc1qar0srrr7xfkvy5l643lydnw9re59gtzzwf5mdq'::core.wallet_address$$,
                'core.wallet_address: accepts a bech32 address');
SELECT lives_ok($$SELECT '7EcDhSYGxXyscszYEp35KHN8vvw3svAuLKTzXwCFLtV'::core.wallet_address$$,
                'core.wallet_address: accepts a Solana address');
-- rejected
SELECT throws_ok($$SELECT '0x52908400098527886E0F7030069857D2E4169EE7'::core.wallet_address$$,
                 '23514', NULL, 'core.wallet_address: rejects upper-case EVM (normalise first)');
SELECT throws_ok($$SELECT '0x52908400098527886e0f7030069857d2e4169ee'::core.wallet_address$$,
                 '23514', NULL, 'core.wallet_address: rejects 39 hex digits');
SELECT throws_ok($$SELECT '0x52908400098527886e0f7030069857d2e4169eg7'::core.wallet_address$$,
                 '23514', NULL, 'core.wallet_address: rejects a non-hex digit');
SELECT throws_ok($$SELECT '0OIl0000000000000000000000000000000'::core.wallet_address$$,
                 '23514', NULL, 'core.wallet_address: rejects characters outside base58');
SELECT throws_ok($$SELECT 'abc'::core.wallet_address$$,
                 '23514', NULL, 'core.wallet_address: rejects a short string');
SELECT throws_ok($$SELECT ''::core.wallet_address$$,
                 '23514', NULL, 'core.wallet_address: rejects the empty string');

-- core.normalize_wallet()
SELECT has_function('core', 'normalize_wallet', ARRAY['text'], 'core.normalize_wallet(): exists');
SELECT volatility_is('core', 'normalize_wallet', ARRAY['text'], 'immutable', 'core.normalize_wallet(): immutable');
SELECT is(core.normalize_wallet(' 0x52908400098527886E0F7030069857D2E4169EE7 ')::text,
          '0x52908400098527886e0f7030069857d2e4169ee7', 'core.normalize_wallet(): lower-cases and trims EVM');
SELECT is(core.normalize_wallet('BC1QAR0SRRR7XFKVY5L643LYDNW9RE59GTZZWF5MDQ')::text,
          'bc1qar0srrr7xfkvy5l643lydnw9re59gtzzwf5mdq', 'core.normalize_wallet(): lower-cases bech32');
SELECT is(core.normalize_wallet('1A1zP1eP5QGefi2DMPTfTL5SLmv7DivfNa')::text,
          '1A1zP1eP5QGefi2DMPTfTL5SLmv7DivfNa', 'core.normalize_wallet(): keeps base58 case');
SELECT throws_ok($$SELECT core.normalize_wallet('not a wallet')$$, '23514', NULL,
                 'core.normalize_wallet(): rejects garbage with 23514');
SELECT function_privs_are('core', 'normalize_wallet', ARRAY['text'], 'public', ARRAY[]::text[],
                          'core.normalize_wallet(): PUBLIC cannot execute');

SELECT * FROM finish();
ROLLBACK;
