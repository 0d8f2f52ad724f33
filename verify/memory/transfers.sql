-- Verify chaindb:memory/transfers on pg

SELECT id, asset_id, from_address, to_address, transaction_signature, transferred_at, metadata
  FROM memory.transfers WHERE FALSE;
SELECT 1 / (relrowsecurity AND relforcerowsecurity)::int FROM pg_catalog.pg_class WHERE oid = 'memory.transfers'::regclass;
SELECT 1 / pg_catalog.count(*) FROM pg_catalog.pg_trigger WHERE tgrelid = 'memory.transfers'::regclass AND tgname = 'transfers_apply';
SELECT 'memory.transfer_asset(text, core.wallet_address, text)'::regprocedure;
