SET client_min_messages = warning;
DO $$ BEGIN RAISE NOTICE 'hidden notice'; RAISE WARNING 'shown warning'; END $$;
SET client_min_messages = debug1;
DO $$ BEGIN RAISE DEBUG 'shown debug'; END $$;
RESET client_min_messages;
DO $$ BEGIN RAISE NOTICE 'shown again'; END $$;
