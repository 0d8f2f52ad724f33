-- expect-error: 22012
CREATE TABLE kept (a int);
\echo before the end
SELECT 1 / 0;
