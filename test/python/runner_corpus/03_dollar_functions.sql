CREATE FUNCTION greet(who text) RETURNS text LANGUAGE plpgsql AS $$
DECLARE
    msg text := 'it''s; a greeting';
BEGIN
    -- a comment with ; and ' inside the body
    RETURN msg || ' to ' || who || ';';
END;
$$;

CREATE FUNCTION tagged() RETURNS text LANGUAGE plpgsql AS $fn$
BEGIN
    RETURN $$inner $$ || 'dollars; ' || $q$'quoted'$q$;
END
$fn$;

CREATE FUNCTION add_sql(a int, b int) RETURNS int LANGUAGE sql IMMUTABLE AS $body$
    SELECT $1 + $2;
$body$;

SELECT greet('world'), tagged(), add_sql(2, 3);
