-- expect-error: 42P01
CREATE FUNCTION lookup() RETURNS int LANGUAGE plpgsql AS $$
BEGIN
    RETURN (SELECT count(*) FROM no_such_table);
END $$;
SELECT lookup();
