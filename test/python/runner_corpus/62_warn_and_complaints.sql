\warn first warning
\if nope
\echo not shown
\endif
\echo 'unterminated
\warn -n no newline
\warn
\echo done
