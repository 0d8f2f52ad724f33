CREATE TABLE log (n int, msg text);
DO $$
BEGIN
    FOR i IN 1..3 LOOP
        INSERT INTO log VALUES (i, format('row %s; done', i));
    END LOOP;
    RAISE NOTICE 'inserted % rows', 3;
END
$$;
DO $do$ BEGIN INSERT INTO log VALUES (4, $x$it's $$ fine$x$); END $do$ LANGUAGE plpgsql;
SELECT n, msg FROM log ORDER BY n;
