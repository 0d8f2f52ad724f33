\set tricky 'O''Brien \\ back; "dq"'
\echo :tricky
CREATE TABLE people (name text);
INSERT INTO people VALUES (:'tricky');
SELECT name, length(name) FROM people;
\set ident 'my "odd" col'
CREATE TABLE odd (:"ident" int);
SELECT attname FROM pg_attribute WHERE attrelid = 'odd'::regclass AND attnum > 0;
