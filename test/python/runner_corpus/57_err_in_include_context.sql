-- expect-error: 22012
\echo main starts
\ir inc/raises.sql
\echo never
