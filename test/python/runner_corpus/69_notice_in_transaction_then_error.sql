-- expect-error: 42P07
BEGIN;
CREATE TABLE t1 (a int);
DO $$ BEGIN RAISE NOTICE 'inside the transaction'; END $$;
CREATE TABLE t1 (a int);
COMMIT;
