CREATE TABLE a$b (x$ int);
INSERT INTO a$b VALUES (1);
SELECT x$ FROM a$b;
SELECT $a$ $b$ not the end $b$ ; $$ ; $a$, $_$x$_$, $Tag1$;$Tag1$;
CREATE FUNCTION two(int, int) RETURNS int LANGUAGE sql AS 'SELECT $1 * $2';
SELECT two(6, 7);
SELECT $$multi
line; body
$$;
