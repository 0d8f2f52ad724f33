-- Verify chaindb:audit/logs on pg

BEGIN;
SET LOCAL search_path = pg_catalog, pg_temp;  -- resolve nothing through a schema someone else can write

SELECT id, logged_at, table_schema, table_name, operation, record_pk, old_record, new_record,
       changed_columns, actor_id, db_user, txid
  FROM audit.logs WHERE FALSE;
SELECT 1 / pg_catalog.count(*) FROM pg_catalog.pg_partitioned_table WHERE partrelid = 'audit.logs'::regclass;
SELECT 1 / pg_catalog.count(*) FROM pg_catalog.pg_inherits WHERE inhparent = 'audit.logs'::regclass;
SELECT 1 / (NOT pg_catalog.has_table_privilege('chain_app', 'audit.logs', 'INSERT'))::int;
SELECT 1 / pg_catalog.has_table_privilege('chain_auditor', 'audit.logs', 'SELECT')::int;

ROLLBACK;
