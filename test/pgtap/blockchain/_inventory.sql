-- pgTAP: blockchain — exactly these objects (an unexpected one fails). price_feeds' monthly
-- partitions (price_feeds_pYYYY_MM) come and go with time, so they are matched by name pattern.
BEGIN;
SELECT plan(19);

SELECT tables_are('blockchain', ARRAY['assets', 'price_feeds', 'price_symbols', 'transactions']
                  || ARRAY(SELECT c.relname FROM pg_catalog.pg_inherits AS i JOIN pg_catalog.pg_class AS c ON c.oid = i.inhrelid
                            WHERE i.inhparent = 'blockchain.price_feeds'::regclass AND c.relname ~ '^price_feeds_(p[0-9]{4}_[0-9]{2}|default)$'),
                  'blockchain: tables (assets, price_feeds and its monthly partitions, price_symbols, transactions)');
SELECT views_are('blockchain', ARRAY['latest_prices'], 'blockchain: views');
SELECT materialized_views_are('blockchain', ARRAY[]::name[], 'blockchain: materialized views');
SELECT functions_are('blockchain', ARRAY['address_history', 'latest_price', 'register_price_symbol', 'search_assets'], 'blockchain: functions');
SELECT enums_are('blockchain', ARRAY['asset_type', 'transaction_status'], 'blockchain: enums');
SELECT domains_are('blockchain', ARRAY[]::name[], 'blockchain: domains');
SELECT sequences_are('blockchain', ARRAY['assets_id_seq', 'transactions_id_seq'], 'blockchain: sequences');
SELECT indexes_are('blockchain', 'assets', ARRAY['assets_asset_type_issuer_id_idx', 'assets_issuer_id_idx', 'assets_pkey', 'assets_search_vector_idx', 'assets_specifications_idx', 'assets_symbol_key'], 'blockchain.assets: indexes');
SELECT triggers_are('blockchain', 'assets', ARRAY['assets_set_updated_at', 'audit_capture', 'audit_capture_truncate'], 'blockchain.assets: triggers');
SELECT policies_are('blockchain', 'assets', ARRAY['assets_delete_app', 'assets_insert_app', 'assets_select_all', 'assets_select_app', 'assets_select_readonly', 'assets_update_app', 'assets_select_owner'], 'blockchain.assets: policies');
SELECT indexes_are('blockchain', 'price_feeds', ARRAY['price_feeds_pkey'], 'blockchain.price_feeds: indexes');
SELECT triggers_are('blockchain', 'price_feeds', ARRAY['price_feeds_register_symbol'], 'blockchain.price_feeds: triggers');
SELECT policies_are('blockchain', 'price_feeds', ARRAY['price_feeds_delete_app', 'price_feeds_insert_app', 'price_feeds_select_all', 'price_feeds_select_app', 'price_feeds_select_readonly', 'price_feeds_update_app', 'price_feeds_select_owner'], 'blockchain.price_feeds: policies');
SELECT indexes_are('blockchain', 'price_symbols', ARRAY['price_symbols_pkey'], 'blockchain.price_symbols: indexes');
SELECT triggers_are('blockchain', 'price_symbols', ARRAY[]::name[], 'blockchain.price_symbols: triggers');
SELECT policies_are('blockchain', 'price_symbols', ARRAY['price_symbols_delete_app', 'price_symbols_insert_app', 'price_symbols_select_all', 'price_symbols_select_app', 'price_symbols_select_readonly', 'price_symbols_update_app', 'price_symbols_select_owner'], 'blockchain.price_symbols: policies');
SELECT indexes_are('blockchain', 'transactions', ARRAY['transactions_asset_id_idx', 'transactions_from_address_created_at_idx', 'transactions_pkey', 'transactions_to_address_created_at_idx', 'transactions_tx_hash_key'], 'blockchain.transactions: indexes');
SELECT triggers_are('blockchain', 'transactions', ARRAY['notify_change', 'notify_change_truncate', 'transactions_set_updated_at'], 'blockchain.transactions: triggers');
SELECT policies_are('blockchain', 'transactions', ARRAY['transactions_delete_app', 'transactions_insert_app', 'transactions_select_all', 'transactions_select_app', 'transactions_select_readonly', 'transactions_update_app', 'transactions_select_owner'], 'blockchain.transactions: policies');

SELECT * FROM finish();
ROLLBACK;
