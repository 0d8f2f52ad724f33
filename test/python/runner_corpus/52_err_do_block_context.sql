-- expect-error: 22012
CREATE TABLE before_do (a int);
DO $$
DECLARE
    x int;
BEGIN
    x := 1 / 0;
END
$$;
