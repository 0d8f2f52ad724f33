-- Revert chaindb:audit/capture from pg
-- (tables still tracked keep their triggers and block this revert: the changes that called
-- audit.enable_tracking revert first, as their plan order demands)

BEGIN;

SET LOCAL search_path = pg_catalog, pg_temp;  -- resolve nothing through a schema someone else can write

DROP FUNCTION audit.enable_tracking(regclass, boolean);
DROP FUNCTION audit.disable_tracking(regclass);
DROP FUNCTION audit.capture_statement();
DROP FUNCTION audit.capture();
DROP FUNCTION audit.record_pk(jsonb, text[]);

COMMIT;
