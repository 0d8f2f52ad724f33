-- current_query() shows the exact text sent, so psql's and ours must be identical.
SELECT current_query();
   -- indented comment
   SELECT
   
   current_query() -- trailing
   ;
/* block comment first */ SELECT current_query();
SELECT 1,
\echo between the lines
  current_query();
\set v 'current_query()'
SELECT :v, 'x'
   'y';
SELECT length(current_query()) \; SELECT current_query();
SELECT current_query()
