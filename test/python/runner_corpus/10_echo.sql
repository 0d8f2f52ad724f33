\echo plain words   spaced
\echo 'single quoted  kept' "double quoted" 'tab\there' 'it''s'
\echo -n no newline
\echo
\echo -n 
\qecho query output
\echo registry is :registry and :'registry' and :"registry"
\echo undefined :nosuch stays
\echo con'cat'enated"too"
SELECT 'between';
\echo done \\ \echo second on line
