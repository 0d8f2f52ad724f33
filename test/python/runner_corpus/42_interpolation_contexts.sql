\set v interpolated
SELECT ':v', $$:v$$, ":v" FROM (SELECT 1 AS ":v") s;
-- :v in a comment
SELECT /* :v */ :'v';
\set stmts 'SELECT 1; SELECT 2'
:stmts;
\set col 'x'
\set expr 'length(:''col'')'
SELECT :expr;
