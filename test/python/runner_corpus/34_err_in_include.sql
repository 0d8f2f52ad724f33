-- expect-error: 42883
CREATE TABLE from_main (v text);
\ir inc/bad.sql
INSERT INTO from_main VALUES ('never either');
