DO $$ BEGIN RAISE NOTICE 'with detail' USING DETAIL = 'the detail', HINT = 'the hint'; END $$;
DO $$ BEGIN
  RAISE WARNING 'a warning %', 42;
  RAISE INFO 'an info';
  RAISE LOG 'a log line (not sent at the default client_min_messages)';
  RAISE DEBUG 'a debug line';
END $$;
CREATE TABLE IF NOT EXISTS twice (a int);
CREATE TABLE IF NOT EXISTS twice (a int);
DROP TABLE IF EXISTS never_there,
    also_not_there;
