-- expect-error: P0001
CREATE FUNCTION fails(p int) RETURNS int LANGUAGE plpgsql AS $$
BEGIN
    IF p > 1 THEN
        RAISE EXCEPTION 'p is % (too big)', p
            USING DETAIL = 'p must be at most 1', HINT = 'pass 1';
    END IF;
    RETURN p;
END $$;
SELECT fails(1);
SELECT fails(2);
