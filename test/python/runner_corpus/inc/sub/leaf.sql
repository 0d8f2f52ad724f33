INSERT INTO chain VALUES ('leaf');
\echo leaf reached
