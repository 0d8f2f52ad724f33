INSERT INTO chain VALUES ('c: ' || :'registry');
\ir ../../sub/leaf.sql
