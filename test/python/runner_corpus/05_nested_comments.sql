/* leading block comment; with a semicolon
   /* and a nested one; */ still commented; SELECT 'no';
*/
SELECT 1 /* inline ; comment */ + 2;
-- line comment ; SELECT 'not run';
SELECT 'after' -- trailing comment; with semicolon
;
/**/ SELECT 3 /* /* /* deep */ */ */ ;
SELECT 4 /*/ odd opener */;
