CREATE TABLE before_shell (a int);
\! echo the shell runs, as in psql
\! printf 'no newline'
\echo
CREATE TABLE after_shell (a int);
