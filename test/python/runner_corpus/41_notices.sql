CREATE FUNCTION noisy() RETURNS int LANGUAGE plpgsql AS $$
BEGIN
    RAISE NOTICE 'noisy notice';
    RAISE WARNING 'noisy warning';
    RETURN 1;
END $$;
SELECT noisy();
DROP TABLE IF EXISTS not_there;
\warn to stderr
